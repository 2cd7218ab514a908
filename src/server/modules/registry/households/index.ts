/**
 * Households (一房一户): households in dwellings, their members and occupancies over
 * time, moves in and out. Self-registration enters accepted families through the
 * writes exported here; nothing else of the module is for other modules.
 */
export { householdsPlugin } from './routes.js';
export {
  householdRoutes,
  type CourtyardHouseholdsDto,
  type DwellingHistoryDto,
  type HouseholdDto,
  type PersonHouseholdsDto,
  type RentalsChangedDto,
} from './schemas.js';
export {
  addMembers,
  currentHousehold,
  dwellingInScope,
  householdInScope,
  insertHousehold,
  type NewMember,
} from './service.js';
