/** Route table of the health context (key persons, measures, tests, check-ins, alerts, sites, reports). */
import { randomUUID } from 'node:crypto';
import { excluded, hides, names, type Table } from './authz.js';
import { freshMeasure, freshPerson } from './worlds.js';

const PLATFORM_WIDE =
  "per-district configuration: the path names a category or rule key of the actor's own district, never a foreign record; test/districts.test.ts proves one district's changes stay in it";
const DATASETS =
  "per-district configuration: the path names a dataset key (check-ins, tests, measures) of the actor's own district; test/districts.test.ts proves a district's retention applies to its own persons only";
const reason = '越权操作理由';
const NOT_RECIPIENT = {
  status: 404,
  code: 'NOT_ALERT_RECIPIENT',
  why: 'alerts are addressed to recipients: one outside your inbox answers 404 NOT_ALERT_RECIPIENT, like one that does not exist',
};

export const healthRoutes: Table = {
  'GET /api/health-rules': excluded(PLATFORM_WIDE),
  'POST /api/health-rules': excluded(PLATFORM_WIDE),
  'GET /api/health-rules/history': excluded(PLATFORM_WIDE),
  'POST /api/health-rules/preview': excluded(PLATFORM_WIDE),
  'POST /api/health-rules/categories': excluded(PLATFORM_WIDE),
  'POST /api/health-rules/categories/{key}/end': excluded(PLATFORM_WIDE),
  'GET /api/health-data/datasets': excluded(DATASETS),
  'PATCH /api/health-data/datasets/{key}': excluded(DATASETS),

  'GET /api/health-persons/{id}': [names('key person', ({ w }) => ({ params: { id: w.persons[0] } }))],
  'POST /api/health-persons/{id}/placements': [
    names('person', ({ w }) => ({
      params: { id: w.persons[1] },
      body: { id: randomUUID(), categories: [{ key: 'from_wuhan' }] },
    })),
    names('own person, foreign siteId and roomId', async ({ w, home }) => ({
      params: { id: await freshPerson(home) },
      body: {
        id: randomUUID(),
        status: 'close_contact',
        lastContact: '2020-02-08',
        siteId: w.siteId,
        roomId: w.roomId,
      },
    })),
  ],
  'POST /api/health-persons/{id}/categories': [
    names('key person', ({ w }) => ({ params: { id: w.persons[0] }, body: { key: 'from_hubei' } })),
  ],
  'POST /api/health-persons/{id}/categories/{key}/end': [
    names('key person', ({ w }) => ({ params: { id: w.persons[0], key: 'from_wuhan' }, body: { reason } })),
  ],
  'POST /api/health-persons/{id}/status': [
    names('key person', ({ w }) => ({ params: { id: w.persons[0] }, body: { status: 'close_contact', reason } })),
  ],
  'POST /api/health-persons/{id}/checkin-links': [
    names('key person', ({ w }) => ({ params: { id: w.persons[0] }, body: { scope: 'person' } })),
  ],
  'GET /api/health-persons/{id}/checkin-links': [names('key person', ({ w }) => ({ params: { id: w.persons[0] } }))],
  'POST /api/checkin-links/{id}/revoke': [names('link', ({ w }) => ({ params: { id: w.linkId }, body: { reason } }))],

  'GET /api/measures': [
    names('areaId', ({ w }) => ({ query: { list: 'under', areaId: w.areas.grid } })),
    hides(
      'under a measure',
      () => ({ query: { list: 'under', limit: '200' } }),
      (w) => [w.measureId],
    ),
  ],
  'GET /api/measures/{id}/checklist': [names('measure', ({ w }) => ({ params: { id: w.measureId } }))],
  'POST /api/measures/{id}/extend': [
    names('measure', ({ w }) => ({ params: { id: w.measureId }, body: { plannedEnd: '2020-03-01', reason } })),
  ],
  'POST /api/measures/{id}/change': [
    names('measure', ({ w }) => ({
      params: { id: w.measureId },
      body: { id: randomUUID(), measure: 'health_monitoring', reason },
    })),
    names('own measure, foreign siteId and roomId', async ({ w, home }) => ({
      params: { id: await freshMeasure(home) },
      body: { id: randomUUID(), measure: 'central_isolation', siteId: w.siteId, roomId: w.roomId, reason },
    })),
  ],
  'POST /api/measures/{id}/release': [names('measure', ({ w }) => ({ params: { id: w.measureId }, body: { reason } }))],
  'POST /api/nucleic-tests': [
    names('personId', ({ w }) => ({
      body: { id: randomUUID(), personId: w.persons[0], sampledAt: '2020-02-10T08:30:00+08:00', result: 'pending' },
    })),
  ],
  'POST /api/nucleic-tests/{id}/result': [
    names('test', ({ w }) => ({ params: { id: w.testId }, body: { result: 'negative' } })),
  ],
  'POST /api/checkins': [
    names('personId', ({ w }) => ({
      body: { id: randomUUID(), personId: w.persons[0], temperature: 36.5, symptoms: [], channel: 'staff_call' },
    })),
  ],
  'GET /api/public/checkin/{token}': excluded(
    "the link's token is the credential: its holder sees the persons it was issued for, by design; no account, no scope",
  ),
  'POST /api/public/checkin/{token}': [
    {
      label: 'own link, foreign personId',
      anonymous: true,
      refusal: {
        status: 400,
        code: 'VALIDATION_FAILED',
        field: { field: 'entries.0.personId', reason: 'invalid' },
        why: 'a resident reports through a link: a person the link does not cover is a field problem, the same for one that does not exist',
      },
      req: ({ w, home }) => ({
        params: { token: home.linkToken },
        body: { submissionId: randomUUID(), entries: [{ personId: w.persons[0], temperature: 36.5, symptoms: [] }] },
      }),
    },
  ],

  'GET /api/alerts': [
    hides(
      'inbox',
      () => ({ query: { state: 'all', limit: '200' } }),
      (w) => [w.alertId],
    ),
  ],
  'POST /api/alerts/{id}/acknowledge': [
    { ...names('alert', ({ w }) => ({ params: { id: w.alertId } })), refusal: NOT_RECIPIENT },
  ],
  'POST /api/alerts/{id}/handle': [
    {
      ...names('alert', ({ w }) => ({ params: { id: w.alertId }, body: { note: '越权处理' } })),
      refusal: NOT_RECIPIENT,
    },
  ],
  'GET /api/health-figures': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } }))],
  'GET /api/health-figures/trend': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } }))],

  'GET /api/care-sites': [
    hides(
      'all',
      () => ({ query: { includeRetired: 'true' } }),
      (w) => [w.siteId],
    ),
  ],
  'POST /api/care-sites': [
    names('areaId', ({ w }) => ({ body: { kind: 'hospital', name: '越权医院', areaId: w.areas.street, beds: 2 } })),
  ],
  'GET /api/care-sites/{id}': [names('site', ({ w }) => ({ params: { id: w.siteId } }))],
  'PATCH /api/care-sites/{id}': [names('site', ({ w }) => ({ params: { id: w.siteId }, body: { name: '越权改名' } }))],
  'POST /api/care-sites/{id}/rooms': [
    names('site', ({ w }) => ({ params: { id: w.siteId }, body: { rooms: [{ label: '999', capacity: 1 }] } })),
  ],
  'POST /api/care-sites/{id}/retire': [names('site', ({ w }) => ({ params: { id: w.siteId } }))],

  'GET /api/daily-reports/draft': [names('communityId', ({ w }) => ({ query: { communityId: w.areas.community } }))],
  'POST /api/daily-reports': [
    names('communityId', ({ w }) => ({
      body: { id: randomUUID(), communityId: w.areas.community, day: '2020-02-10' },
    })),
  ],
  'GET /api/daily-reports': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.community } }))],
  'GET /api/daily-reports/missing': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.street } }))],
};
