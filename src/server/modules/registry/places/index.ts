/**
 * Places (一标三实's 实有房屋): courtyards, buildings, units and dwellings under the
 * actor's grids, with their responsible people. What other modules may use of it is
 * exported here and nowhere else.
 */
export { placesPlugin } from './routes.js';
export {
  placeRoutes,
  type BuildingDto,
  type ContactDto,
  type CourtyardDetailDto,
  type CourtyardDto,
  type CourtyardListDto,
  type DwellingDto,
  type DwellingListDto,
  type UnitDto,
} from './schemas.js';
