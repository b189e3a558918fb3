// What the shell (main/runtime.ts) tells a core about its organisation hub, and what follows from it.

import { createHash } from 'node:crypto';
import type { HubStatus } from '../../../shared/domain';
import type { HubConfig } from './client';

/**
 * ready: connect to this hub. starting: the sandbox's embedded hub is on its way (the desktop already
 * leaves DFDG's notifications to it). failed: it cannot be used, with why (Danish).
 */
export type HubTarget =
  | { state: 'ready'; source: HubStatus['source']; config: HubConfig }
  | { state: 'starting'; source: 'sandbox' }
  | { state: 'failed'; source: HubStatus['source']; problem: string };

/**
 * Whether the desktop pulls DFDG's notifications itself: only without a hub, or when the sandbox's own
 * could not start. A hub configured in Indstillinger is the organisation's only consumer even while it
 * cannot be reached (a desktop that pulled would take the notifications from everyone else).
 */
export function pollsLocally(t: HubTarget | null): boolean {
  return t === null || (t.state === 'failed' && t.source === 'sandbox');
}

/** The status shown while there is no connection to try (starting, failed). */
export function idleHubStatus(t: Exclude<HubTarget, { state: 'ready' }>): HubStatus {
  const counts = { mine: 0, unassigned: 0, overdue: 0, all: 0, done: 0 };
  if (t.state === 'starting') {
    return { source: t.source, url: null, state: 'starting', reason: 'Sandboxens hub starter. Indbakken viser teamets opgaver om et øjeblik.', me: null, organisation: null, pending: 0, refused: 0, counts, syncedAt: null };
  }
  return { source: t.source, url: null, state: t.source === 'sandbox' ? 'unavailable' : 'refused', reason: t.problem, me: null, organisation: null, pending: 0, refused: 0, counts, syncedAt: null };
}

/** What a change of hub depends on: a new address, certificate or CA means a new connection. */
export function hubTargetKey(t: HubTarget | null): string {
  if (!t) return 'none';
  if (t.state !== 'ready') return JSON.stringify([t.state, t.source]);
  const tls = t.config.tls;
  const material = tls.kind === 'pem' ? [String(tls.cert), String(tls.key)] : [tls.pfx.toString('base64'), tls.passphrase];
  const hash = createHash('sha256');
  for (const part of [...material, tls.ca ? String(tls.ca) : '']) hash.update(part).update('\0');
  return JSON.stringify(['ready', t.source, t.config.url, hash.digest('hex')]);
}
