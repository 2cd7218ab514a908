/**
 * The number of new (unread) alerts in the signed-in user's inbox, for the menu
 * badge: polled once a minute while the console is open, and refreshed at once
 * when the inbox changes it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { legacyApi } from '../../../api/legacy.js';
import type { AlertListDto } from '../../../api/health.js';

const POLL_MS = 60_000;
let count = 0;
const listeners = new Set<() => void>();

function set(value: number) {
  if (value === count) return;
  count = value;
  for (const l of listeners) l();
}

/** Sets the count from an inbox response already at hand. */
export function noteAlertCounts(counts: AlertListDto['counts']): void {
  set(counts.new);
}

export async function refreshAlertCount(): Promise<void> {
  try {
    const page = await legacyApi.get<AlertListDto>('/api/alerts', { state: 'new', limit: 1 });
    noteAlertCounts(page.counts);
  } catch {
    // The badge is a hint; the inbox shows errors itself.
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The new-alert count; polls while `enabled` (the user has an inbox). */
export function useAlertCount(enabled: boolean): number {
  useEffect(() => {
    if (!enabled) return;
    void refreshAlertCount();
    const timer = window.setInterval(() => void refreshAlertCount(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [enabled]);
  return useSyncExternalStore(subscribe, () => (enabled ? count : 0));
}
