// Keyboard: Ctrl+K and "/" search, Ctrl+N new message, "?" and F1 help, Esc closes; plain keys do
// nothing while the caseworker types in a field. Which handler gets a key is decided by its layer
// (dialog > composer > list > global), never by the order handlers were mounted or switched on; an
// open <dialog> holds every key but help from what is beneath it.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenMessage, MessageThread } from '../../shared/domain';
import { Modal } from '../../renderer/src/components/Modal';
import { SHORTCUTS, handleGlobalKey, runShortcut, useShortcut, useShortcutClaim, type ShortcutAction, type ShortcutLayer } from '../../renderer/src/lib/shortcuts';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen, renderApp, composerForm } from './helpers';

function Handler({ name, layer, on, log }: { name: string; layer: ShortcutLayer; on: boolean; log: string[] }) {
  useShortcut('next', () => log.push(name), { layer, enabled: on });
  return null;
}
function Claim({ layer, on }: { layer: ShortcutLayer; on: boolean }) {
  useShortcutClaim(layer, ['next'], on);
  return null;
}

/** Who gets J after switching the handlers on and off in the given order. */
function winnerAfter(steps: [string, boolean][]): string | undefined {
  const log: string[] = [];
  const state: Record<string, boolean> = { list: false, dialog: false, global: false, list2: false };
  const tree = () => (
    <>
      <Handler name="global" layer="global" on={state.global!} log={log} />
      <Handler name="list" layer="list" on={state.list!} log={log} />
      <Handler name="dialog" layer="overlay" on={state.dialog!} log={log} />
      <Handler name="list2" layer="list" on={state.list2!} log={log} />
    </>
  );
  const { rerender, unmount } = render(tree());
  for (const [name, on] of steps) {
    state[name] = on;
    rerender(tree());
  }
  runShortcut('next');
  unmount();
  return log[0];
}

function message(id: string): CitizenMessage {
  return {
    id, cpr: anna.cpr, contextType: 1, channel: 4, subject: id, body: id, allowReply: true, responseToId: null,
    from: { userType: 2, userIdentifier: 'CVR:1-UUID:2', fullName: 'Jonas Jobkonsulent', organisationType: 8, organisationCode: '10100' },
    to: { organisationType: 2, organisationCode: '067' }, createdAt: '2026-11-20T09:30:00Z', documents: [],
  };
}
const thread = (id: string, lastActivityAt: string): MessageThread => ({ rootId: id, cpr: anna.cpr, subject: id, contextType: 1, lastActivityAt, messages: [message(id)], pending: [] });

