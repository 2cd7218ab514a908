/**
 * Registration codes (扫码登记的二维码): staff bind a QR code to a courtyard, grid or
 * community, pause or revoke it, print its poster. What other modules may use of it
 * is exported here and nowhere else.
 */
export { codesPlugin } from './routes.js';
export { codeRoutes, type CodeDto, type PosterDto } from './schemas.js';
export { placeName } from './service.js';
export { codeToken, tokenHash } from './tokens.js';
