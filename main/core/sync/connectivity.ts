import { TLS_EXPLANATION } from '../../../shared/dfdgErrors';
import type { ConnectivityCause } from '../../../shared/domain';
import { isDfdgError } from '../dfdg/errors';

/** Why DFDG is out of reach (defined in shared/domain.ts, where the renderer sees it too). */
export type { ConnectivityCause };

export type ConnectivityListener = (online: boolean, reason: string | null, cause: ConnectivityCause | null) => void;

/** Failures that say "DFDG could not be reached" (as opposed to "DFDG answered no"). */
export function isUnreachable(e: unknown): boolean {
  if (!isDfdgError(e)) return false;
  if (e.kind === 'network' || e.kind === 'proxy' || e.kind === 'timeout' || e.kind === 'tls') return true;
  return e.code === null && e.httpStatus === null && e.kind !== 'cancelled' && e.kind !== 'protocol';
}

/** A certificate problem: the server's certificate is not trusted, or ours was refused (the same on every call). */
export function isCertificateFailure(e: unknown): boolean {
  return isDfdgError(e) && e.kind === 'tls' && !e.transient;
}

const KEPT = 'Det du laver gemmes og sendes, når forbindelsen er tilbage.';
const UNREACHABLE_REASON = `DFDG kan ikke nås lige nu. ${KEPT}`;
/** Shown while the drain waits for a certificate to be fixed (Danish: the caseworker may see it). */
export const TLS_REASON = `${TLS_EXPLANATION.title} ${TLS_EXPLANATION.advice}`;

/**
 * Online/offline as the calls to DFDG experience it: after `threshold` consecutive unreachable
 * failures the app is offline (the drain pauses to one probe at a time); a certificate failure takes it
 * offline at once with cause 'tls' (every call would fail the same way until the settings change); the
 * first success brings it back online. Every DFDG caller (engine, poller, handlers) reports here.
 */
export class Connectivity {
  private state = { online: true, reason: null as string | null, cause: null as ConnectivityCause | null };
  private consecutive = 0;
  private proxy: string | null = null;
  private readonly listeners = new Set<ConnectivityListener>();

  constructor(private readonly threshold = 3) {}

  get online(): boolean {
    return this.state.online;
  }

  get reason(): string | null {
    return this.state.reason;
  }

  /** Why it is offline ('tls': a certificate problem), null while online. */
  get cause(): ConnectivityCause | null {
    return this.state.cause;
  }

  /** The proxy's explanation (Danish) while the last failure was the proxy's, null otherwise. */
  get proxyProblem(): string | null {
    return this.proxy;
  }

  onChange(listener: ConnectivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reportSuccess(): void {
    this.consecutive = 0;
    this.proxy = null;
    if (!this.state.online) this.set(true, null);
  }

  reportFailure(e: unknown): void {
    if (!isUnreachable(e)) return;
    this.consecutive++;
    // When the proxy in front of DFDG failed, the reason names it (cause 'unreachable': the drain waits alike).
    this.proxy = isDfdgError(e) && e.kind === 'proxy' ? e.text : null;
    if (isCertificateFailure(e)) {
      this.set(false, TLS_REASON, 'tls');
      return;
    }
    const reason = this.proxy ? `${this.proxy} ${KEPT}` : UNREACHABLE_REASON;
    if (!this.state.online && this.state.cause === 'unreachable') {
      this.set(false, reason, 'unreachable');
      return;
    }
    if (this.state.online && this.consecutive >= this.threshold) {
      const tls = isDfdgError(e) && e.kind === 'tls';
      this.set(false, tls ? TLS_REASON : reason, tls ? 'tls' : 'unreachable');
    }
  }

  /** Set from outside (e.g. no DFDG configured, or the OS reports no network). */
  set(online: boolean, reason: string | null, cause: ConnectivityCause | null = online ? null : 'other'): void {
    const c = online ? null : cause;
    if (this.state.online === online && this.state.reason === reason && this.state.cause === c) return;
    this.state = { online, reason, cause: c };
    if (online) {
      this.consecutive = 0;
      this.proxy = null;
    }
    for (const l of this.listeners) l(online, reason, c);
  }
}
