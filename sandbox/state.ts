// The sandbox's state: the generated population plus every accepted mutation. Each mutator applies
// the change in memory and appends it to the journal; replay() runs the same code without writing.

import { generateDetail } from './details';
import type { Effect, Journal, JournalMessage } from './journal';
import type { CitizenDetail, CitizenPatch, StoredAbsence, StoredActivity, StoredJoblog, StoredMeeting, StoredMessage, StoredNotification } from './model';
import type { BaseCitizen, Population } from './population';

const SEVEN_DAYS_MS = 7 * 86_400_000;

export interface WsrmSequence {
  id: string;
  org: string;
  created: number;
  /** The messages offered in this sequence (a snapshot). */
  messages: StoredNotification[];
}

function toJournal(m: StoredMessage): JournalMessage {
  return { ...m, documents: m.documents.map((d) => ({ id: d.id, fileName: d.fileName, mimeType: d.mimeType, base64: d.content.toString('base64') })) };
}

function fromJournal(m: JournalMessage): StoredMessage {
  return { ...m, documents: m.documents.map((d) => ({ id: d.id, fileName: d.fileName, mimeType: d.mimeType, content: Buffer.from(d.base64, 'base64') })) };
}

export class SandboxState {
  private patches = new Map<number, CitizenPatch>();
  private details = new Map<number, CitizenDetail>();
  /** Unacknowledged notifications per receiving organisation id, oldest first. */
  readonly queues = new Map<string, Map<string, StoredNotification>>();
  /** Open WSRM sequences (not journaled: after a restart every unacknowledged message is offered again). */
  readonly sequences = new Map<string, WsrmSequence>();
  private requestIds = new Map<string, Map<string, number>>();
  /** Logical command key → times applied. */
  readonly logical = new Map<string, number>();
  private replaying = false;
  /** Called for every new notification (not during replay): the webhook pusher listens here. */
  onNotify: ((org: string, n: StoredNotification) => void) | null = null;

