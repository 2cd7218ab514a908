/**
 * The health pages' names for what the server answers, derived from the API contract
 * (src/server/api.ts, types only): nothing here is typed by hand.
 */
import type { QueryOf, Result } from '../../api/client.js';

export type { DayState, EpiStatus, Measure } from '../../../domain/health.js';

export type TimelineDto = Result<'GET', '/api/health-persons/:id'>;
export type MeasureDto = TimelineDto['measures'][number];
export type TestDto = TimelineDto['tests'][number];
export type ChecklistDto = NonNullable<TimelineDto['checklist']>;
export type Blocker = ChecklistDto['blockers'][number];

export type WorkListKey = QueryOf<'GET', '/api/measures'>['list'];
export type WorkItemDto = Result<'GET', '/api/measures'>['items'][number];

export type RulesInForceDto = Result<'GET', '/api/health-rules'>;
export type RuleDto = RulesInForceDto['rules'][number];
export type CategoryDto = RulesInForceDto['categories'][number];

export type AlertDto = Result<'GET', '/api/alerts'>['items'][number];
export type AlertState = AlertDto['state'];
export type AlertFilter = NonNullable<QueryOf<'GET', '/api/alerts'>['state']>;

export type SiteDto = Result<'GET', '/api/care-sites'>['items'][number];
export type SiteDetailDto = Result<'GET', '/api/care-sites/:id'>;
export type SiteKind = SiteDto['kind'];

export type ReportDto = Result<'GET', '/api/daily-reports'>['items'][number];

export type DatasetDto = Result<'GET', '/api/health-data/datasets'>['items'][number];

export type HealthFiguresDto = Result<'GET', '/api/health-figures'>;
export type HealthFigures = HealthFiguresDto['figures'];
export type HealthTrendDto = Result<'GET', '/api/health-figures/trend'>;
