// Render the whole app against a FakeBridge, with a fresh store per test.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi, type MockInstance } from 'vitest';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/App';
import { resetAppStore, useApp, type Route } from '../../renderer/src/stores/app';
import type { Absence, OutboxItem } from '../../shared/domain';
import { outboxExplanation } from '../../shared/dfdgErrors';
import { FakeBridge, anna } from './fakeBridge';

let rendered: FakeBridge | null = null;

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  resetAppStore();
  // A request main would refuse, or an answer main could not give, fails the test that caused it.
  const violations = rendered?.violations ?? [];
  rendered = null;
  if (violations.length) throw new Error(`The renderer and the FakeBridge must speak the IPC contract (shared/contract.ts):\n${violations.join('\n')}`);
});

export function renderApp(bridge = new FakeBridge(), route?: Route) {
  resetAppStore();
  rendered = bridge;
  window.dfdg = bridge;
  if (route) useApp.setState({ route, history: { entries: [route], index: 0 } });
  const user = userEvent.setup();
  const utils = render(<App />);
  return { bridge, user, ...utils };
}

/** Open the citizen page and wait for the name heading. */
export async function openCitizen(bridge: FakeBridge, cpr = '0101901234', tab: 'dialog' | 'fravaer' | 'plan' | 'moeder' | 'joblog' = 'dialog') {
  const r = renderApp(bridge, { name: 'citizen', cpr, tab });
  await screen.findByRole('heading', { level: 1, name: bridge.citizens.find((c) => c.cpr === cpr)!.name });
  return r;
}

/**
 * The composer's form once its draft has loaded. Before that a "Henter kladden …" placeholder with the
 * same region name stands in its place and is then replaced, so waiting for the region alone can catch
 * the placeholder (and a reference to it goes stale), depending on timing.
 */
export async function composerForm(name = 'Ny besked'): Promise<HTMLElement> {
  await screen.findByLabelText('Beskedtype');
  return screen.getByRole('region', { name });
}

export { act };

/** An outbox item DFDG rejected (a message for Anna Jensen, editable); `extra` makes it another. */
export function rejectedItem(extra: Partial<Omit<OutboxItem, 'explanation'>> = {}): OutboxItem {
  const item: Omit<OutboxItem, 'explanation'> = {
    id: 'cmd-1',
    kind: 'message.create',
    cpr: anna.cpr,
    citizenName: anna.name,
    summary: 'A-kassens indstilling til jobcentret om tilbud',
    state: 'rejected',
    attempts: 1,
    createdAt: '2026-11-22T09:00:00Z',
    updatedAt: '2026-11-22T09:01:00Z',
    nextAttemptAt: null,
    sentAt: null,
    receipt: null,
    error: { code: 4933, text: 'The comment text cannot contain html tags', service: 'CitizenMessageService', operation: 'CreateMessage', transient: false, httpStatus: 500 },
    editable: true,
    ...extra,
  };
  // As main sends it: the explanation computed once, in main (toItem), from the state and the error.
  return { ...item, explanation: outboxExplanation(item.state, item.error, item.kind) };
}

/** An absence in DFDG registered by the a-kasse (holiday, 01-12-2026 – 05-12-2026); `extra` makes it another. */
export function absenceRow(extra: Partial<Absence> = {}): Absence {
  return {
    id: '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    cpr: anna.cpr,
    type: 10,
    start: '2026-12-01',
    end: '2026-12-05',
    comment: null,
    notificationDate: '2026-11-20',
    endReason: null,
    registeredBy: { organisationType: 2, organisationCode: '067' },
    ...extra,
  };
}

/**
 * jsdom has no layout: for the tests of a file, give the virtual lists (`.vlist`) a 560 px viewport
 * over their sized content, and let scrollTo scroll. Like a browser, scrollTo fires no scroll event
 * when nothing moves, and queues the event instead of dispatching it inside the call: the virtualizer
 * scrolls to its offset in a layout effect, and a scroll event dispatched right there made it
 * flushSync inside React's commit ("flushSync was called from inside a lifecycle method"), which no
 * browser does. React must have nothing to complain about (no flushSync inside a commit).
 */
export function virtualListLayout(): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('vlist') ? 560 : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('vlist') ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0') || 0 : 0;
      },
    });
    (Element.prototype as unknown as { scrollTo: (o: ScrollToOptions) => void }).scrollTo = function (this: Element, o: ScrollToOptions) {
      const top = o.top ?? this.scrollTop;
      if (top === this.scrollTop) return;
      this.scrollTop = top;
      setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
    };
  });

  let consoleError: MockInstance<typeof console.error>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    const messages = consoleError.mock.calls.map((c) => String(c[0]));
    consoleError.mockRestore();
    expect(messages.filter((m) => m.includes('flushSync'))).toEqual([]);
  });
  afterAll(() => {
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
    delete (HTMLElement.prototype as unknown as { scrollHeight?: unknown }).scrollHeight;
    if (scrollHeight) Object.defineProperty(Element.prototype, 'scrollHeight', scrollHeight);
    delete (Element.prototype as unknown as { scrollTo?: unknown }).scrollTo;
  });
}
