/**
 * Transfers (迁入申请): a person registered in one grid asked for by another, decided by
 * staff of the common parent area. Only the routes leave the module.
 */
export { transfersPlugin } from './routes.js';
export { transferRoutes, type TransferDto, type TransferListDto } from './schemas.js';
