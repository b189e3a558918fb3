// Render the whole app against a FakeBridge, with a fresh store per test.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach } from 'vitest';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/App';
import { resetAppStore, useApp, type Route } from '../../renderer/src/stores/app';
import { FakeBridge } from './fakeBridge';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  resetAppStore();
});

export function renderApp(bridge = new FakeBridge(), route?: Route) {
  resetAppStore();
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

export { act };
