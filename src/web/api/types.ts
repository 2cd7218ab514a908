/** The API contract's types, taken from the server's shared zod schemas (types only). */
import type { z } from 'zod';
import type {
  createPerson,
  createdPerson,
  personList,
  revealed,
} from '../../server/modules/registry/persons/schemas.js';
import type {
  building,
  contact,
  courtyardDetail,
  courtyardList,
  createCourtyard,
  createDwelling,
  dwelling,
  updateCourtyard,
} from '../../server/modules/registry/places/schemas.js';
import type {
  createHousehold,
  dwellingHistory,
  member,
  newMember,
  occupancy,
  rentalsChanged,
} from '../../server/modules/registry/households/schemas.js';
import type { PersonDto } from '../../server/modules/registry/persons/schemas.js';
import type { CourtyardDto } from '../../server/modules/registry/places/schemas.js';
import type { HouseholdDto } from '../../server/modules/registry/households/schemas.js';
import type { transferList } from '../../server/modules/registry/transfers/schemas.js';
import type { TransferDto } from '../../server/modules/registry/transfers/schemas.js';

// ─── Actual-population registry (一标三实) ────────────────────────────────

export type { PersonDto, CourtyardDto, HouseholdDto, TransferDto };
export type TransferListDto = z.infer<typeof transferList>;
export type CreatePersonBody = z.input<typeof createPerson>;
export type CreatedPersonDto = z.infer<typeof createdPerson>;
export type PersonListDto = z.infer<typeof personList>;
export type RevealedDto = z.infer<typeof revealed>;
export type PersonalField = PersonDto['masked'][number];
export type DocType = PersonDto['docType'];
export type PopulationType = PersonDto['populationType'];

export type CourtyardListDto = z.infer<typeof courtyardList>;
export type CreateCourtyardBody = z.input<typeof createCourtyard>;
export type UpdateCourtyardBody = z.input<typeof updateCourtyard>;
export type BuildingDto = z.infer<typeof building>;
export type DwellingDto = z.infer<typeof dwelling>;
export type CreateDwellingBody = z.input<typeof createDwelling>;
export type CourtyardKind = CourtyardDto['kind'];

export type ContactDto = z.infer<typeof contact>;
export type ContactRole = ContactDto['role'];
export type CourtyardDetailDto = z.infer<typeof courtyardDetail>;

export type OccupancyDto = z.infer<typeof occupancy>;
export type OccupancyType = OccupancyDto['type'];
export type MemberDto = z.infer<typeof member>;
export type Relationship = MemberDto['relationship'];
export type NewMemberBody = z.input<typeof newMember>;
export type CreateHouseholdBody = z.input<typeof createHousehold>;
export type DwellingHistoryDto = z.infer<typeof dwellingHistory>;
export type RentalsChangedDto = z.infer<typeof rentalsChanged>;

/** GET /api/courtyards/:id/households: the households living in the courtyard now. */
export interface CourtyardHouseholdsDto {
  items: Array<{
    householdId: string;
    occupancy: OccupancyDto;
    members: Array<{ relationship: Relationship; person: PersonDto }>;
  }>;
  nextCursor: string | null;
}

/** GET /api/persons/:id/households: every household and dwelling the person has lived in. */
export interface PersonHouseholdsDto {
  items: Array<{
    householdId: string;
    relationship: Relationship;
    startDate: string;
    endDate: string | null;
    occupancies: OccupancyDto[];
  }>;
}

export type VersionChannel = 'staff' | 'import' | 'self_registration' | 'survey';
export type VersionRecordType =
  'person' | 'courtyard' | 'dwelling' | 'household' | 'occupancy' | 'member' | 'building' | 'unit';
/** GET /api/versions?type=&id=: a record's history. */
export interface VersionDto {
  id: string;
  at: string;
  actorUsername: string | null;
  channel: VersionChannel;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
