/** Route table of the registry context (persons, places, households, transfers, exports, imports). */
import { randomUUID } from 'node:crypto';
import { excluded, hides, names, type Table } from './authz.js';
import { idNumber } from './health.js';
import { upload } from './worlds.js';

const newPerson = () => ({ name: '越权登记', docType: 'resident_id', docNumber: idNumber() });
const day = '2020-02-09';

export const registryRoutes: Table = {
  'GET /api/persons': [
    names('gridId', ({ w }) => ({ query: { q: w.names[0], gridId: w.areas.grid } })),
    hides(
      'search by name',
      ({ w }) => ({ query: { q: w.names[0] } }),
      (w) => [w.persons[0]],
    ),
  ],
  'POST /api/persons/document-lookup': excluded(
    'names a document, not a record: its only answer about one outside the scope is "in_district" (the district) or "knownInAnotherDistrict" (another), with no id; test/districts.test.ts proves it',
  ),
  'POST /api/persons': [names('gridId', ({ w }) => ({ body: { gridId: w.areas.grid, ...newPerson() } }))],
  'GET /api/persons/{id}': [names('person', ({ w }) => ({ params: { id: w.persons[0] } }))],
  'PATCH /api/persons/{id}': [
    names('person', ({ w }) => ({ params: { id: w.persons[0] }, body: { name: '越权改名' } })),
  ],
  'POST /api/persons/{id}/merge': [
    names('person', ({ w }) => ({
      params: { id: w.persons[0] },
      body: { duplicateId: w.persons[1], reason: '越权合并' },
    })),
    names('own person, foreign duplicateId', ({ w, home }) => ({
      params: { id: home.persons[1] },
      body: { duplicateId: w.persons[1], reason: '越权合并' },
    })),
  ],
  'POST /api/persons/{id}/reveal': [
    names('person', ({ w }) => ({ params: { id: w.persons[0] }, body: { fields: ['name'], reason: '越权查看姓名' } })),
  ],

  'GET /api/courtyards': [
    names('gridId', ({ w }) => ({ query: { gridId: w.areas.grid } })),
    hides(
      'search by name',
      ({ w }) => ({ query: { q: `${w.label}小区` } }),
      (w) => [w.courtyardId],
    ),
  ],
  'POST /api/courtyards': [
    names('gridId', ({ w }) => ({ body: { gridId: w.areas.grid, name: '越权院落', kind: 'rural_scattered' } })),
  ],
  'GET /api/courtyards/{id}': [names('courtyard', ({ w }) => ({ params: { id: w.courtyardId } }))],
  'PATCH /api/courtyards/{id}': [
    names('courtyard', ({ w }) => ({ params: { id: w.courtyardId }, body: { name: '越权改名' } })),
  ],
  'POST /api/courtyards/{id}/buildings': [
    names('courtyard', ({ w }) => ({ params: { id: w.courtyardId }, body: { label: '9栋' } })),
  ],
  'POST /api/courtyards/{id}/contacts': [
    names('courtyard', ({ w }) => ({
      params: { id: w.courtyardId },
      body: { role: 'volunteer', name: '越权', phone: '13800138000' },
    })),
  ],
  'POST /api/buildings/{id}/units': [
    names('building', ({ w }) => ({ params: { id: w.buildingId }, body: { label: '9单元' } })),
  ],
  'GET /api/courtyards/{id}/dwellings': [names('courtyard', ({ w }) => ({ params: { id: w.courtyardId } }))],
  'POST /api/dwellings': [
    names('courtyardId', ({ w }) => ({ body: { courtyardId: w.courtyardId, room: '999' } })),
    names('courtyardId, buildingId, unitId', ({ w }) => ({
      body: { courtyardId: w.courtyardId, buildingId: w.buildingId, unitId: w.unitId, room: '998' },
    })),
  ],
  'GET /api/dwellings/{id}': [names('dwelling', ({ w }) => ({ params: { id: w.dwellingId } }))],

  'POST /api/households': [
    names('dwellingId', ({ w }) => ({
      body: {
        id: randomUUID(),
        dwellingId: w.spareDwellingId,
        occupancyType: 'owned',
        startDate: day,
        members: [{ relationship: 'head', person: newPerson() }],
      },
    })),
    names('own dwelling, foreign personId', ({ w, home }) => ({
      body: {
        id: randomUUID(),
        dwellingId: home.spareDwellingId,
        occupancyType: 'owned',
        startDate: day,
        members: [{ relationship: 'head', personId: w.persons[1] }],
      },
    })),
  ],
  'GET /api/households/{id}': [names('household', ({ w }) => ({ params: { id: w.householdId } }))],
  'POST /api/households/{id}/move-out': [
    names('household', ({ w }) => ({ params: { id: w.householdId }, body: { endDate: day } })),
  ],
  'POST /api/households/{id}/move-in': [
    names('household', ({ w }) => ({
      params: { id: w.householdId },
      body: { dwellingId: w.spareDwellingId, occupancyType: 'rented', startDate: day },
    })),
    names('own household, foreign dwellingId', ({ w, home }) => ({
      params: { id: home.householdId },
      body: { dwellingId: w.spareDwellingId, occupancyType: 'rented', startDate: day },
    })),
  ],
  'POST /api/households/{id}/members': [
    names('household', ({ w }) => ({
      params: { id: w.householdId },
      body: { member: { relationship: 'other', person: newPerson() }, startDate: day },
    })),
    names('own household, foreign personId', ({ w, home }) => ({
      params: { id: home.householdId },
      body: { member: { relationship: 'other', personId: w.persons[1] }, startDate: day },
    })),
  ],
  'POST /api/households/{id}/members/{memberId}/leave': [
    names('household', ({ w }) => ({ params: { id: w.householdId, memberId: w.memberId }, body: { endDate: day } })),
  ],
  'GET /api/persons/{id}/households': [names('person', ({ w }) => ({ params: { id: w.persons[0] } }))],
  'GET /api/courtyards/{id}/households': [names('courtyard', ({ w }) => ({ params: { id: w.courtyardId } }))],
  'GET /api/rentals-changed': [names('gridId', ({ w }) => ({ query: { gridId: w.areas.grid } }))],
  'GET /api/versions': [
    names('person', ({ w }) => ({ query: { type: 'person', id: w.persons[0] } })),
    names('courtyard', ({ w }) => ({ query: { type: 'courtyard', id: w.courtyardId } })),
  ],

  'POST /api/transfers': [
    names('toGridId', ({ w }) => ({
      body: { docType: 'resident_id', docNumber: idNumber(), toGridId: w.areas.grid, reason: '越权申请' },
    })),
  ],
  'GET /api/transfers': [
    hides(
      'all',
      () => ({ query: { limit: '100' } }),
      (w) => [w.transferId],
    ),
  ],
  'POST /api/transfers/{id}/approve': [
    names('transfer', ({ w }) => ({ params: { id: w.transferId }, body: { note: '越权批准' } })),
  ],
  'POST /api/transfers/{id}/reject': [
    names('transfer', ({ w }) => ({ params: { id: w.transferId }, body: { note: '越权驳回' } })),
  ],

  'GET /api/exports/persons': [
    names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } })),
    names('courtyardId', ({ w }) => ({ query: { courtyardId: w.courtyardId } })),
  ],
  'POST /api/imports/uploads': excluded(
    'stores a file for the caller alone (its id answers to no one else); names no record or area (its import, POST /api/imports, names the area)',
  ),
  'POST /api/imports': [
    names('targetAreaId (with an own upload)', async ({ w, me }) => {
      const res = await upload(me);
      const up =
        res.statusCode === 201
          ? res.json<{ uploadId: string; columns: { index: number; field: string | null }[] }>()
          : { uploadId: randomUUID(), columns: [] };
      const mapping = Object.fromEntries(up.columns.filter((c) => c.field).map((c) => [String(c.index), c.field]));
      return { body: { uploadId: up.uploadId, targetAreaId: w.areas.grid, mapping } };
    }),
  ],
  'POST /api/imports/areas': excluded(
    'areas named in a file are refused row by row (200 with errors), never with 404: the test "an area import leaves foreign areas alone" checks it',
  ),
  'GET /api/imports/{jobId}/errors': [names('import job', ({ w }) => ({ params: { jobId: w.jobId } }))],
};
