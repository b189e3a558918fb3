// One way to run an action in main and show its failure (useAction + <ErrorText>): the button waits
// while it runs, the failure is read out (role="alert") in Danish with DFDG's code, and a retry clears
// the old failure at once instead of leaving it on screen while the new attempt is under way.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcFailure as BridgeFailure, call } from '../../renderer/src/lib/bridge';
import { useAction } from '../../renderer/src/lib/useAction';
import { ErrorText } from '../../renderer/src/components/ErrorText';
import { FakeBridge, anna, failure } from './fakeBridge';
import { absenceRow, openCitizen } from './helpers';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function Retry({ run }: { run: () => Promise<unknown> }) {
  const action = useAction(run);
  return (
    <>
      <button type="button" onClick={() => void action.run()} disabled={action.pending}>
        Prøv igen nu
      </button>
      <button type="button" onClick={action.reset}>
        Glem fejlen
      </button>
      <ErrorText error={action.error} prefix="Ikke sendt:" />
      {action.error instanceof BridgeFailure && <span data-testid="kind">{action.error.error.kind}</span>}
    </>
  );
}

describe('useAction and ErrorText', () => {
  it("keeps main's failure (kind, DFDG code) and shows it in Danish with the code; pending disables; reset clears", async () => {
    const bridge = new FakeBridge().fail('outbox.retry', 'dfdg', 'DFDG afviste forespørgslen.', { code: 4592 });
    window.dfdg = bridge;
    const user = userEvent.setup();
    const gate = deferred<void>();
    render(
      <Retry
        run={async () => {
          await gate.promise;
          return call('outbox.retry', { id: 'cmd-1' });
        }}
      />,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Prøv igen nu' }));
    expect(screen.getByRole('button', { name: 'Prøv igen nu' })).toBeDisabled();
    await act(async () => gate.resolve());
    expect(await screen.findByRole('alert')).toHaveTextContent('Ikke sendt: DFDG afviste forespørgslen. (DFDG-fejlkode 4592)');
    expect(screen.getByTestId('kind')).toHaveTextContent('dfdg');
    expect(screen.getByRole('button', { name: 'Prøv igen nu' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Glem fejlen' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('a retry of a refused deletion clears the old refusal while it is under way, and closes the dialog when it works', async () => {
    const holiday = absenceRow();
    const second = deferred<{ commandId: string; findings: [] }>();
    let calls = 0;
    const bridge = new FakeBridge()
      .reply('absences.list', { absences: [holiday], freshness: { fetchedAt: null, stale: false, source: 'dfdg' } })
      .reply('absences.delete', () => (++calls === 1 ? failure('dfdg', 'DFDG kunne ikke slette fraværet.', { code: 1003 }) : second.promise));
    const { user } = await openCitizen(bridge, anna.cpr, 'fravaer');
    await user.click(await screen.findByRole('button', { name: 'Slet Ferie med feriepenge, feriedagpenge m.v. fra 01-12-2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Slet fravær' });
    await user.type(within(dialog).getByLabelText('Berigtigelseskommentar (skal udfyldes)'), 'Forkert borger');
    const confirm = within(dialog).getByRole('button', { name: 'Slet fraværet' });
    await user.click(confirm);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('DFDG kunne ikke slette fraværet. (DFDG-fejlkode 1003)');

    await user.click(confirm);
    // The second attempt is under way: the first refusal is no longer shown as if it were its answer.
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(confirm).toBeDisabled();
    await act(async () => second.resolve({ commandId: 'cmd-del', findings: [] }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Slet fravær' })).not.toBeInTheDocument());
  });
});
