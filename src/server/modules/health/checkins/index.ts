/**
 * Daily check-ins of key persons: entered by staff after a visit or call, or by the
 * person (or their household head) through a personal link without an account.
 */
export { checkinsPlugin } from './routes.js';
export { checkinRoutes, type CheckinLinkDto, type LinkSummaryDto } from './schemas.js';
