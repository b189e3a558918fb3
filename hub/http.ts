// The hub's HTTP API (hub/README.md documents it): Fastify over HTTPS with mutual TLS. A certificate
// from another CA never completes the handshake; a caseworker of another organisation gets 403;
// every query runs for this hub's one organisation. Errors are JSON {code, message} with a Danish
// message; the database away is 503 (and nothing half-written: every change is one statement).

import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type z } from 'zod';
import {
  actionBody,
  DESKTOP_ID,
  DESKTOP_ID_HEADER,
  feedQuery,
  handoverBody,
  pageQuery,
  takeNextBody,
  type HubError,
  type HubErrorCode,
  type HubMe,
} from '../shared/hubApi';
import { callerOf, type Caller } from './auth';
import { isDatabaseUnavailable } from './db/pool';
import type { Feed } from './feed';
import type { Intake } from './intake';
import { BadCursorError, type Action, type Actor, type Queue } from './queue';

export const BODY_LIMIT = 16 * 1024;

export interface HubOrganisation {
  id: string;
  type: 'akasse' | 'jobcenter';
  code: string;
  name: string;
}

export interface AppDeps {
  org: HubOrganisation;
  queue: Queue;
  feed: Feed;
  intake: Intake | null;
  https: { key: string; cert: string; ca: string };
  replica: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: HubError & Record<string, unknown>,
  ) {
    super(body.message);
  }
}

const fail = (status: number, code: HubErrorCode, message: string) => new HttpError(status, { code, message });

const FIELD_TYPE: Record<string, string> = { number: 'et tal', string: 'en tekst', object: 'et JSON-objekt', boolean: 'sand eller falsk' };

/** The first problem of a refused body or query, in Danish, naming the field. */
export function danishIssue(error: z.ZodError, input: unknown): string {
  const i = error.issues[0];
  if (!i) return 'Forespørgslen er ugyldig.';
  const field = i.path.length ? `Feltet «${i.path.join('.')}»` : 'Forespørgslen';
  switch (i.code) {
    case 'unrecognized_keys':
      return `Ukendt felt: «${i.keys.join('», «')}».`;
    case 'invalid_type':
      return valueAt(input, i.path) === undefined ? `${field} mangler.` : `${field} skal være ${FIELD_TYPE[i.expected] ?? i.expected}.`;
    case 'invalid_value':
      return `${field} skal være en af: ${i.values.map(String).join(', ')}.`;
    case 'too_small':
      return i.origin === 'string' ? `${field} er tom eller for kort.` : `${field} skal være mindst ${String(i.minimum)}.`;
    case 'too_big':
      return i.origin === 'string' ? `${field} er for lang (højst ${String(i.maximum)} tegn).` : `${field} må højst være ${String(i.maximum)}.`;
    case 'invalid_format':
      return `${field} har et ugyldigt format.`;
    default:
      return `${field} er ugyldig.`;
  }
}

function valueAt(input: unknown, p: PropertyKey[]): unknown {
  let v = input;
  for (const k of p) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw fail(400, 'bad-request', danishIssue(r.error, input ?? {}));
  return r.data;
}

function actor(req: FastifyRequest): Actor {
  const desktop = req.headers[DESKTOP_ID_HEADER];
  if (typeof desktop !== 'string' || desktop === '') throw fail(400, 'bad-request', `Headeren ${DESKTOP_ID_HEADER} mangler: hver ændring registreres med det skrivebord, den kommer fra.`);
  if (!DESKTOP_ID.test(desktop)) throw fail(400, 'bad-request', `Headeren ${DESKTOP_ID_HEADER} er ugyldig (1–100 tegn: bogstaver, tal, . _ : -).`);
  const c = req.caller!;
  return { id: c.id, name: c.name, desktopId: desktop };
}

