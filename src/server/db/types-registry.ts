/**
 * Registry tables (一标三实), as Kysely sees them. Part of the one DB interface in
 * ./types.ts; kept in step with migrations/2026-11-29T1100-registry.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DocumentType } from '../../domain/id-number.js';

type Derived<T> = ColumnType<T, never, never>;
type BigId = ColumnType<string, string | number, string | number>;
/** The district key: written with the row (Citus routes the row by it), never changed. */
type DistrictKey = ColumnType<string, string | number, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type NullableDateOnly = ColumnType<string | null, string | null, string | null>;
type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

/** Columns every grid-placed table has; district_id and area_path follow grid_id. */
interface Placed {
  district_id: DistrictKey;
  grid_id: BigId;
  area_path: Derived<string>;
}

export type CourtyardKind = 'urban_compound' | 'resettlement' | 'rural_scattered';
export type OccupancyType = 'owned' | 'rented' | 'lodging' | 'temporary';
export type Relationship = 'head' | 'spouse' | 'child' | 'parent' | 'other';
export type PopulationType = 'registered' | 'floating' | 'overseas';
export type Channel = 'staff' | 'import' | 'self_registration' | 'survey';

export interface CourtyardsTable extends Placed {
  id: Generated<string>;
  name: string;
  kind: CourtyardKind;
  address: string | null;
  gate_status: Generated<'open' | 'closed'>;
  gate_since: NullableDateOnly;
  gate_until: NullableDateOnly;
  retired_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CourtyardContactsTable {
  district_id: DistrictKey;
  id: Generated<string>;
  courtyard_id: string;
  role: 'grid_worker' | 'building_head' | 'property_manager' | 'volunteer' | 'other';
  name: string;
  phone: string;
  building_id: string | null;
  user_id: string | null;
  created_at: Generated<Date>;
}

export interface BuildingsTable {
  district_id: DistrictKey;
  id: Generated<string>;
  courtyard_id: string;
  label: string;
  floors: number | null;
  created_at: Generated<Date>;
}

export interface UnitsTable {
  district_id: DistrictKey;
  id: Generated<string>;
  building_id: string;
  label: string;
  created_at: Generated<Date>;
}

export interface DwellingsTable extends Placed {
  id: Generated<string>;
  courtyard_id: string;
  building_id: string | null;
  unit_id: string | null;
  room: string;
  floor: number | null;
  area_m2: ColumnType<string | null, number | string | null, number | string | null>;
  use: Generated<'residential' | 'commercial' | 'other'>;
  /** Listing order (building, unit, room with numbers compared as numbers), kept by a trigger. */
  sort_key: Derived<string>;
  retired_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PersonsTable extends Placed {
  id: Generated<string>;
  name: string;
  name_grams: Derived<string[]>;
  doc_type: DocumentType;
  doc_number: string;
  gender: 'male' | 'female' | null;
  birth_date: NullableDateOnly;
  phone: string | null;
  phone_tail: Derived<string | null>;
  population_type: Generated<PopulationType>;
  hukou_place: string | null;
  work_unit: string | null;
  tags: Generated<string[]>;
  merged_into: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HouseholdsTable extends Placed {
  id: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HouseholdMembersTable {
  id: Generated<string>;
  district_id: BigId;
  household_id: string;
  person_id: string;
  relationship: Relationship;
  start_date: DateOnly;
  end_date: NullableDateOnly;
}

export interface OccupanciesTable extends Placed {
  id: Generated<string>;
  household_id: string;
  dwelling_id: string;
  courtyard_id: string;
  type: OccupancyType;
  start_date: DateOnly;
  end_date: NullableDateOnly;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RecordVersionsTable {
  id: Generated<string>;
  district_id: BigId;
  area_path: string;
  record_type: 'courtyard' | 'building' | 'unit' | 'dwelling' | 'household' | 'occupancy' | 'person' | 'member';
  record_id: string;
  at: ColumnType<Date, Date | string, never>;
  actor_id: string | null;
  channel: Channel;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface PersonTransfersTable {
  id: Generated<string>;
  district_id: BigId;
  person_id: string;
  from_grid_id: BigId;
  to_grid_id: BigId;
  approver_area: BigId;
  approver_path: string;
  reason: string;
  status: Generated<'pending' | 'approved' | 'rejected' | 'cancelled'>;
  requested_by: string;
  requested_at: ColumnType<Date, Date | string, never>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
}

export interface CourtyardCountersTable {
  district_id: DistrictKey;
  courtyard_id: string;
  metric: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface UploadsTable {
  id: string;
  district_id: BigId;
  filename: string;
  kind: 'csv' | 'xlsx';
  size: ColumnType<string, number, number>;
  path: string;
  created_by: string;
  created_at: ColumnType<Date, Date, never>;
  /** When the file was deleted (its import ended, or its retention passed). */
  removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ImportErrorsTable {
  id: Generated<string>;
  job_id: string;
  row_no: number;
  column_name: string | null;
  value: string | null;
  reason: string;
  severity: Generated<'error' | 'warning'>;
}

export interface ImportSeenTable {
  job_id: string;
  doc_key: string;
  row_no: number;
}

export interface RegistryTables {
  uploads: UploadsTable;
  import_seen: ImportSeenTable;
  import_errors: ImportErrorsTable;
  courtyards: CourtyardsTable;
  courtyard_contacts: CourtyardContactsTable;
  buildings: BuildingsTable;
  units: UnitsTable;
  dwellings: DwellingsTable;
  persons: PersonsTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  occupancies: OccupanciesTable;
  record_versions: RecordVersionsTable;
  person_transfers: PersonTransfersTable;
  courtyard_counters: CourtyardCountersTable;
}
