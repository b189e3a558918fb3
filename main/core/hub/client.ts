// The organisation hub's HTTP API (hub/README.md) as the desktop calls it: HTTPS with the caseworker's
// own certificate (mutual TLS, the same agent factory as DFDG's clients), JSON in and out, and the
// change feed (Server-Sent Events) read as a stream. Every failure becomes a HubCallError with a
// Danish text for the caseworker and whether trying again later can help.

import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { DESKTOP_ID_HEADER, type HubAdvisory, type HubChangeEvent, type HubConflict, type HubError, type HubMe, type HubPage, type HubTeam, type HubView } from '../../../shared/hubApi';
import type { AdvisoryKind, TeamAction } from '../../../shared/domain';
import { buildHttpsAgent, transportFailure } from '../dfdg/http';
import type { TlsConfig } from '../dfdg/types';

/** Where the hub is and who calls it: the caseworker's own certificate (PEM or PKCS#12) and the CA of the hub's server certificate. */
export interface HubConfig {
  url: string;
  tls: TlsConfig;
}

/**
 * unreachable: no answer (network, timeout, hub or its database away: try again later); tls: the
 * secure connection was refused over a certificate; refused: the hub answered no (403 and other 4xx);
 * conflict: 409, the change lost (see `conflict`); not-found: 404.
 */
export type HubFailure = 'unreachable' | 'tls' | 'refused' | 'conflict' | 'not-found';

export class HubCallError extends Error {
  override readonly name = 'HubCallError';
  constructor(
    readonly failure: HubFailure,
    message: string,
    readonly status: number | null = null,
    readonly body: (HubError & Record<string, unknown>) | null = null,
  ) {
    super(message);
  }

  /** Trying again later may succeed (nothing was decided by the hub). */
  get transient(): boolean {
    return this.failure === 'unreachable';
  }

  get conflict(): HubConflict | null {
    return this.failure === 'conflict' && this.body && 'advisory' in this.body ? (this.body as unknown as HubConflict) : null;
  }
}

const REACH = 'Hubben kan ikke nås';

/** The caseworker's words for a failure below HTTP. */
export function hubTransportError(err: unknown): HubCallError {
  switch (transportFailure(err)) {
    case 'server-untrusted':
      return new HubCallError('tls', "Hubbens servercertifikat er ikke udstedt af den CA, der er sat op. Forbindelsen blev afvist. Kontrollér adressen og hubbens CA-certifikat under Indstillinger → Organisationens hub.");
    case 'server-expired':
      return new HubCallError('tls', 'Hubbens servercertifikat er udløbet eller endnu ikke gyldigt. Forbindelsen blev afvist.');
    case 'server-name':
      return new HubCallError('tls', 'Hubbens servercertifikat gælder ikke for den adresse, der er sat op under Indstillinger → Organisationens hub.');
    case 'client-refused':
      return new HubCallError('tls', 'Hubben afviste dit personlige certifikat (det er ikke udstedt af organisationens CA, eller det er udløbet). Importér det certifikat, organisationen har udstedt til dig, under Indstillinger → Organisationens hub.');
    case 'tls':
      return new HubCallError('tls', 'Den sikre forbindelse til hubben kunne ikke oprettes.');
    case 'timeout':
      return new HubCallError('unreachable', `${REACH}: den svarede ikke i tide.`);
    case 'dns':
      return new HubCallError('unreachable', `${REACH}: dens navn kunne ikke slås op.`);
    case 'not-sent':
      return new HubCallError('unreachable', `${REACH}: forbindelsen blev afvist.`);
    default:
      return new HubCallError('unreachable', `${REACH}: forbindelsen blev afbrudt.`);
  }
}

function statusError(status: number, body: (HubError & Record<string, unknown>) | null): HubCallError {
  const said = body && typeof body.message === 'string' ? body.message : null;
  if (status === 409) return new HubCallError('conflict', said ?? 'Opgaven er ændret af en anden.', status, body);
  if (status === 404) return new HubCallError('not-found', said ?? 'Opgaven findes ikke i hubben.', status, body);
  if (status >= 500 || status === 408 || status === 429) return new HubCallError('unreachable', said ?? `${REACH} lige nu (HTTP ${status}).`, status, body);
  return new HubCallError('refused', said ?? `Hubben afviste forespørgslen (HTTP ${status}).`, status, body);
}

export interface FeedHandlers {
  hello(head: string): void;
  advisory(id: string, event: HubChangeEvent): void;
  reload(reason: string): void;
  /** Anything arrived (events or the hub's keep-alive comment). */
  alive(): void;
}

export interface FeedStream {
  /** Resolves when the stream ends (the hub closed it, the network broke, or close()). */
  done: Promise<void>;
  close(): void;
}

