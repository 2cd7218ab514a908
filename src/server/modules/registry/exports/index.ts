/**
 * Exports (导出) of persons as CSV or XLSX, masked unless asked otherwise with a reason,
 * audited and watermarked. The spreadsheet-safe cell writers serve the import's error
 * report too.
 */
export { exportsPlugin } from './routes.js';
export { exportRoutes } from './schemas.js';
export { csvLine, safeCell, UTF8_BOM } from './cells.js';
