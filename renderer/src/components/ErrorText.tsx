// What went wrong, for the caseworker: role="alert" (read out at once), in Danish, with DFDG's error
// code when DFDG gave one (lib/bridge errorText), so it can be quoted to STAR's support. Takes an
// action's error (useAction), a loader's text (useAsync) or a sentence of the screen's own; renders
// nothing when there is none.
import type { ReactNode } from 'react';
import { errorText } from '../lib/bridge';

export function ErrorText({
  error,
  prefix,
  as: Tag = 'p',
  className = 'error',
  children,
}: {
  error: unknown;
  /** Says what failed, before the reason ("Ikke sendt igen:"). */
  prefix?: string;
  as?: 'p' | 'div' | 'span';
  className?: string;
  /** More detail below the sentence (a list of what to fix). */
  children?: ReactNode;
}) {
  if (error === null || error === undefined || error === '') return null;
  const reason = typeof error === 'string' ? error : errorText(error);
  const text = prefix ? `${prefix} ${reason}` : reason;
  if (children) {
    return (
      <div role="alert" className={className}>
        <p>{text}</p>
        {children}
      </div>
    );
  }
  return (
    <Tag role="alert" className={className}>
      {text}
    </Tag>
  );
}
