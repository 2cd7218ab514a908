/**
 * The open alerts in the signed-in user's inbox (new and acknowledged), for the menu
 * badge and the inbox's filters: polled once a minute while the console is open, and
 * refreshed at once when the inbox changes them.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { api, type Result } from '../../../api/client.js';

export type AlertCounts = Result<'GET', '/api/alerts'>['counts'];

const POLL_MS = 60_000;
let counts: AlertCounts | null = null;
const listeners = new Set<() => void>();

function set(value: AlertCounts) {
  if (counts && value.new === counts.new && value.acknowledged === counts.acknowledged) return;
  counts = value;
  for (const l of listeners) l();
}

export async function refreshAlertCount(): Promise<void> {
  try {
    set((await api.get('/api/alerts', { query: { state: 'new', limit: 1 } })).counts);
  } catch {
    // The badge is a hint; the inbox shows errors itself.
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The inbox's open counts, once read (null before). */
export function useAlertCounts(): AlertCounts | null {
  return useSyncExternalStore(subscribe, () => counts);
}

/** The new-alert count; polls while `enabled` (the user has an inbox). */
export function useAlertCount(enabled: boolean): number {
  useEffect(() => {
    if (!enabled) return;
    void refreshAlertCount();
    const timer = window.setInterval(() => void refreshAlertCount(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [enabled]);
  const now = useAlertCounts();
  return enabled ? (now?.new ?? 0) : 0;
}
