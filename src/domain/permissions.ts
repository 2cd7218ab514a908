/**
 * Roles and what they may do: one typed table, checked by services and sent to
 * the console as computed permissions. Anything not listed is denied.
 */
import type { AreaLevel } from './areas.js';

export const ROLES = [
  'system_admin',
  'district_commander',
  'district_staff',
  'street_staff',
  'community_staff',
  'grid_worker',
  'checkpoint_officer',
  'medical_officer',
  'service_commissioner',
  'enterprise',
] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCE_ACTIONS = {
  area: ['read', 'create', 'update', 'retire'],
  user: ['read', 'manage'],
  /** read: the entries of one's subtree; read_arealess: also those tied to no area (a sign-in with an unknown username), the district's. */
  audit: ['read', 'read_arealess'],
  job: ['read', 'cancel'],
  dashboard: ['read'],
  person: ['read', 'create', 'update', 'reveal', 'export', 'export_unmasked'],
  place: ['read', 'manage'],
  transfer: ['approve'],
  health_rules: ['read', 'edit'],
  /** Key-population health data: read (masked lists, figures, own inbox), record (check-ins, tests, placements), manage (release, extend, change a measure), open (a person's full health timeline, audited: the keepers, and street and district staff who receive escalated alerts). */
  health: ['read', 'record', 'manage', 'open'],
  care_site: ['read', 'manage'],
  daily_report: ['read', 'file'],
  /** The health datasets' legal basis and retention, and the purge job. */
  health_data: ['admin'],
  /** QR family self-registration: read (codes, queue, figures), manage_codes (create, pause, revoke), review (accept, merge, reject, place), campaign (ask everyone for health answers). */
  selfreg: ['read', 'manage_codes', 'review', 'campaign'],
} as const;
export type Resource = keyof typeof RESOURCE_ACTIONS;
export type Action<R extends Resource = Resource> = (typeof RESOURCE_ACTIONS)[R][number];
export type Permission = { [R in Resource]: `${R}.${Action<R>}` }[Resource];

const ALL: Permission[] = (Object.keys(RESOURCE_ACTIONS) as Resource[]).flatMap((r) =>
  (RESOURCE_ACTIONS[r] as readonly string[]).map((a) => `${r}.${a}` as Permission),
);

const AREA_EDITOR: Permission[] = ['area.read', 'area.create', 'area.update', 'area.retire'];
/** What the staff of every office (district, street, community, grid) do alike: accounts, jobs, the dashboard. */
const OFFICE_STAFF: Permission[] = ['user.read', 'job.read', 'job.cancel', 'dashboard.read'];
/** Those who keep the registry of their area: grid workers and community staff. */
const PERSON_KEEPER: Permission[] = [
  'person.read',
  'person.create',
  'person.update',
  'person.reveal',
  'place.read',
  'place.manage',
];
/** Those who read the registry, names revealed, without keeping it: the district commander, medical officers. */
const REGISTRY_READER: Permission[] = ['person.read', 'person.reveal', 'place.read'];
/** Those who manage key populations day to day: grid workers, community staff, medical officers. */
const HEALTH_KEEPER: Permission[] = ['health.read', 'health.record', 'health.manage', 'health.open', 'care_site.read'];
const HEALTH_PERSONAL: string[] = ['health.record', 'health.manage', 'health.open'];
/** Those who run registration codes and review the families' submissions. */
const SELFREG_KEEPER: Permission[] = ['selfreg.read', 'selfreg.manage_codes', 'selfreg.review'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Admins run the platform; they do not handle residents' personal data in full.
  system_admin: ALL.filter(
    (p) =>
      ![
        'person.create',
        'person.update',
        'person.reveal',
        'person.export_unmasked',
        'health.read',
        'daily_report.file',
        'selfreg.review',
        ...HEALTH_PERSONAL,
      ].includes(p),
  ),
  district_commander: [
    'area.read',
    'user.read',
    'audit.read',
    'job.read',
    'dashboard.read',
    ...REGISTRY_READER,
    'health_rules.read',
    'health.read',
    'care_site.read',
    'daily_report.read',
    'selfreg.read',
  ],
  district_staff: [
    ...AREA_EDITOR,
    ...OFFICE_STAFF,
    'person.read',
    'person.reveal',
    'person.export',
    'person.export_unmasked',
    'place.read',
    'transfer.approve',
    'health_rules.read',
    'health_rules.edit',
    'health.read',
    'health.open',
    'care_site.read',
    'care_site.manage',
    'daily_report.read',
    'health_data.admin',
    'selfreg.read',
    'selfreg.manage_codes',
    'selfreg.campaign',
  ],
  street_staff: [
    ...AREA_EDITOR,
    ...OFFICE_STAFF,
    'person.read',
    'person.reveal',
    'person.export',
    'place.read',
    'transfer.approve',
    'health_rules.read',
    'health.read',
    'health.open',
    'care_site.read',
    'daily_report.read',
    'selfreg.read',
    'selfreg.manage_codes',
  ],
  community_staff: [
    ...AREA_EDITOR,
    ...OFFICE_STAFF,
    ...PERSON_KEEPER,
    'person.export',
    'transfer.approve',
    'health_rules.read',
    ...HEALTH_KEEPER,
    'daily_report.read',
    'daily_report.file',
    ...SELFREG_KEEPER,
  ],
  grid_worker: [
    'area.read',
    ...OFFICE_STAFF,
    ...PERSON_KEEPER,
    'health_rules.read',
    ...HEALTH_KEEPER,
    ...SELFREG_KEEPER,
  ],
  checkpoint_officer: ['area.read', 'job.read'],
  medical_officer: [
    'area.read',
    'job.read',
    'dashboard.read',
    ...REGISTRY_READER,
    'health_rules.read',
    ...HEALTH_KEEPER,
    'daily_report.read',
  ],
  service_commissioner: ['area.read', 'job.read', 'dashboard.read'],
  enterprise: ['job.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** The area level a role's scope must sit at; null means any level. */
export const ROLE_SCOPE_LEVEL: Record<Role, AreaLevel | null> = {
  system_admin: 'district',
  district_commander: 'district',
  district_staff: 'district',
  street_staff: 'street',
  community_staff: 'community',
  grid_worker: 'grid',
  checkpoint_officer: null,
  medical_officer: null,
  service_commissioner: null,
  enterprise: null,
};

export function roleFitsLevel(role: Role, level: AreaLevel): boolean {
  const required = ROLE_SCOPE_LEVEL[role];
  return required === null || required === level;
}
