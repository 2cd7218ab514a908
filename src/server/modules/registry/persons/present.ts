/** A person as the actor may see it: through the kernel's presenter. */
import type { ActorContext } from '../../../kernel/context.js';
import { presenter, type ValueField } from '../../../kernel/present.js';
import type { PersonRow } from './queries.js';
import type { PersonDto } from './schemas.js';

/** A person's value of a personal field, as stored (for an audited reveal). */
export function fieldValue(row: PersonRow, field: ValueField): string | null {
  return { name: row.name, idNumber: row.doc_number, phone: row.phone, birthDate: row.birth_date }[field];
}

export function presentPerson(c: ActorContext, row: PersonRow): PersonDto {
  const p = presenter(c);
  return {
    id: row.id,
    grid: { id: row.grid_id, name: row.grid_name },
    name: p.value('name', row.name),
    docType: row.doc_type,
    docNumber: p.value('idNumber', row.doc_number),
    phone: p.value('phone', row.phone),
    gender: row.gender,
    birthDate: p.value('birthDate', row.birth_date),
    populationType: row.population_type,
    hukouPlace: row.hukou_place,
    workUnit: row.work_unit,
    tags: row.tags,
    masked: [...p.masked],
    createdAt: row.created_at.toISOString(),
  };
}
