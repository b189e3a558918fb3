// A team queue behind the FakeBridge, as main answers hub mode: app.info with the hub's status,
// hub.page (the views, paged, in the given order), hub.act (take, release, complete, reopen; a
// scripted lost race; queued while the hub is offline); hub.takeNext (earliest due first), hub.handover,
// hub.team (the colleagues and their counts), hub.commands / hub.dismiss (the outbox of team actions);
// `colleague()` changes an advisory as another desktop would, and main's events follow (inbox.changed,
// hub.status).
import type { HubStatus, TeamAction, TeamAdvisory, TeamColleague, TeamCommand, TeamView } from '../../shared/domain';
import { failure, type FakeBridge, TODAY, anna, jobcenterIdentity } from './fakeBridge';

export const ME = { id: 'CVR:29101000-UUID:me', name: 'Jonas Jobkonsulent' };
export const SOEREN = { id: 'CVR:29101000-UUID:soeren', name: 'Søren Østergaard' };
export const BIRGITTE = { id: 'CVR:29101000-UUID:birgitte', name: 'Birgitte Hjort' };

const OFFLINE = (reason: string | null) => failure('offline', `${reason ?? 'Hubben kan ikke nås.'} Det kræver forbindelse til hubben.`);

export function teamAdvisory(i: number, extra: Partial<TeamAdvisory> = {}): TeamAdvisory {
  return {
    id: `t-${i}`,
    kind: 'message-received',
    cpr: anna.cpr,
    citizenName: `Borger ${i}`,
    title: `Opgave nummer ${i}`,
    createdAt: '2026-11-20T09:00:00Z',
    dueDate: '2026-11-30',
    status: 'open',
    takenBy: null,
    takenAt: null,
    doneBy: null,
    doneAt: null,
    version: 1,
    sourceMessageIdentifier: `m-${i}`,
    entityId: null,
    pending: null,
    refused: null,
    ...extra,
  };
}

const inView = (view: TeamView, a: TeamAdvisory): boolean => {
  switch (view) {
    case 'mine':
      return a.status === 'in-progress' && a.takenBy?.id === ME.id;
    case 'unassigned':
      return a.status === 'open';
    case 'overdue':
      return a.status !== 'done' && a.dueDate !== null && a.dueDate < TODAY;
    case 'all':
      return a.status !== 'done';
    case 'done':
      return a.status === 'done';
  }
};

export class FakeTeam {
  state: HubStatus['state'] = 'online';
  reason: string | null = null;
  /** Advisory id → the hub's 409 message for the next action on it. */
  readonly lostRaces = new Map<string, string>();
  /** Done today per colleague id (the hub's count). */
  doneToday = new Map<string, number>([[SOEREN.id, 3]]);
  /** The outbox of team actions as main lists it. */
  commands: TeamCommand[] = [];

  constructor(
    readonly bridge: FakeBridge,
    public items: TeamAdvisory[],
  ) {
    bridge.identity = jobcenterIdentity;
    bridge.reply('app.info', () => ({ version: '0.1.0', mode: 'sandbox', sandboxUrl: 'https://127.0.0.1:8443', identity: jobcenterIdentity, today: TODAY, status: { online: true, cause: null, draining: false, pending: 0, failed: 0, rejected: 0, lastSyncedAt: null, lastError: null }, hub: this.status() }));
    bridge.reply('hub.page', (r) => {
      const all = this.items.filter((a) => inView(r.view, a) && (!r.kind || a.kind === r.kind));
      return { items: all.slice(r.offset, r.offset + r.limit), total: all.length, status: this.status() };
    });
    bridge.reply('hub.get', (r) => this.items.find((x) => x.id === r.id) ?? failure('not-found', 'Opgaven findes ikke (længere) i teamets kø.'));
    bridge.reply('hub.act', (r) => {
      const a = this.items.find((x) => x.id === r.id);
      if (!a) return failure('not-found', 'Opgaven findes ikke (længere) i teamets kø.');
      const lost = this.lostRaces.get(r.id);
      if (lost) {
        this.lostRaces.delete(r.id);
        return failure('conflict', lost);
      }
      if (this.state !== 'online') {
        this.set(r.id, { pending: r.action });
        return { advisory: this.find(r.id), queued: true };
      }
      this.set(r.id, this.applied(r.action));
      return { advisory: this.find(r.id), queued: false };
    });
    this.register(bridge);
  }

