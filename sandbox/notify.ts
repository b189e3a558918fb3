// Notifications (wire-contract §2.8): every event is queued per receiving organisation for WSRM
// pull (services/wsrm.ts). If a webhook URL is configured, each is also POSTed as a WSB-style JSON
// event, retried after min(10800 s, 2^n − 1 s) on failure (interfaces.md §8.2); while one fails,
// later events for the same receiver, citizen and entity kind wait behind it, so order is kept.
//
// ASSUMED (wire-contract §6): the WSB body. DFDG's real envelope is not published; the sandbox
// sends the documented metadata names (EntitetNavn, EntitetId, EksternIdentifier,
// IdentifikationstypeId, Aendringstype) plus the receiver, the WSRM method and the item's elements.

import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Clock } from './dates';
import type { NotificationMethod, OrgRef, StoredNotification } from './model';
import type { OrgDef } from './orgs';
import { orgById } from './orgs';
import type { SandboxState } from './state';

const ENTITY: Record<NotificationMethod, { navn: string; id: number }> = {
  GetIndkaldelseVersion1: { navn: 'Indkaldelse', id: 90000 },
  GetPersonUnemploymentFundSaveMembershipVersion5: { navn: 'Akassemedlemskab', id: 60010 },
  // Sandbox-only ids (ASSUMED): DFDG has no published WSB type for these yet.
  GetCitizenMessageVersion1: { navn: 'Dialogbesked', id: 990001 },
  GetAbsenceVersion1: { navn: 'Fravaer', id: 990002 },
  GetActivityGeneralEventVersion3: { navn: 'MinPlanAktivitet', id: 990003 },
};

export interface RaiseInput {
  method: NotificationMethod;
  cpr: string;
  changeType: 1 | 2 | 3;
  registeringAuthority: OrgRef;
  registeringUser: { fullName: string; userIdentifier: string };
  entityId: string | null;
  extras: [string, string | number | null][];
}

interface Delivery {
  body: string;
}

interface Chain {
  queue: Delivery[];
  busy: boolean;
}

export interface WebhookStats {
  delivered: number;
  failedAttempts: number;
  pending: number;
}

export class Notifier {
  private chains = new Map<string, Chain>();
  private timers = new Set<NodeJS.Timeout>();
  private closed = false;
  readonly webhook: WebhookStats = { delivered: 0, failedAttempts: 0, pending: 0 };

  constructor(
    private readonly state: SandboxState,
    private readonly clock: Clock,
    private readonly opts: { webhookUrl?: string; retryUnitMs?: number },
  ) {
    state.onNotify = (org, n) => this.push(org, n);
  }

  /** Queues one notification per distinct receiver. */
  raise(receivers: (OrgDef | undefined)[], input: RaiseInput): void {
    const seen = new Set<string>();
    for (const r of receivers) {
      if (!r || r.type === 'admin' || seen.has(r.id)) continue;
      seen.add(r.id);
      this.state.notify(r.id, { ...input, messageIdentifier: crypto.randomUUID(), eventDateTime: this.clock.nowIso() });
    }
  }

  private push(org: string, n: StoredNotification): void {
    if (!this.opts.webhookUrl || this.closed) return;
    const receiver = orgById(org);
    const entity = (ENTITY as Record<string, { navn: string; id: number } | undefined>)[n.method];
    if (!entity) return; // a kind raised for tests only: WSRM pull, no WSB event
    const body = JSON.stringify({
      EntitetNavn: entity.navn,
      EntitetId: entity.id,
      EksternIdentifier: n.entityId ?? '00000000-0000-0000-0000-000000000000',
      IdentifikationstypeId: 1,
      Identifikation: n.cpr,
      Aendringstype: n.changeType,
      Tidspunkt: n.eventDateTime,
      BeskedIdentifier: n.messageIdentifier,
      WsrmMetode: n.method,
      Modtager: { organisationstype: receiver?.orgTypeId ?? null, organisationskode: receiver?.code ?? null },
      RegistreretAf: {
        organisationstype: n.registeringAuthority.orgTypeId,
        organisationskode: n.registeringAuthority.code,
        navn: n.registeringUser.fullName,
      },
      Data: Object.fromEntries(n.extras),
    });
    const key = `${org}|${n.cpr}|${entity.navn}`;
    let chain = this.chains.get(key);
    if (!chain) {
      chain = { queue: [], busy: false };
      this.chains.set(key, chain);
    }
    chain.queue.push({ body });
    this.webhook.pending++;
    if (!chain.busy) void this.pump(key, chain);
  }

  private async pump(key: string, chain: Chain): Promise<void> {
    chain.busy = true;
    let retry = 0;
    while (chain.queue.length > 0 && !this.closed) {
      const head = chain.queue[0] as Delivery;
      const ok = await this.post(head.body);
      if (this.closed) break;
      if (ok) {
        chain.queue.shift();
        this.webhook.delivered++;
        this.webhook.pending--;
        retry = 0;
      } else {
        retry++;
        this.webhook.failedAttempts++;
        await this.sleep(retryDelaySeconds(retry) * (this.opts.retryUnitMs ?? 1000));
      }
    }
    chain.busy = false;
    if (chain.queue.length === 0) this.chains.delete(key);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private post(body: string): Promise<boolean> {
    const url = new URL(this.opts.webhookUrl as string);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = mod.request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 },
        (res) => {
          res.resume();
          res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
          res.on('error', () => resolve(false));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(false));
      req.end(body);
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** The WSB resend schedule: min(10800 s, 2^n − 1 s) for the n-th retry (1, 3, 7, 15, ... s). */
export function retryDelaySeconds(n: number): number {
  return Math.min(10_800, 2 ** n - 1);
}