  constructor(
    readonly pop: Population,
    private readonly journal: Journal,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  citizenAt(index: number): BaseCitizen | undefined {
    const base = this.pop.citizens[index];
    if (!base) return undefined;
    const p = this.patches.get(index);
    return p ? { ...base, ...p } : base;
  }

  citizen(cpr: string): BaseCitizen | undefined {
    const i = this.pop.byCpr.get(cpr);
    return i === undefined ? undefined : this.citizenAt(i);
  }

  /** The citizen's details, generated on first use. */
  detail(cpr: string): CitizenDetail {
    const i = this.pop.byCpr.get(cpr);
    const base = i === undefined ? undefined : this.pop.citizens[i];
    if (i === undefined || !base) throw new Error('detail() on an unknown citizen');
    let d = this.details.get(i);
    if (!d) {
      d = generateDetail(this.pop.seed, this.pop.baseDate, base);
      this.details.set(i, d);
    }
    return d;
  }

  queue(org: string): Map<string, StoredNotification> {
    let q = this.queues.get(org);
    if (!q) {
      q = new Map();
      this.queues.set(org, q);
    }
    return q;
  }

  /** True if `id` was already received from `org` within 7 days. */
  seenRequestId(org: string, id: string, now = Date.now()): boolean {
    const at = this.requestIds.get(org)?.get(id);
    return at !== undefined && now - at < SEVEN_DAYS_MS;
  }

  // ---------------------------------------------------------------------------------------------
  // Mutations (journaled)

  private commit(effect: Effect): void {
    this.applyEffect(effect);
    if (!this.replaying) this.journal.append(effect);
  }

  addMessage(m: StoredMessage): void {
    this.commit({ e: 'msg', cpr: m.cpr, m: toJournal(m) });
  }

  putAbsence(cpr: string, a: StoredAbsence, change: 1 | 2, at: string, comment: string | null): void {
    this.commit({ e: 'abs', cpr, a, change, at, comment });
  }

  deleteAbsence(cpr: string, id: string, at: string, comment: string): void {
    this.commit({ e: 'absdel', cpr, id, at, comment });
  }

  addActivity(cpr: string, a: StoredActivity): void {
    this.commit({ e: 'act', cpr, a });
  }

  /** An activity's new dates or its end (UpdateActivity, EndActivity): replaces it by id. */
  updateActivity(cpr: string, a: StoredActivity): void {
    this.commit({ e: 'actupd', cpr, a });
  }

  addMeeting(cpr: string, m: StoredMeeting): void {
    this.commit({ e: 'meet', cpr, m });
  }

  /** Replaces a meeting (UpdateIndkaldelse). */
  putMeeting(cpr: string, m: StoredMeeting): void {
    this.commit({ e: 'meetput', cpr, m });
  }

  /** Removes a meeting (DeleteIndkaldelse). */
  deleteMeeting(cpr: string, id: string): void {
    this.commit({ e: 'meetdel', cpr, id });
  }

  addJoblog(cpr: string, j: StoredJoblog): void {
    this.commit({ e: 'job', cpr, j });
  }

  patchCitizen(cpr: string, p: CitizenPatch): void {
    this.commit({ e: 'patch', cpr, p });
  }

  notify(org: string, n: StoredNotification): void {
    this.commit({ e: 'notify', org, n });
    if (!this.replaying) this.onNotify?.(org, n);
  }

  acknowledge(org: string, ids: string[]): void {
    this.commit({ e: 'ack', org, ids });
  }

  rememberRequestId(org: string, id: string, at = Date.now()): void {
    this.commit({ e: 'rid', org, id, at });
  }

  /** Logical commands recorded by this process (not replayed ones): a request that raised it applied a write. */
  recordedLogical = 0;

  recordLogical(key: string): void {
    this.commit({ e: 'key', key });
    this.recordedLogical++;
  }

  private applyEffect(ef: Effect): void {
    switch (ef.e) {
      case 'meta':
        return;
      case 'msg':
        this.detail(ef.cpr).messages.push(fromJournal(ef.m));
        return;
      case 'abs': {
        const d = this.detail(ef.cpr);
        d.absences.set(ef.a.id, ef.a);
        d.absenceHistory.push({ id: ef.a.id, changeType: ef.change, at: ef.at, comment: ef.comment, snapshot: { ...ef.a } });
        return;
      }
      case 'absdel': {
        const d = this.detail(ef.cpr);
        const a = d.absences.get(ef.id);
        if (!a) return;
        d.absences.delete(ef.id);
        d.absenceHistory.push({ id: ef.id, changeType: 3, at: ef.at, comment: ef.comment, snapshot: { ...a } });
        return;
      }
      case 'act':
        this.detail(ef.cpr).activities.push(ef.a);
        return;
      case 'actupd': {
        const list = this.detail(ef.cpr).activities;
        const i = list.findIndex((x) => x.id === ef.a.id);
        if (i >= 0) list[i] = ef.a;
        return;
      }
      case 'meet':
        this.detail(ef.cpr).meetings.push(ef.m);
        return;
      case 'meetput': {
        const d = this.detail(ef.cpr);
        d.meetings = d.meetings.map((m) => (m.id === ef.m.id ? ef.m : m));
        return;
      }
      case 'meetdel': {
        const d = this.detail(ef.cpr);
        d.meetings = d.meetings.filter((m) => m.id !== ef.id);
        return;
      }
      case 'job':
        this.detail(ef.cpr).joblog.unshift(ef.j);
        return;
      case 'patch': {
        const i = this.pop.byCpr.get(ef.cpr);
        if (i === undefined) return;
        this.patches.set(i, { ...this.patches.get(i), ...ef.p });
        return;
      }
      case 'notify':
        this.queue(ef.org).set(ef.n.messageIdentifier, ef.n);
        return;
      case 'ack': {
        const q = this.queue(ef.org);
        for (const id of ef.ids) q.delete(id);
        return;
      }
      case 'rid': {
        let m = this.requestIds.get(ef.org);
        if (!m) {
          m = new Map();
          this.requestIds.set(ef.org, m);
        }
        m.set(ef.id, ef.at);
        return;
      }
      case 'key':
        this.logical.set(ef.key, (this.logical.get(ef.key) ?? 0) + 1);
        return;
    }
  }

  replay(effects: Effect[]): void {
    this.replaying = true;
    try {
      for (const ef of effects) this.applyEffect(ef);
    } finally {
      this.replaying = false;
    }
  }

  /** Drops every mutation: back to the generated population. */
  clear(): void {
    this.patches.clear();
    this.details.clear();
    this.queues.clear();
    this.sequences.clear();
    this.requestIds.clear();
    this.logical.clear();
  }
}
