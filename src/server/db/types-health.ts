/**
 * Key-population health tables (migration 2026-11-29T1400-health), as Kysely sees them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { EpiStatus, Measure } from '../../domain/health.js';
import type { DatasetKey, RetentionAction } from '../../domain/health-data.js';

type Derived<T> = ColumnType<T, never, never>;
type BigId = ColumnType<string, string | number, string | number>;
/** The district key: written with the row (Citus routes the row by it), never changed. */
type DistrictKey = ColumnType<string, string | number, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type NullableDateOnly = ColumnType<string | null, string | null, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type CheckinState = 'normal' | 'symptomatic' | 'to_review';
export type CheckinChannel = 'self' | 'household' | 'staff_visit' | 'staff_call';
export type AlertKind = 'symptomatic' | 'not_reported' | 'period_ending' | 'overdue_release' | 'report_missing';
export type AlertState = 'new' | 'acknowledged' | 'handled';
export type MeasureEndReason = 'released' | 'changed' | 'cancelled';
export type HealthEventKind =
  | 'status'
  | 'category_added'
  | 'category_ended'
  | 'measure_started'
  | 'measure_extended'
  | 'measure_changed'
  | 'measure_released'
  | 'test';

export interface ReleaseJson {
  negativeTests: number;
  hoursApart: number;
  symptomFreeDays: number;
}

export interface HealthProfilesTable {
  person_id: string;
  district_id: DistrictKey;
  grid_id: BigId;
  area_path: Derived<string>;
  status: Generated<EpiStatus>;
  status_since: NullableDateOnly;
  categories: Generated<string[]>;
  last_contact: NullableDateOnly;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HealthEventsTable {
  id: Generated<string>;
  person_id: string;
  district_id: BigId;
  at: Timestamp;
  day: DateOnly;
  kind: HealthEventKind;
  details: Json<Record<string, unknown>>;
  reason: string | null;
  actor_id: string | null;
}

export interface HealthPersonCategoriesTable {
  id: Generated<string>;
  person_id: string;
  district_id: BigId;
  category_key: string;
  from_day: DateOnly;
  until_day: NullableDateOnly;
  last_contact: NullableDateOnly;
  actor_id: string | null;
}

export interface IsolationSitesTable {
  id: Generated<string>;
  kind: 'isolation_site' | 'hospital';
  area_id: BigId;
  district_id: DistrictKey;
  area_path: Derived<string>;
  name: string;
  address: string | null;
  beds: number | null;
  retired_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface IsolationRoomsTable {
  district_id: DistrictKey;
  id: Generated<string>;
  site_id: string;
  label: string;
  capacity: number;
}

export interface HealthMeasuresTable {
  id: string;
  person_id: string | null;
  district_id: DistrictKey;
  grid_id: BigId;
  area_path: Derived<string>;
  measure: Measure;
  site_id: string | null;
  room_id: string | null;
  bed: string | null;
  start_day: DateOnly;
  planned_end: NullableDateOnly;
  actual_end: NullableDateOnly;
  end_reason: MeasureEndReason | null;
  previous_id: string | null;
  release: Json<ReleaseJson>;
  basis: ColumnType<string[], string[], string[]>;
  categories: ColumnType<string[], string[], string[]>;
  status: EpiStatus;
  last_contact: NullableDateOnly;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NucleicTestsTable {
  id: string;
  person_id: string | null;
  district_id: BigId;
  area_path: string;
  sampled_at: Timestamp;
  result: 'pending' | 'negative' | 'positive';
  lab: string | null;
  result_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface HealthCheckinsTable {
  person_id: string;
  day: DateOnly;
  district_id: BigId;
  grid_id: BigId;
  area_path: string;
  /** numeric(3,1): pg returns it as a string. */
  temperature: ColumnType<string | null, number | null, number | null>;
  symptoms: ColumnType<string[], string[], string[]>;
  needs_review: Generated<boolean>;
  state: Derived<CheckinState>;
  channel: CheckinChannel;
  reported_by: string | null;
  reporter_person: string | null;
  client_id: string;
  revisions: Generated<number>;
  previous: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HealthCheckinLinksTable {
  id: Generated<string>;
  token_hash: string;
  district_id: BigId;
  person_id: string;
  scope: 'person' | 'household';
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface AlertsTable {
  id: Generated<string>;
  district_id: BigId;
  area_id: BigId;
  area_path: string;
  person_id: string | null;
  kind: AlertKind;
  day: DateOnly;
  dedup_key: string;
  details: Json<Record<string, unknown>>;
  state: Generated<AlertState>;
  level: Generated<number>;
  escalate_at: NullableTimestamp;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  handled_at: NullableTimestamp;
  handled_by: string | null;
  note: string | null;
}

export interface AlertRecipientsTable {
  district_id: DistrictKey;
  user_id: string;
  alert_id: string;
  level: number;
  added_at: Timestamp;
}

export interface DailyReportsTable {
  id: string;
  district_id: BigId;
  community_id: BigId;
  area_path: string;
  day: DateOnly;
  counts: Json<Record<string, number>>;
  zero: boolean;
  notes: string | null;
  late: Generated<boolean>;
  filed_by: string;
  filed_at: Timestamp;
  revisions: Generated<number>;
}

export interface HealthDayCountersTable {
  district_id: DistrictKey;
  area_id: BigId;
  day: DateOnly;
  metric: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface HealthDatasetsTable {
  district_id: string;
  key: DatasetKey;
  label: string;
  legal_basis: string;
  purpose: string;
  retention_days: number;
  action: RetentionAction;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface HealthTables {
  health_profiles: HealthProfilesTable;
  health_events: HealthEventsTable;
  health_person_categories: HealthPersonCategoriesTable;
  isolation_sites: IsolationSitesTable;
  isolation_rooms: IsolationRoomsTable;
  health_measures: HealthMeasuresTable;
  nucleic_tests: NucleicTestsTable;
  health_checkins: HealthCheckinsTable;
  health_checkin_links: HealthCheckinLinksTable;
  alerts: AlertsTable;
  alert_recipients: AlertRecipientsTable;
  daily_reports: DailyReportsTable;
  health_day_counters: HealthDayCountersTable;
  health_datasets: HealthDatasetsTable;
}
