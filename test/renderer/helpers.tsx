// Render the whole app against a FakeBridge, with a fresh store per test.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach } from 'vitest';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/App';
import { resetAppStore, useApp, type Route } from '../../renderer/src/stores/app';
import { FakeBridge } from './fakeBridge';

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
  if (route) useApp.setState({ route });
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
