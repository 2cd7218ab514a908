/** The command center's key-population figures per area and day, with drill-down and trend. */
export { healthFiguresPlugin } from './routes.js';
export { healthFigureRoutes, type AreaFiguresDto, type TrendDto } from './schemas.js';
