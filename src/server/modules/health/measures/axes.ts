/** Changing a key person's categories or status on their own (a measure is placed separately). */
import { shanghaiDay } from '../../../../domain/clock.js';
import type { EpiStatus } from '../../../../domain/health.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { fieldProblem, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import {
  addCategories,
  checkCategories,
  endCategory,
  ensureProfile,
  personInScope,
  profileDto,
  profileOf,
  setStatus,
} from './profile.js';

const areaOf = (p: { gridId: string; areaPath: string; districtId: string }) => ({
  id: p.gridId,
  path: p.areaPath,
  districtId: p.districtId,
});

function checkDay(today: string, day: string | undefined, field: string) {
  if (day && day > today) throw validationError([fieldProblem(field, 'future_day')]);
}

export async function addCategory(
  ctx: Context,
  personId: string,
  input: { key: string; from?: string | undefined; lastContact?: string | undefined },
) {
  const c = authorize(ctx, 'health.record');
  const person = await personInScope(c, personId);
  const today = shanghaiDay(c.clock.now());
  checkDay(today, input.from, 'from');
  checkDay(today, input.lastContact, 'lastContact');
  const day = input.from ?? today;
  await checkCategories(c, [input.key], day, 'key');
  await ensureProfile(c, person);
  await addCategories(c, person, [{ key: input.key, lastContact: input.lastContact }], day);
  await audit(c, {
    action: 'health.category_added',
    resourceType: 'person',
    resourceId: person.id,
    area: areaOf(person),
    details: { key: input.key, from: day },
  });
  return profileDto((await profileOf(c, person))!);
}

export async function removeCategory(ctx: Context, personId: string, key: string, reason: string) {
  const c = authorize(ctx, 'health.manage');
  const person = await personInScope(c, personId);
  await endCategory(c, person, key, reason);
  await audit(c, {
    action: 'health.category_ended',
    resourceType: 'person',
    resourceId: person.id,
    area: areaOf(person),
    details: { key, reason },
  });
  return profileDto((await profileOf(c, person))!);
}

export async function changeStatus(
  ctx: Context,
  personId: string,
  input: { status: EpiStatus; reason: string; day?: string | undefined },
) {
  const c = authorize(ctx, 'health.manage');
  const person = await personInScope(c, personId);
  const today = shanghaiDay(c.clock.now());
  checkDay(today, input.day, 'day');
  const before = await ensureProfile(c, person);
  await setStatus(c, person, input.status, input.day ?? today, input.reason);
  await audit(c, {
    action: 'health.status',
    resourceType: 'person',
    resourceId: person.id,
    area: areaOf(person),
    changes: { status: [before.status, input.status] },
    details: { reason: input.reason },
  });
  return profileDto((await profileOf(c, person))!);
}
