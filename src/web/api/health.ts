/**
 * The key-population health API's types, taken from the server's shared zod schemas
 * (types only), plus the few response shapes the server declares inline.
 */
import type { z } from 'zod';
import type { alertDto } from '../../server/modules/health/alerts/routes.js';
import type { report, draft, missingList, reportList } from '../../server/modules/health/daily-reports/schemas.js';
import type { dataset, datasetList } from '../../server/modules/health/data/schemas.js';
import type { category, inForce, placementDto, rule } from '../../server/modules/health/rules/schemas.js';
import type {
  blockerKey,
  checklistDto,
  measureDto,
  placeResult,
  profileDto,
  testDto,
  timelineDto,
  WORK_LISTS,
  workItem,
  workList,
} from '../../server/modules/health/measures/schemas.js';
import type { SiteDetailDto, SiteDto, SiteKind } from '../../server/modules/health/care-sites/schemas.js';
import type { Measure, EpiStatus, DayState } from '../../domain/health.js';

export type { Measure, EpiStatus, DayState, SiteDetailDto, SiteDto, SiteKind };
export type WorkListKey = (typeof WORK_LISTS)[number];
export type WorkItemDto = z.infer<typeof workItem>;
export type WorkListDto = z.infer<typeof workList>;
export type MeasureDto = z.infer<typeof measureDto>;
export type ProfileDto = z.infer<typeof profileDto>;
export type PlaceResultDto = z.infer<typeof placeResult>;
export type ChecklistDto = z.infer<typeof checklistDto>;
export type Blocker = z.infer<typeof blockerKey>;
export type TestDto = z.infer<typeof testDto>;
export type TimelineDto = z.infer<typeof timelineDto>;
export type RulesInForceDto = z.infer<typeof inForce>;
export type PlacementPreviewDto = z.infer<typeof placementDto>;
export type RuleDto = z.infer<typeof rule>;
export type CategoryDto = z.infer<typeof category>;
export interface RuleHistoryDto {
  items: RuleDto[];
}

export type AlertDto = z.infer<typeof alertDto>;
export type AlertState = AlertDto['state'];
export type AlertFilter = 'open' | 'new' | 'acknowledged' | 'handled' | 'all';
export interface AlertListDto {
  counts: { new: number; acknowledged: number };
  items: AlertDto[];
  nextCursor: string | null;
}

export type ReportDto = z.infer<typeof report>;
export type DraftDto = z.infer<typeof draft>;
export type ReportListDto = z.infer<typeof reportList>;
export type MissingListDto = z.infer<typeof missingList>;

export type DatasetDto = z.infer<typeof dataset>;
export type DatasetListDto = z.infer<typeof datasetList>;

/** POST /api/health-persons/:id/checkin-links */
export interface CheckinLinkDto {
  id: string;
  scope: 'person' | 'household';
  path: string;
  /** PUBLIC_URL + path, when the server knows the address phones reach. */
  url: string | null;
  token: string;
  expiresAt: string;
  qrSvg: string;
}

/** POST /api/checkins (staff) and each saved entry. */
export interface SavedCheckinDto {
  personId: string;
  day: string;
  temperature: number | null;
  symptoms: string[];
  state: 'normal' | 'symptomatic' | 'to_review';
  revisions: number;
  amended: boolean;
}

/** GET /api/public/checkin/:token: who the link reports for today (masked names). */
export interface PublicCheckinDto {
  day: string;
  cutOff: string;
  scope: 'person' | 'household';
  symptoms: string[];
  people: Array<{
    personId: string;
    name: string;
    relationship: string | null;
    measure: string;
    measureLabel: string;
    plannedEnd: string | null;
    self: boolean;
    today: { temperature: number | null; symptoms: string[]; state: string } | null;
  }>;
}

/** POST /api/public/checkin/:token */
export interface PublicCheckinResultDto {
  day: string;
  saved: Array<{ personId: string; state: string; amended: boolean }>;
}

/** GET /api/health-figures: one area's figures and its children's. */
export interface HealthFigures {
  under: number;
  byMeasure: Record<string, number>;
  new: number;
  released: number;
  symptomatic: number;
  checkedIn: number;
  notReported: number;
  reportsMissing: number;
}
export interface AreaRefDto {
  id: string;
  name: string;
  level: string;
}
export interface HealthFiguresDto {
  day: string;
  live: boolean;
  cutOff: string;
  area: AreaRefDto;
  figures: HealthFigures;
  children: Array<AreaRefDto & { figures: HealthFigures }>;
}
export interface HealthTrendDto {
  area: AreaRefDto;
  days: Array<HealthFigures & { day: string }>;
}
