/**
 * The database, as Kysely sees it: every table's columns declared once, here
 * (registry tables in ./types-registry.ts, key-population health in ./types-health.ts). Keep in step with the migrations.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AreaLevel } from '../../domain/areas.js';
import type { Role } from '../../domain/permissions.js';
import type { ExposureCriteria } from '../../domain/self-registration.js';
import type { HealthTables } from './types-health.js';
import type { SelfRegistrationTables } from './types-self-registration.js';
import type { RegistryTables } from './types-registry.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** bigint columns come back from pg as strings; we keep them as strings. */
type BigId = ColumnType<string, string | number, string | number>;
/** The district key: written with the row (Citus routes the row by it), never changed. */
type DistrictKey = ColumnType<string, string | number, never>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface AreasTable {
  id: ColumnType<string, never, never>;
  district_id: ColumnType<string, never, never>;
  parent_id: BigId | null;
  level: AreaLevel;
  code: string;
  stat_code: string | null;
  vintage: number;
  name: string;
  path: ColumnType<string, never, never>;
  depth: ColumnType<number, never, never>;
  retired_at: NullableTimestamp;
  /** Created by the demo seeder: names and codes are illustrative. */
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  phone: string | null;
  role: Role;
  area_id: BigId;
  district_id: ColumnType<string, never, never>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled_at: NullableTimestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins of one claimed username from one client address (an account's or not). */
export interface SignInFailuresTable {
  username: string;
  ip: string;
  /** The account's district, when the name is an account's. */
  district_id: BigId | null;
  /** Failures in the current window (since `window_from`). */
  failures: number;
  window_from: Timestamp;
  last_failed_at: Timestamp;
  /** Until then, this address is refused for this name. */
  paused_until: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  /** 0: the platform (written before any district was known). */
  district_id: BigId;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  area_id: BigId | null;
  area_path: string | null;
  ip: string | null;
  request_id: string | null;
  changes: Json<Record<string, unknown>> | null;
  details: Json<Record<string, unknown>> | null;
}

export interface AreaCountersTable {
  district_id: DistrictKey;
  area_id: BigId;
  metric: string;
  value: ColumnType<string, string | number, string | number>;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  priority: Generated<number>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  lease_until: NullableTimestamp;
  locked_by: string | null;
  heartbeat_at: NullableTimestamp;
  progress: Generated<number>;
  result: Json<Record<string, unknown>> | null;
  error: Json<Record<string, unknown>> | null;
  cancel_requested: Generated<boolean>;
  idempotency_key: string | null;
  created_by: string | null;
  area_id: BigId | null;
  district_id: BigId | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface HealthCategoriesTable {
  district_id: string;
  key: string;
  label: string;
  effective_from: ColumnType<string, string, string>;
  effective_until: ColumnType<string | null, string | null, string | null>;
  /** What puts a self-registering resident in the category; null: staff decide. */
  criteria: ColumnType<ExposureCriteria | null, string | null, string | null>;
}

export interface HealthRulesTable {
  id: Generated<string>;
  district_id: string;
  applies_to: string;
  measure:
    'home_isolation' | 'home_medical_observation' | 'central_isolation' | 'designated_hospital' | 'health_monitoring';
  days: number;
  from_last_contact: boolean;
  negative_tests: number;
  hours_apart: number;
  symptom_free_days: number;
  effective_from: ColumnType<string, string, string>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** A public token's district, on the coordinator (kernel/public-tokens.ts). */
export interface PublicTokensTable {
  token_hash: string;
  kind: 'reg_code' | 'checkin_link' | 'reg_edit';
  district_id: BigId;
}

export interface DB extends RegistryTables, HealthTables, SelfRegistrationTables {
  health_categories: HealthCategoriesTable;
  health_rules: HealthRulesTable;
  areas: AreasTable;
  users: UsersTable;
  sessions: SessionsTable;
  public_tokens: PublicTokensTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  area_counters: AreaCountersTable;
  jobs: JobsTable;
}

export type Area = Selectable<AreasTable>;
export type NewArea = Insertable<AreasTable>;
export type AreaUpdate = Updateable<AreasTable>;
export type User = Selectable<UsersTable>;
export type Job = Selectable<JobsTable>;
