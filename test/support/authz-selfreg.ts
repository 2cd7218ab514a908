/** Route table of the self-registration context (codes, the public forms, the review queue, figures). */
import { randomUUID } from 'node:crypto';
import { excluded, hides, names, type Table } from './authz.js';
import { editSecret, familyForm } from './self-registration.js';

const code = { responsibleName: '越权', responsiblePhone: '13800138000', expiresOn: '2020-03-31' };
/** The public side answers a dwelling or courtyard outside the code's area so, whether it exists or not. */
const OUT_OF_SCOPE = {
  status: 422,
  code: 'REG_OUT_OF_SCOPE',
  field: { field: 'form.dwellingId', reason: 'out_of_scope' },
  why: "a resident's form: a place outside the code's area is a field problem of the form, the same for a place that does not exist",
};

export const selfRegistrationRoutes: Table = {
  'POST /api/reg-codes': [
    names('areaId', ({ w }) => ({ body: { areaId: w.areas.grid, ...code } })),
    names('courtyardId', ({ w }) => ({ body: { courtyardId: w.courtyardId, ...code } })),
  ],
  'GET /api/reg-codes': [
    names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } })),
    hides(
      'all',
      () => ({ query: { limit: '100' } }),
      (w) => [w.codeId],
    ),
  ],
  'GET /api/reg-codes/{id}': [names('code', ({ w }) => ({ params: { id: w.codeId } }))],
  'PATCH /api/reg-codes/{id}': [
    names('code', ({ w }) => ({ params: { id: w.codeId }, body: { responsibleName: '越权改名' } })),
  ],
  'POST /api/reg-codes/{id}/status': [
    names('code', ({ w }) => ({ params: { id: w.codeId }, body: { status: 'revoked', reason: '越权作废' } })),
  ],
  'GET /api/reg-codes/{id}/poster': [names('code', ({ w }) => ({ params: { id: w.codeId } }))],
  'GET /api/reg-codes/{id}/qr.png': [names('code', ({ w }) => ({ params: { id: w.codeId } }))],

  'GET /api/public/reg/{token}': excluded(
    "the code's token is the credential: its holder sees the code's place by design; no account, no scope",
  ),
  'GET /api/public/reg/{token}/courtyards/{courtyardId}': [
    {
      label: 'own code, foreign courtyard',
      anonymous: true,
      req: ({ w, home }) => ({ params: { token: home.codeToken, courtyardId: w.courtyardId } }),
    },
  ],
  'POST /api/public/reg/{token}/submissions': [
    {
      label: 'own code, foreign dwellingId',
      anonymous: true,
      refusal: OUT_OF_SCOPE,
      req: ({ w, home }) => ({
        params: { token: home.codeToken },
        body: {
          id: randomUUID(),
          editToken: editSecret(),
          form: familyForm(w.spareDwellingId, [{ name: '越权登记' }]),
        },
      }),
    },
  ],
  'GET /api/public/reg-edit/{editToken}': excluded(
    'the edit token is the credential: its holder (the family) sees its own submission by design; no account, no scope',
  ),
  'GET /api/public/reg-edit/{editToken}/courtyards/{courtyardId}': [
    {
      label: 'own edit link, foreign courtyard',
      anonymous: true,
      req: ({ w, home }) => ({ params: { editToken: home.editToken, courtyardId: w.courtyardId } }),
    },
  ],
  'POST /api/public/reg-edit/{editToken}/versions': [
    {
      label: 'own edit link, foreign dwellingId',
      anonymous: true,
      refusal: OUT_OF_SCOPE,
      req: ({ w, home }) => ({
        params: { editToken: home.editToken },
        body: { id: randomUUID(), baseVersion: 1, form: familyForm(w.spareDwellingId, [{ name: '越权登记' }]) },
      }),
    },
  ],
  'POST /api/public/reg-recover': excluded(
    'a family recovers its own edit link with its family code and phone: names no record or area, and needs no account',
  ),

  'GET /api/reg-submissions': [
    names('areaId', ({ w }) => ({ query: { filter: 'all', areaId: w.areas.grid } })),
    names('codeId', ({ w }) => ({ query: { filter: 'all', codeId: w.codeId } })),
    hides(
      'all',
      () => ({ query: { filter: 'all', limit: '100' } }),
      (w) => [w.submissionId],
    ),
  ],
  'GET /api/reg-submissions/{id}': [names('submission', ({ w }) => ({ params: { id: w.submissionId } }))],
  'POST /api/reg-submissions/{id}/accept': [
    names('submission', ({ w }) => ({ params: { id: w.submissionId }, body: { version: 1 } })),
    names('own submission, foreign dwellingId', ({ w, home }) => ({
      params: { id: home.submissionId },
      body: { version: 1, dwellingId: w.spareDwellingId },
    })),
    names('own submission, foreign householdId', ({ w, home }) => ({
      params: { id: home.submissionId },
      body: { version: 1, householdId: w.householdId },
    })),
    names('own submission, foreign personId', ({ w, home }) => ({
      params: { id: home.submissionId },
      body: { version: 1, members: [{ key: home.memberKey, action: 'link', personId: w.persons[0] }] },
    })),
  ],
  'POST /api/reg-submissions/{id}/reject': [
    names('submission', ({ w }) => ({ params: { id: w.submissionId }, body: { version: 1, reason: '越权驳回' } })),
  ],
  'POST /api/reg-submissions/{id}/place': [
    names('submission', ({ w }) => ({
      params: { id: w.submissionId },
      body: { id: randomUUID(), memberKey: w.memberKey },
    })),
  ],
  'GET /api/reg-figures': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } }))],
};