export class HubClient {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(
    readonly config: HubConfig,
    /** This desktop's stable id, sent with every change (the hub audits it). */
    private readonly desktopId: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = new URL(config.url);
    this.agent = buildHttpsAgent(config.tls, { keepAlive: true, maxSockets: 8 });
  }

  close(): void {
    this.agent.destroy();
  }

  me(): Promise<HubMe> {
    return this.json<HubMe>('GET', '/v1/me');
  }

  page(view: HubView, cursor: string | null, limit: number): Promise<HubPage> {
    const q = new URLSearchParams({ view, limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    return this.json<HubPage>('GET', `/v1/advisories?${q.toString()}`);
  }

  get(id: string): Promise<HubAdvisory> {
    return this.json<HubAdvisory>('GET', `/v1/advisories/${encodeURIComponent(id)}`);
  }

  /** A change, conditional on `version` when given (409 when the advisory moved on). */
  act(id: string, action: TeamAction, version: number | null): Promise<HubAdvisory> {
    return this.json<HubAdvisory>('POST', `/v1/advisories/${encodeURIComponent(id)}/${action}`, version === null ? {} : { version });
  }

  /** Hands the advisory to the colleague `to` (conditional on `version` when given). */
  handover(id: string, to: string, version: number | null): Promise<HubAdvisory> {
    return this.json<HubAdvisory>('POST', `/v1/advisories/${encodeURIComponent(id)}/handover`, version === null ? { to } : { to, version });
  }

  /** The open advisory due first (of `kind`), now the caller's; null when none is left (the hub's 404 queue-empty). */
  async takeNext(kind?: AdvisoryKind): Promise<HubAdvisory | null> {
    try {
      return await this.json<HubAdvisory>('POST', '/v1/queue/take-next', kind ? { kind } : {});
    } catch (e) {
      if (e instanceof HubCallError && e.failure === 'not-found' && e.body?.code === 'queue-empty') return null;
      throw e;
    }
  }

  /** The organisation's caseworkers with their work, and the view counts. */
  team(): Promise<HubTeam> {
    return this.json<HubTeam>('GET', '/v1/team');
  }

  private json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (method === 'POST') headers[DESKTOP_ID_HEADER] = this.desktopId;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise<T>((resolve, reject) => {
      const req = https.request(new URL(path, this.base), { method, agent: this.agent, headers, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(hubTransportError(e)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON (a proxy's page): classified by the status below
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300 && parsed !== null) resolve(parsed as T);
          else if (status >= 200 && status < 300) reject(new HubCallError('unreachable', 'Hubben svarede med noget, der ikke kunne læses.', status));
          else reject(statusError(status, parsed && typeof parsed === 'object' ? (parsed as HubError & Record<string, unknown>) : null));
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(hubTransportError(e)));
      req.end(payload);
    });
  }

  /**
   * Opens the change feed from `since` (the last change id this desktop has applied; null: from now).
   * Resolves once the hub answered 200; events go to `on` in order; `done` settles when it ends.
   */
  feed(since: string | null, on: FeedHandlers): Promise<FeedStream> {
    return new Promise<FeedStream>((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (since !== null) headers['last-event-id'] = since;
      // A stream, not a request: its own connection (no keep-alive pool), no timeout of its own (the caller watches `alive`).
      const req = https.request(new URL('/v1/changes', this.base), { method: 'GET', agent: this.agent, headers }, (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let body: (HubError & Record<string, unknown>) | null = null;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HubError & Record<string, unknown>;
            } catch {
              // not JSON
            }
            reject(statusError(res.statusCode ?? 0, body));
          });
          return;
        }
        let ended!: () => void;
        const done = new Promise<void>((r) => (ended = r));
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          on.alive();
          buf += chunk;
          let sep: number;
          while ((sep = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, sep);
            buf = buf.slice(sep + 2);
            dispatch(block, on);
          }
        });
        res.on('end', ended);
        res.on('close', ended);
        res.on('error', ended);
        resolve({ done, close: () => req.destroy() });
      });
      req.on('error', (e) => reject(hubTransportError(e)));
      req.end();
    });
  }
}

/** One SSE block: `id:`, `event:`, `data:` lines (comments start with ':'). */
function dispatch(block: string, on: FeedHandlers): void {
  let id: string | null = null;
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const k = i < 0 ? line : line.slice(0, i);
    const v = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (k === 'id') id = v;
    else if (k === 'event') event = v;
    else if (k === 'data') data += data ? `\n${v}` : v;
  }
  if (!data) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return;
  }
  if (event === 'hello') on.hello(String((parsed as { head?: unknown }).head ?? ''));
  else if (event === 'reload') on.reload(String((parsed as { reason?: unknown }).reason ?? ''));
  else if (event === 'advisory' && id !== null) on.advisory(id, parsed as HubChangeEvent);
}
