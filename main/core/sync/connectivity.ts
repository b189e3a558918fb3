import { isDfdgError } from '../dfdg/errors';

export type ConnectivityListener = (online: boolean, reason: string | null) => void;

/** Failures that say "DFDG could not be reached" (as opposed to "DFDG answered no"). */
export function isUnreachable(e: unknown): boolean {
  if (!isDfdgError(e)) return false;
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'tls') return true;
  return e.code === null && e.httpStatus === null && e.kind !== 'cancelled' && e.kind !== 'protocol';
}

/**
 * Online/offline as the calls to DFDG experience it: after `threshold` consecutive unreachable
 * failures the app is offline (the drain pauses to one probe at a time); the first success brings it
 * back online. Every DFDG caller (engine, poller, handlers) reports here.
 */
export class Connectivity {
  private state = { online: true, reason: null as string | null };
  private consecutive = 0;
  private readonly listeners = new Set<ConnectivityListener>();

  constructor(private readonly threshold = 3) {}

  get online(): boolean {
    return this.state.online;
  }

  get reason(): string | null {
    return this.state.reason;
  }

  onChange(listener: ConnectivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reportSuccess(): void {
    this.consecutive = 0;
    if (!this.state.online) this.set(true, null);
  }

  reportFailure(e: unknown): void {
    if (!isUnreachable(e)) return;
    this.consecutive++;
    if (this.state.online && this.consecutive >= this.threshold) this.set(false, 'DFDG kan ikke nås lige nu. Det du laver gemmes og sendes, når forbindelsen er tilbage.');
  }

  /** Set from outside (e.g. no DFDG configured, or the OS reports no network). */
  set(online: boolean, reason: string | null): void {
    if (this.state.online === online && this.state.reason === reason) return;
    this.state = { online, reason };
    if (online) this.consecutive = 0;
    for (const l of this.listeners) l(online, reason);
  }
}