  private register(bridge: FakeBridge): void {
    bridge.reply('hub.takeNext', (r) => {
      if (this.state !== 'online') return OFFLINE(this.reason);
      const next = this.items
        .filter((a) => a.status === 'open' && (!r.kind || a.kind === r.kind))
        .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt))[0];
      if (!next) return { advisory: null };
      this.set(next.id, this.applied('take'));
      return { advisory: this.find(next.id) };
    });
    bridge.reply('hub.handover', (r) => {
      if (this.state !== 'online') return OFFLINE(this.reason);
      const lost = this.lostRaces.get(r.id);
      if (lost) {
        this.lostRaces.delete(r.id);
        return failure('conflict', lost);
      }
      const to = this.colleagues().find((c) => c.id === r.to);
      if (!to) return failure('not-found', 'Kollegaen kendes ikke af hubben.');
      this.set(r.id, { status: 'in-progress', takenBy: { id: to.id, name: to.name }, takenAt: `${TODAY}T09:42:00.000Z` });
      return { advisory: this.find(r.id) };
    });
    bridge.reply('hub.team', () => (this.state !== 'online' ? OFFLINE(this.reason) : { caseworkers: this.colleagues(), me: ME.id }));
    bridge.reply('hub.commands', () => ({ items: this.commands }));
    bridge.reply('hub.dismiss', (r) => {
      if (!this.commands.some((c) => c.id === r.id && c.state === 'refused')) return failure('conflict', 'Handlingen er ikke afvist (længere), så der er intet at fjerne.');
      this.commands = this.commands.filter((c) => c.id !== r.id);
      // Main tells the renderer the new status (one fewer refused) after answering.
      queueMicrotask(() => this.notify());
      return { items: this.commands };
    });
  }

  /** Every colleague the hub knows, with their open taken, overdue and done today. */
  colleagues(): TeamColleague[] {
    return [ME, SOEREN, BIRGITTE].map((c) => {
      const held = this.items.filter((a) => a.status === 'in-progress' && a.takenBy?.id === c.id);
      return { ...c, taken: held.length, overdue: held.filter((a) => a.dueDate !== null && a.dueDate < TODAY).length, doneToday: this.doneToday.get(c.id) ?? 0 };
    });
  }

  private applied(action: TeamAction): Partial<TeamAdvisory> {
    const at = `${TODAY}T09:42:00.000Z`;
    switch (action) {
      case 'take':
        return { status: 'in-progress', takenBy: ME, takenAt: at };
      case 'release':
      case 'reopen':
        return { status: 'open', takenBy: null, takenAt: null, doneBy: null, doneAt: null };
      case 'complete':
        return { status: 'done', takenBy: null, takenAt: null, doneBy: ME, doneAt: at };
    }
  }

  find(id: string): TeamAdvisory {
    return this.items.find((x) => x.id === id)!;
  }

  private set(id: string, patch: Partial<TeamAdvisory>): void {
    this.items = this.items.map((x) => (x.id === id ? { ...x, ...patch, version: x.version + 1 } : x));
  }

  status(): HubStatus {
    const n = (v: TeamView) => this.items.filter((a) => inView(v, a)).length;
    return {
      source: 'settings',
      url: 'https://hub.jobcenter.example',
      state: this.state,
      reason: this.state === 'online' ? null : this.reason,
      me: ME,
      organisation: 'Jobcenter Testby',
      pending: this.items.filter((a) => a.pending).length + this.commands.filter((c) => c.state === 'queued').length,
      refused: this.items.filter((a) => a.refused).length + this.commands.filter((c) => c.state === 'refused').length,
      counts: { mine: n('mine'), unassigned: n('unassigned'), overdue: n('overdue'), all: n('all'), done: n('done') },
      syncedAt: `${TODAY}T09:30:00.000Z`,
    };
  }

  /** A colleague's desktop changed it: the hub's feed reaches main, main tells the renderer. */
  colleague(id: string, patch: Partial<TeamAdvisory>): void {
    this.set(id, patch);
    this.notify();
  }

  notify(): void {
    const status = this.status();
    this.bridge.emit('hub.status', { status });
    this.bridge.emit('inbox.changed', { open: status.counts.mine + status.counts.unassigned });
  }
}
