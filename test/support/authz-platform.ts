/** Route table of the platform context (areas, accounts, audit, dashboard, jobs). */
import { excluded, hides, names, type Table } from './authz.js';

let serial = 0;
const username = () => `authz-${++serial}`;

export const platformRoutes: Table = {
  'GET /api/health': excluded('liveness probe: names no record or area and needs no account'),
  'POST /api/auth/login': excluded("signing in: the caller's own credentials, no record"),
  'POST /api/auth/logout': excluded("ends the caller's own session"),
  'GET /api/me': excluded("the caller's own account and scope"),
  'POST /api/me/password': excluded("changes the caller's own password"),

  'GET /api/areas': [
    names('parentId', ({ w }) => ({ query: { parentId: w.areas.street } })),
    hides(
      'search by code',
      ({ w }) => ({ query: { q: w.codes.community } }),
      (w) => [w.areas.community],
    ),
  ],
  'POST /api/areas': [
    names('parentId', ({ w }) => ({
      body: { parentId: w.areas.community, code: `${w.codes.community}009`, vintage: 2020, name: '越权网格' },
    })),
  ],
  'GET /api/areas/{id}': [names('area', ({ w }) => ({ params: { id: w.areas.grid } }))],
  'PATCH /api/areas/{id}': [names('area', ({ w }) => ({ params: { id: w.areas.grid }, body: { name: '越权改名' } }))],
  'DELETE /api/areas/{id}': [names('area', ({ w }) => ({ params: { id: w.areas.grid2 } }))],
  'POST /api/areas/{id}/retire': [names('area', ({ w }) => ({ params: { id: w.areas.grid2 } }))],

  'GET /api/users': [
    names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } })),
    hides(
      'all',
      () => ({ query: { limit: '200' } }),
      (w) => [w.userId],
    ),
  ],
  'POST /api/users': [
    names('areaId', ({ w }) => ({
      body: {
        username: username(),
        displayName: '越权账号',
        role: 'grid_worker',
        areaId: w.areas.grid,
        initialPassword: 'Initial-pass-01',
      },
    })),
  ],
  'GET /api/users/{id}': [names('account', ({ w }) => ({ params: { id: w.userId } }))],
  'PATCH /api/users/{id}': [
    names('account', ({ w }) => ({ params: { id: w.userId }, body: { displayName: '越权改名' } })),
    names('own account, foreign areaId', ({ w, home }) => ({
      params: { id: home.userId },
      body: { areaId: w.areas.grid },
    })),
  ],

  'GET /api/audit': [
    names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } })),
    hides(
      'resourceId',
      ({ w }) => ({ query: { resourceId: w.persons[0] } }),
      (w) => [w.persons[0]],
    ),
  ],
  'GET /api/dashboard': [names('areaId', ({ w }) => ({ query: { areaId: w.areas.grid } }))],
  'GET /api/jobs': [
    hides(
      'all',
      () => ({ query: { limit: '200' } }),
      (w) => [w.jobId],
    ),
  ],
  'GET /api/jobs/{id}': [names('import job', ({ w }) => ({ params: { id: w.jobId } }))],
  'POST /api/jobs/{id}/cancel': [names('import job', ({ w }) => ({ params: { id: w.jobId } }))],
};