describe('shortcuts', () => {
  it('"/" and Ctrl+K focus the search field from anywhere', async () => {
    const { user } = await openCitizen(new FakeBridge());
    await user.keyboard('/');
    const search = await screen.findByLabelText('CPR-nummer eller navn');
    await waitFor(() => expect(search).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Indstillinger' }));
    await screen.findByRole('heading', { name: 'Indstillinger' });
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(screen.getByLabelText('CPR-nummer eller navn')).toHaveFocus());
  });

  it('does not fire plain-key shortcuts while typing in a field', async () => {
    const { user } = renderApp();
    const search = await screen.findByLabelText('CPR-nummer eller navn');
    await user.type(search, 'a/b?jk');
    expect(search).toHaveValue('a/b?jk');
    expect(screen.queryByRole('dialog', { name: 'Tastaturgenveje' })).not.toBeInTheDocument();
  });

  it('"?" and F1 open the help overlay listing every shortcut, Esc closes it and focus returns', async () => {
    const { user } = await openCitizen(new FakeBridge());
    const newMessage = screen.getByRole('button', { name: 'Ny besked' });
    newMessage.focus();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Tastaturgenveje' });
    for (const key of ['Ctrl+K', 'Ctrl+N', 'Ctrl+Enter', 'Alt+↓', 'Esc', 'F1']) expect(help).toHaveTextContent(key);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(newMessage).toHaveFocus();
    await user.keyboard('{F1}');
    expect(screen.getByRole('dialog', { name: 'Tastaturgenveje' })).toBeInTheDocument();
  });

  it('Ctrl+N opens a new message on the open citizen, even from another tab', async () => {
    const bridge = new FakeBridge();
    const { user } = await openCitizen(bridge, '0101901234', 'plan');
    await screen.findByRole('heading', { name: 'Min plan' });
    await user.keyboard('{Control>}n{/Control}');
    expect(await composerForm()).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Dialog' })).toHaveAttribute('aria-selected', 'true');
    expect(bridge.callsOf('drafts.create')).toEqual([{ cpr: '0101901234' }]);
  });

  it('moves between tabs with the arrow keys (ARIA tabs pattern)', async () => {
    const { user } = await openCitizen(new FakeBridge());
    const dialog = screen.getByRole('tab', { name: 'Dialog' });
    dialog.focus();
    await user.keyboard('{ArrowRight}');
    const fravaer = screen.getByRole('tab', { name: 'Fravær' });
    expect(fravaer).toHaveFocus();
    expect(fravaer).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Fravær' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Joblog' })).toHaveAttribute('aria-selected', 'true');
  });

  it('a dialog gets J over a list whatever order they were switched on in; within a layer the later-mounted one wins', () => {
    const orders: [string, boolean][][] = [
      [['list', true], ['dialog', true]],
      [['dialog', true], ['list', true]],
      [['list', true], ['dialog', true], ['list', false], ['list', true]],
      [['dialog', true], ['global', true], ['list', true], ['global', false], ['global', true]],
    ];
    for (const steps of orders) expect(winnerAfter(steps)).toBe('dialog');
    expect(winnerAfter([['global', true], ['list', true], ['global', false], ['global', true]])).toBe('list');
    // Two lists: the one mounted later wins, however often the earlier one is switched off and on.
    expect(winnerAfter([['list2', true], ['list', true]])).toBe('list2');
    expect(winnerAfter([['list', true], ['list2', true], ['list', false], ['list', true]])).toBe('list2');
  });

  it('a claim takes the key from lower layers without running anything', () => {
    const log: string[] = [];
    const tree = (claim: boolean) => (
      <>
        <Claim layer="composer" on={claim} />
        <Handler name="list" layer="list" on log={log} />
      </>
    );
    const { rerender } = render(tree(true));
    expect(runShortcut('next')).toBe(true);
    expect(log).toEqual([]);
    rerender(tree(false));
    runShortcut('next');
    expect(log).toEqual(['list']);
  });

  it('J does not move the thread list behind the open help overlay', async () => {
    const bridge = new FakeBridge().reply('messages.threads', {
      threads: [thread('Ældre tråd', '2026-11-01T09:00:00Z'), thread('Nyeste tråd', '2026-11-21T09:00:00Z')],
      freshness: { fetchedAt: null, stale: false, source: 'dfdg' },
    });
    const { user } = await openCitizen(bridge);
    const list = await screen.findByRole('listbox', { name: 'Tråde' });
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Tastaturgenveje' })).toBeInTheDocument();
    await user.keyboard('j');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('Nyeste tråd');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.keyboard('j');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('Ældre tråd');
  });
});

