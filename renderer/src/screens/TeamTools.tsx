// The team queue's tools beside the list: "Giv til kollega" (hand an advisory to a named colleague of
// the organisation, as the hub knows them) and "Fordeling" (per colleague: open taken, of those
// overdue, done today; the hub counts them, for the team lead). Both need the hub: while it cannot be
// reached they say so, and nothing is queued (who is a colleague, and who has what, is the hub's).
import { useId, useState } from 'react';
import type { TeamAdvisory, TeamColleague } from '../../../shared/domain';
import { call, useDfdgEvent } from '../lib/bridge';
import { useAction } from '../lib/useAction';
import { useAsync } from '../lib/useAsync';
import { ErrorText } from '../components/ErrorText';
import { Modal } from '../components/Modal';
import { citizenLabel } from './advisoryParts';

const n = (x: number) => x.toLocaleString('da-DK');

/** Pick a colleague and hand the advisory over; a colleague who was first (409) is said with their name, and the dialog stays. */
export function HandOverDialog({ advisory, onClose, onHanded }: { advisory: TeamAdvisory; onClose: () => void; onHanded: (to: TeamColleague, a: TeamAdvisory) => void }) {
  const team = useAsync(() => call('hub.team', {}), []);
  const [to, setTo] = useState('');
  const selectId = useId();
  const others = (team.data?.caseworkers ?? []).filter((c) => c.id !== team.data?.me).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const hand = useAction(async () => {
    const colleague = others.find((c) => c.id === to);
    if (!colleague) throw new Error('Vælg den kollega, opgaven skal gives til.');
    const r = await call('hub.handover', { id: advisory.id, to: colleague.id });
    onHanded(colleague, r.advisory);
  });
  return (
    <Modal title={`Giv til kollega – ${advisory.title}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void hand.run();
        }}
      >
        <p>
          {citizenLabel(advisory)}. Kollegaen får opgaven med det samme; det registreres i hubben, at du gav den videre.
        </p>
        <ErrorText error={team.error} prefix="Kollegerne kunne ikke hentes:" />
        {!team.data && !team.error && <p role="status">Henter kolleger fra hubben …</p>}
        {team.data && others.length === 0 && <p>Hubben kender ingen kolleger endnu: en kollega skal have brugt hubben mindst én gang.</p>}
        {others.length > 0 && (
          <div className="field">
            <label htmlFor={selectId}>Kollega</label>
            <select
              id={selectId}
              value={to}
              onChange={(e) => {
                setTo(e.target.value);
                hand.reset();
              }}
            >
              <option value="">Vælg kollega …</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.taken === 1 ? 'én åben opgave' : `${n(c.taken)} åbne opgaver`})
                </option>
              ))}
            </select>
          </div>
        )}
        <ErrorText error={hand.error} prefix="Opgaven er ikke givet videre:" />
        <div className="actions">
          <button type="submit" className="primary" disabled={hand.pending || others.length === 0 || to === ''}>
            {hand.pending ? 'Giver videre …' : 'Giv opgaven'}
          </button>
          <button type="button" onClick={onClose}>
            Annullér
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Fordeling: who has how much, from the hub; read again whenever the team queue changes. */
export function Distribution({ unassigned }: { unassigned: number }) {
  const team = useAsync(() => call('hub.team', {}), []);
  useDfdgEvent('inbox.changed', () => team.reload());
  const rows = team.data?.caseworkers ?? [];
  const sum = (k: 'taken' | 'overdue' | 'doneToday') => rows.reduce((s, c) => s + c[k], 0);
  return (
    <section className="distribution" aria-labelledby="distribution-title">
      <h2 id="distribution-title">Fordeling</h2>
      <ErrorText error={team.error} prefix="Fordelingen kunne ikke hentes:" />
      {!team.data && !team.error && <p role="status">Henter fordelingen fra hubben …</p>}
      {team.data && (
        <table>
          <caption className="hint">
            Teamets åbne opgaver pr. kollega fra organisationens hub. {unassigned === 1 ? 'Én opgave er ufordelt' : `${n(unassigned)} opgaver er ufordelte`}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Kollega</th>
              <th scope="col">Åbne</th>
              <th scope="col">Heraf overskredne</th>
              <th scope="col">Udført i dag</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.id === team.data?.me ? `${c.name} (dig)` : c.name}</th>
                <td>{n(c.taken)}</td>
                <td>{n(c.overdue)}</td>
                <td>{n(c.doneToday)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">I alt</th>
              <td>{n(sum('taken'))}</td>
              <td>{n(sum('overdue'))}</td>
              <td>{n(sum('doneToday'))}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
