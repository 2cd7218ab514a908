/**
 * Areas (区划): the district's tree of streets, communities and grids, browsed within
 * the actor's scope, created, renamed, recoded, retired and deleted while empty. What
 * other modules and the console may use of it is exported here and nowhere else.
 */
export { areasPlugin } from './routes.js';
export { areaRoutes, area, type AreaDto, type AreaDetailDto } from './schemas.js';
