/**
 * Labels for enumerations the server sends as codes. Each falls back to the raw
 * code when the console does not know it yet. Call inside components that use
 * useTranslation() so they re-render on a language switch.
 */
import type { TFunction } from 'i18next';

function lookup(t: TFunction, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return t(`${prefix}.${value}`, { defaultValue: value });
}

export const roleLabel = (t: TFunction, role: string) => lookup(t, 'role', role);
export const levelLabel = (t: TFunction, level: string) => lookup(t, 'level', level);
export const kindLabel = (t: TFunction, kind: string) => lookup(t, 'kind', kind);
export const metricLabel = (t: TFunction, metric: string) => lookup(t, 'metric', metric);
export const jobStatusLabel = (t: TFunction, status: string) => lookup(t, 'jobStatus', status);
export const jobKindLabel = (t: TFunction, kind: string) => lookup(t, 'jobKind', kind);
export const actionLabel = (t: TFunction, action: string) => lookup(t, 'action', action);
export const resourceLabel = (t: TFunction, resource: string | null) => lookup(t, 'resource', resource);
export const permissionLabel = (t: TFunction, permission: string) => lookup(t, 'perm', permission);

// Registry (一标三实) enumerations.
export const docTypeLabel = (t: TFunction, v: string) => lookup(t, 'docType', v);
export const populationTypeLabel = (t: TFunction, v: string) => lookup(t, 'popType', v);
export const genderLabel = (t: TFunction, v: string | null) => lookup(t, 'gender', v);
export const occupancyLabel = (t: TFunction, v: string) => lookup(t, 'occupancy', v);
export const relationshipLabel = (t: TFunction, v: string) => lookup(t, 'relationship', v);
export const courtyardKindLabel = (t: TFunction, v: string) => lookup(t, 'courtyardKind', v);
export const gateLabel = (t: TFunction, v: string) => lookup(t, 'gate', v);
export const channelLabel = (t: TFunction, v: string) => lookup(t, 'channel', v);
export const contactRoleLabel = (t: TFunction, v: string) => lookup(t, 'contactRole', v);
export const dwellingUseLabel = (t: TFunction, v: string) => lookup(t, 'dwellingUse', v);
export const recordFieldLabel = (t: TFunction, v: string) => lookup(t, 'field', v);
