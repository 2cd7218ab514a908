/** A person as a role may see it: the masking policy applied on the server. */
import {
  maskBirthDate,
  maskIdNumber,
  maskName,
  maskPhone,
  type PersonalField,
  present,
  visibility,
} from '../../../../domain/masking.js';
import type { Role } from '../../../../domain/permissions.js';
import type { PersonRow } from './queries.js';
import type { PersonDto } from './schemas.js';

const MASKS: Record<Exclude<PersonalField, 'address'>, (v: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  birthDate: maskBirthDate,
};

export function fieldValue(row: PersonRow, field: Exclude<PersonalField, 'address'>): string | null {
  return { name: row.name, idNumber: row.doc_number, phone: row.phone, birthDate: row.birth_date }[field];
}

export function presentPerson(role: Role, row: PersonRow): PersonDto {
  const masked: PersonalField[] = [];
  const show = (field: Exclude<PersonalField, 'address'>) => {
    if (visibility(role, field) !== 'full') masked.push(field);
    return present(role, field, fieldValue(row, field), MASKS[field]);
  };
  return {
    id: row.id,
    grid: { id: row.grid_id, name: row.grid_name },
    name: show('name'),
    docType: row.doc_type,
    docNumber: show('idNumber'),
    phone: show('phone'),
    gender: row.gender,
    birthDate: show('birthDate'),
    populationType: row.population_type,
    hukouPlace: row.hukou_place,
    workUnit: row.work_unit,
    tags: row.tags,
    masked,
    createdAt: row.created_at.toISOString(),
  };
}
