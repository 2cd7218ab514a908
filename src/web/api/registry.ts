/**
 * Names for the registry's answers and bodies, derived from the API contract (types
 * only): nothing here is typed twice, a change to a route's schema changes these.
 */
import type { ItemOf } from '../lib/usePaged.js';
import type { BodyOf, QueryOf, Result } from './client.js';

export type PersonDto = Result<'GET', '/api/persons/:id'>;
export type PersonalField = PersonDto['masked'][number];
export type DocType = PersonDto['docType'];
export type PopulationType = PersonDto['populationType'];
export type CreatePersonBody = BodyOf<'POST', '/api/persons'>;

export type CourtyardDto = ItemOf<'/api/courtyards'>;
export type CourtyardKind = CourtyardDto['kind'];
export type CourtyardDetailDto = Result<'GET', '/api/courtyards/:id'>;
export type ContactDto = CourtyardDetailDto['contacts'][number];
export type ContactRole = ContactDto['role'];
export type DwellingDto = ItemOf<'/api/courtyards/:id/dwellings'>;

export type HouseholdDto = Result<'GET', '/api/households/:id'>;
export type MemberDto = HouseholdDto['members'][number];
export type Relationship = MemberDto['relationship'];
export type OccupancyDto = HouseholdDto['occupancies'][number];
export type OccupancyType = OccupancyDto['type'];
/** A household living in a courtyard now, with its current members. */
export type CourtyardHousehold = ItemOf<'/api/courtyards/:id/households'>;

export type TransferDto = ItemOf<'/api/transfers'>;

export type VersionDto = Result<'GET', '/api/versions'>['items'][number];
export type VersionRecordType = QueryOf<'GET', '/api/versions'>['type'];

export type UploadDto = Result<'POST', '/api/imports/uploads'>;