export function buildApp(d: AppDeps): FastifyInstance {
  const app = Fastify({
    https: { key: d.https.key, cert: d.https.cert, ca: d.https.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    bodyLimit: BODY_LIMIT,
    logger: false,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  app.decorateRequest('caller', null);
  const seen = new Map<string, number>();

  app.addHook('onRequest', async (req) => {
    const caller = callerOf(req.raw.socket as TLSSocket);
    if (!caller) throw fail(401, 'no-certificate', 'Hubben kræver dit personlige certifikat.');
    if (caller.orgId !== d.org.id) {
      throw fail(403, 'wrong-organisation', `Dit certifikat hører til ${caller.orgName || caller.orgId || 'en anden organisation'}; denne hub betjener ${d.org.name}.`);
    }
    req.caller = caller;
    // Remember the caseworker (for hand-over and the team view); at most every 5 minutes per replica.
    const last = seen.get(caller.id) ?? 0;
    if (Date.now() - last > 300_000) {
      try {
        await d.queue.seen({ id: caller.id, name: caller.name });
        seen.set(caller.id, Date.now());
      } catch {
        // the route itself reports a database that is away
      }
    }
  });

  app.setErrorHandler((err: unknown, _req, reply) => {
    const send = (status: number, body: HubError & Record<string, unknown>) => {
      if (status === 503) void reply.header('retry-after', '2');
      return reply.code(status).type('application/json; charset=utf-8').send(body);
    };
    if (err instanceof HttpError) return send(err.status, err.body);
    if (err instanceof BadCursorError) return send(400, { code: 'bad-request', message: 'Feltet «cursor» er ikke en cursor fra hubben. Hent første side igen.' });
    if (isDatabaseUnavailable(err)) return send(503, { code: 'database-unavailable', message: 'Hubbens database kan ikke nås lige nu. Intet er gemt; prøv igen om lidt.' });
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, { code: 'too-large', message: `Forespørgslen er for stor (højst ${BODY_LIMIT / 1024} KB).` });
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, { code: 'bad-request', message: 'Forespørgslen skal være JSON (Content-Type: application/json).' });
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return send(400, { code: 'bad-request', message: 'Forespørgslen siger JSON, men er tom. Send mindst {}.' });
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return send(400, { code: 'bad-request', message: 'Forespørgslen er ikke gyldig JSON.' });
    const status = (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return send(status, { code: 'bad-request', message: 'Forespørgslen er ugyldig.' });
    return send(500, { code: 'internal', message: 'Der skete en fejl i hubben. Prøv igen; fortsætter det, så kontakt jeres it-afdeling.' });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: 'not-found', message: 'Adressen findes ikke i hubben.' } satisfies HubError));

  app.get('/v1/me', async (req): Promise<HubMe> => ({ caseworker: { id: req.caller!.id, name: req.caller!.name }, organisation: d.org }));

  app.get('/v1/advisories', async (req) => {
    const q = parse(pageQuery, req.query);
    const cursor = d.feed.cursor; // read before the page: every change up to it is in the page
    return d.queue.page(q.view, { kind: q.kind, limit: q.limit, cursor: q.cursor, callerId: req.caller!.id }, cursor);
  });

  app.get<{ Params: { id: string } }>('/v1/advisories/:id', async (req) => {
    const a = await d.queue.get(req.params.id);
    if (!a) throw fail(404, 'not-found', 'Opgaven findes ikke.');
    return a;
  });

  const change = async (action: Action, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const who = actor(req);
    let version: number | undefined;
    let to: { id: string; name: string } | undefined;
    if (action === 'handover') {
      const b = parse(handoverBody, req.body);
      version = b.version;
      const colleague = await d.queue.colleague(b.to);
      if (!colleague) throw fail(404, 'unknown-caseworker', 'Kollegaen kendes ikke af hubben: vedkommende skal have logget på hubben mindst én gang.');
      to = colleague;
    } else version = parse(actionBody, req.body).version;
    const r = await d.queue.change(action, req.params.id, who, { version, to });
    if (r.kind === 'not-found') throw fail(404, 'not-found', 'Opgaven findes ikke.');
    if (r.kind === 'conflict') return reply.code(409).send(r.conflict);
    return r.advisory;
  };
  for (const action of ['take', 'release', 'handover', 'complete', 'reopen'] as const) {
    app.post<{ Params: { id: string } }>(`/v1/advisories/:id/${action}`, (req, reply) => change(action, req, reply));
  }

  app.post('/v1/queue/take-next', async (req) => {
    const who = actor(req);
    const b = parse(takeNextBody, req.body);
    const a = await d.queue.takeNext(who, b.kind);
    if (!a) throw fail(404, 'queue-empty', 'Der er ingen ufordelte opgaver.');
    return a;
  });

  app.get('/v1/team', async (req) => d.queue.team(req.caller!.id));

  app.get('/v1/changes', async (req, reply) => {
    const q = parse(feedQuery, req.query);
    const last = req.headers['last-event-id'];
    const since = typeof last === 'string' && last !== '' ? last : (q.since ?? null);
    if (since !== null && !/^\d{1,19}$/.test(since)) throw fail(400, 'bad-request', 'Last-Event-ID skal være et id fra hubbens ændringsstrøm.');
    const reload = await d.feed.resumable(since);
    reply.hijack();
    await d.feed.subscribe(reply.raw, since, reload);
  });

  app.get('/v1/health', async () => {
    let database = true;
    try {
      await d.queue.get('00000000-0000-0000-0000-000000000000');
    } catch {
      database = false;
    }
    return { ok: database, database, replica: d.replica, puller: d.intake?.leading ?? false, feedCursor: d.feed.cursor, feedClients: d.feed.connected, intakeError: d.intake?.lastError ?? null };
  });

  app.get('/v1/intake', async () => d.queue.intakeStatus());

  return app;
}