// The registry on its own, through the one document listener <App> installs (no App here).
describe('shortcut registry', () => {
  beforeEach(() => document.addEventListener('keydown', handleGlobalKey));
  afterEach(() => document.removeEventListener('keydown', handleGlobalKey));

  function On({ action = 'next', name, layer, log }: { action?: ShortcutAction; name: string; layer: ShortcutLayer; log: string[] }) {
    useShortcut(action, () => log.push(name), { layer });
    return null;
  }

  it('J goes to the dialog over the global handler whichever mounted first, and back to the global one when the dialog goes', async () => {
    const user = userEvent.setup();
    for (const first of ['global', 'dialog'] as const) {
      const log: string[] = [];
      const mounted = { global: false, dialog: false };
      const tree = () => (
        <>
          {mounted.global && <On name="global" layer="global" log={log} />}
          {mounted.dialog && <On name="dialog" layer="overlay" log={log} />}
        </>
      );
      const { rerender, unmount } = render(tree());
      const press = async (...steps: [keyof typeof mounted, boolean][]) => {
        for (const [name, on] of steps) {
          mounted[name] = on;
          rerender(tree());
        }
        await user.keyboard('j');
        return log.at(-1);
      };
      const second = first === 'global' ? 'dialog' : 'global';
      expect(await press([first, true], [second, true])).toBe('dialog');
      expect(await press(['dialog', false])).toBe('global');
      expect(await press(['dialog', true])).toBe('dialog');
      // The global one unmounted and mounted again (now the newest) still does not get it.
      expect(await press(['global', false], ['global', true])).toBe('dialog');
      expect(await press(['dialog', false])).toBe('global');
      expect(await press(['global', false])).toBe('global'); // nobody has J: nothing ran
      expect(log).toEqual(['dialog', 'global', 'dialog', 'dialog', 'global']);
      unmount();
    }
  });

  it('an open <dialog> holds every key but help from what is beneath it, and gives them back when it closes', async () => {
    const user = userEvent.setup();
    const log: string[] = [];
    const actions = SHORTCUTS.flatMap((s) => (s.action ? [s.action] : []));
    function Page() {
      const [open, setOpen] = useState(false);
      return (
        <>
          {actions.map((a) => (
            <On key={a} action={a} name={a} layer={a === 'next' || a === 'prev' ? 'list' : 'global'} log={log} />
          ))}
          <button type="button" onClick={() => setOpen(true)}>
            Åbn
          </button>
          {open && (
            <Modal title="Dialog" onClose={() => setOpen(false)}>
              <button type="button">Ok</button>
            </Modal>
          )}
        </>
      );
    }
    render(<Page />);
    await user.click(screen.getByRole('button', { name: 'Åbn' }));
    expect(screen.getByRole('dialog', { name: 'Dialog' })).toBeInTheDocument();
    await user.keyboard('j/{Control>}k{/Control}{Control>}n{/Control}{Control>}{Enter}{/Control}{Alt>}{ArrowLeft}{/Alt}{Alt>}{ArrowDown}{/Alt}');
    expect(log).toEqual([]);
    await user.keyboard('{F1}');
    expect(log).toEqual(['help']);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.keyboard('j{Alt>}{ArrowLeft}{/Alt}');
    expect(log).toEqual(['help', 'next', 'back']);
  });

  it('single-key shortcuts do nothing in a text field or text area; Ctrl and Alt ones still work there', async () => {
    const user = userEvent.setup();
    const log: string[] = [];
    render(
      <>
        <On action="next" name="next" layer="list" log={log} />
        <On action="search" name="search" layer="global" log={log} />
        <On action="help" name="help" layer="global" log={log} />
        <input aria-label="Felt" />
        <textarea aria-label="Tekstområde" />
        <input type="checkbox" aria-label="Afkrydsning" />
      </>,
    );
    await user.type(screen.getByLabelText('Felt'), 'j/?');
    await user.type(screen.getByLabelText('Tekstområde'), 'j/?');
    expect(screen.getByLabelText('Felt')).toHaveValue('j/?');
    expect(screen.getByLabelText('Tekstområde')).toHaveValue('j/?');
    expect(log).toEqual([]);
    await user.keyboard('{Control>}k{/Control}');
    expect(log).toEqual(['search']);
    // A checkbox is not typed in: J works there.
    screen.getByLabelText('Afkrydsning').focus();
    await user.keyboard('j');
    expect(log).toEqual(['search', 'next']);
  });

  it('a handler confined to an element gets its key only from inside it', async () => {
    const user = userEvent.setup();
    const log: string[] = [];
    function Form() {
      const ref = useRef<HTMLFormElement>(null);
      useShortcut('send', () => log.push('send'), { layer: 'composer', within: ref });
      return (
        <form ref={ref}>
          <textarea aria-label="Tekst" />
        </form>
      );
    }
    render(
      <>
        <Form />
        <input aria-label="Udenfor" />
      </>,
    );
    screen.getByLabelText('Udenfor').focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(log).toEqual([]);
    screen.getByLabelText('Tekst').focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(log).toEqual(['send']);
  });
});
