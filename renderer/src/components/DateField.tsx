// A date typed the Danish way (dd-mm-åååå; 22.11.2026 and 22112026 work too). The value is ISO or
// null; a date that cannot be read is reported beside the field and gives null.
import { useState } from 'react';
import { formatDate, parseDanishDate } from '../../../shared/dates';

export function DateField({
  id,
  label,
  value,
  onChange,
  required,
  describedBy,
  disabled,
}: {
  id: string;
  label: string;
  value: string | null;
  onChange: (iso: string | null) => void;
  required?: boolean;
  describedBy?: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(value ? formatDate(value) : '');
  const [bad, setBad] = useState(false);

  // Follow changes made from outside (a template, a restored draft) without fighting the typing:
  // adjust the text while rendering when the value changed to something the text does not say.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (value !== null && parseDanishDate(text) !== value) setText(formatDate(value));
  }

  const errorId = `${id}-error`;
  const describe = [bad ? errorId : null, `${id}-hint`, describedBy].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (skal udfyldes)' : ''}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd-mm-åååå"
        value={text}
        disabled={disabled}
        aria-invalid={bad || undefined}
        aria-describedby={describe}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const iso = parseDanishDate(t);
          setBad(t.trim() !== '' && iso === null && t.trim().length >= 8);
          onChange(iso);
        }}
        onBlur={() => {
          const iso = parseDanishDate(text);
          setBad(text.trim() !== '' && iso === null);
          if (iso) setText(formatDate(iso));
        }}
      />
      <span id={`${id}-hint`} className="hint">
        dd-mm-åååå
      </span>
      {bad && (
        <span id={errorId} className="field-error">
          Datoen kan ikke læses. Skriv den som dd-mm-åååå, fx 01-12-2026.
        </span>
      )}
    </div>
  );
}
