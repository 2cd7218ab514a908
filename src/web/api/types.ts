/** The API contract's types, taken from the server's shared zod schemas (types only). */
export type { MeDto } from '../../server/modules/platform/auth/schemas.js';
export type { AreaDto } from '../../server/modules/platform/areas/schemas.js';
export type { UserDto } from '../../server/modules/platform/users/schemas.js';
export type { AuditEntryDto } from '../../server/modules/platform/audit/schemas.js';
export type { DashboardDto } from '../../server/modules/platform/dashboard/schemas.js';
export type { JobDto } from '../../server/modules/platform/jobs/schemas.js';
import type { AreaDto } from '../../server/modules/platform/areas/schemas.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AreaListDto extends Page<AreaDto> {
  scopeRoot: AreaDto;
}

export type AreaDetailDto = AreaDto & {
  ancestors: Array<Pick<AreaDto, 'id' | 'name' | 'level' | 'code'>>;
};
