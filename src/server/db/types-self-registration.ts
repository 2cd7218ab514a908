/**
 * QR family self-registration tables (migration 2026-11-30T1400-self-registration),
 * as Kysely sees them.
 */
import type { ColumnType, Generated } from 'kysely';
import type { CodePurpose, FamilyForm, MemberExposure } from '../../domain/self-registration.js';

type BigId = ColumnType<string, string | number, string | number>;
/** The district key: written with the row (Citus routes the row by it), never changed. */
type DistrictKey = ColumnType<string, string | number, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type CodeStatus = 'active' | 'paused' | 'revoked';
export type SubmissionStatus = 'new' | 'accepted' | 'rejected';

/** How one member of a version matched the registry when it came in (district-wide). */
export interface MemberMatch {
  key: string;
  /** by document, by name and phone, or none. */
  by: 'document' | 'name_phone' | null;
  personId: string | null;
  /** What differs from the registry, or where the person lives instead. */
  conflicts: ('other_dwelling' | 'phone_differs' | 'name_differs')[];
}

export interface RegCodesTable {
  id: Generated<string>;
  district_id: BigId;
  area_id: BigId;
  area_path: string;
  courtyard_id: string | null;
  /** SHA-256 (hex) of the code's token; the token itself is never stored (codes/tokens.ts). */
  token_hash: string;
  purpose: CodePurpose;
  responsible_name: string;
  responsible_phone: string;
  note: string | null;
  ask_everyone: Generated<boolean>;
  status: Generated<CodeStatus>;
  status_reason: string | null;
  expires_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegSubmissionsTable {
  id: string;
  district_id: BigId;
  code_id: string;
  area_id: BigId;
  area_path: string;
  courtyard_id: string | null;
  dwelling_id: string | null;
  address: string | null;
  edit_token_hash: string;
  family_code: string;
  phones: string[];
  head_name: string;
  version: Generated<number>;
  status: Generated<SubmissionStatus>;
  members: number;
  category_members: Generated<number>;
  fever_members: Generated<number>;
  conflict_members: Generated<number>;
  changed_after_review: Generated<boolean>;
  household_id: string | null;
  /** After acceptance: member key → registry person id. */
  persons: ColumnType<Record<string, string>, string | undefined, string>;
  reviewed_version: number | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  decision_reason: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegVersionsTable {
  id: string;
  district_id: BigId;
  submission_id: string;
  no: number;
  form: Json<FamilyForm>;
  exposures: Json<MemberExposure[]>;
  matches: Json<MemberMatch[]>;
  channel: 'self' | 'recovered';
  created_at: Timestamp;
}

export type RegMetric = 'submissions' | 'persons' | 'proposed' | 'reviewed' | 'accepted_persons' | 'edits';

export interface RegDayCountersTable {
  district_id: DistrictKey;
  area_id: BigId;
  day: ColumnType<string, string, string>;
  metric: RegMetric;
  value: ColumnType<string, string | number, string | number>;
}

export interface SelfRegistrationTables {
  reg_codes: RegCodesTable;
  reg_submissions: RegSubmissionsTable;
  reg_versions: RegVersionsTable;
  reg_day_counters: RegDayCountersTable;
}
