import { SHORTCUTS } from '../lib/shortcuts';
import { Modal } from './Modal';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Tastaturgenveje" onClose={onClose}>
      <table className="shortcuts">
        <caption className="visually-hidden">Alle genveje</caption>
        <thead>
          <tr>
            <th scope="col">Taster</th>
            <th scope="col">Gør</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.text}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k.label}>
                    {i > 0 && ' eller '}
                    <kbd>{k.label}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Genveje med én tast virker ikke, mens du skriver i et felt.</p>
    </Modal>
  );
}
