// The frame of a form that puts one command in the outbox (Fravær, Møder, Min plan): its heading, the
// fields, main's refusal, Save and Cancel. What was typed is kept nowhere else until it is saved, so
// Back and Forward (Alt+←/→, the mouse's buttons) wait while it is unsaved and say why.
import type { ReactNode } from 'react';
import { useShortcut } from '../lib/shortcuts';
import { useApp } from '../stores/app';
import type { ActionError } from '../lib/useAction';
import { ErrorText } from './ErrorText';

export function CommandForm<C>(props: {
  /** The form's class and the heading's id. */
  className: string;
  titleId: string;
  title: string;
  submitLabel: string;
  /** The command the fields make, or null while they do not make one (Save disabled). */
  command: C | null;
  save: { run: (command: C) => unknown; pending: boolean; error: ActionError | null };
  unsaved: boolean;
  /** Said when Back or Forward waits, e.g. »Fraværet er ikke gemt. …« */
  unsavedText: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const announce = useApp((s) => s.announce);
  const hold = () => announce(props.unsavedText);
  useShortcut('back', hold, { layer: 'composer', enabled: props.unsaved });
  useShortcut('forward', hold, { layer: 'composer', enabled: props.unsaved });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (props.command) void props.save.run(props.command);
  };
  return (
    <form className={props.className} onSubmit={submit} aria-labelledby={props.titleId}>
      <h3 id={props.titleId}>{props.title}</h3>
      {props.children}
      <ErrorText error={props.save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!props.command || props.save.pending}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          Annullér
        </button>
      </div>
    </form>
  );
}
