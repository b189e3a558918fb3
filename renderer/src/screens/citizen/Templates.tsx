// Templates in the composer: insert one (placeholders such as {{borger.navn}} filled in; those that
// cannot be filled and the template's [ ] stay visible and are named, and Send waits for them), save
// the current text as a template, delete your own.
import { useState } from 'react';
import type { MessageTemplate } from '../../../../shared/domain';
import { placeholdersIn } from '../../../../shared/rules';
import { call, errorText } from '../../lib/bridge';
import { PLACEHOLDERS, fillTemplate } from '../../lib/templates';
import { useAsync } from '../../lib/useAsync';

export interface TemplateText {
  subject: string;
  body: string;
  contextType: number | null;
  missing: string[];
  name: string;
}

export function Templates({
  contextType,
  replying,
  values,
  subject,
  body,
  onInsert,
}: {
  contextType: number;
  replying: boolean;
  values: Record<string, string | null>;
  subject: string;
  body: string;
  onInsert: (t: TemplateText) => void;
}) {
  const templates = useAsync(() => call('templates.list', {}), []);
  const [templateId, setTemplateId] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const list = (templates.data?.templates ?? []).filter((t) => !replying || t.contextType === null || t.contextType === contextType);
  const chosen: MessageTemplate | undefined = list.find((t) => t.id === templateId);

  const insert = () => {
    if (!chosen) return;
    const s = fillTemplate(chosen.subject, values);
    const b = fillTemplate(chosen.body, values);
    const missing = [...new Set([...s.missing, ...b.missing])];
    onInsert({ subject: s.text, body: b.text, contextType: chosen.contextType, missing, name: chosen.name });
    // What is left for the caseworker: {{ }} that could not be filled and the template's [ ] (the rules refuse both).
    const left = placeholdersIn(`${s.text}\n${b.text}`, 20);
    setNote(left.length ? `Skabelonen »${chosen.name}« er indsat. Udfyld selv: ${left.join(', ')}.` : `Skabelonen »${chosen.name}« er indsat.`);
  };

  const save = async () => {
    setError(null);
    try {
      const t = await call('templates.save', { name: name.trim(), contextType, subject, body });
      setSaving(false);
      setName('');
      templates.setData((prev) => prev && { templates: [...prev.templates.filter((x) => x.id !== t.id), t] });
      setTemplateId(t.id);
      setNote(`Teksten er gemt som skabelonen »${t.name}«.`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const remove = async () => {
    if (!chosen || chosen.builtIn) return;
    setError(null);
    try {
      await call('templates.delete', { id: chosen.id });
      templates.setData((prev) => prev && { templates: prev.templates.filter((x) => x.id !== chosen.id) });
      setTemplateId('');
      setNote(`Skabelonen »${chosen.name}« er slettet.`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="field templates">
      <label htmlFor="composer-template">Skabelon</label>
      <div className="inline">
        <select id="composer-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">Vælg skabelon …</option>
          {list.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.builtIn ? '' : ' (egen)'}
            </option>
          ))}
        </select>
        <button type="button" onClick={insert} disabled={!chosen}>
          Indsæt skabelon
        </button>
        {chosen && !chosen.builtIn && (
          <button type="button" onClick={() => void remove()}>
            Slet skabelon
          </button>
        )}
        {!saving && (
          <button type="button" onClick={() => setSaving(true)} disabled={subject.trim() === '' && body.trim() === ''}>
            Gem teksten som skabelon
          </button>
        )}
      </div>
      {saving && (
        <div className="inline">
          <label htmlFor="composer-template-name">Skabelonens navn</label>
          <input id="composer-template-name" type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
          <button type="button" onClick={() => void save()} disabled={name.trim() === ''}>
            Gem skabelon
          </button>
          <button type="button" onClick={() => setSaving(false)}>
            Fortryd
          </button>
        </div>
      )}
      <details>
        <summary>Felter du kan bruge i skabeloner</summary>
        <ul>
          {PLACEHOLDERS.map((p) => (
            <li key={p.key}>
              <code>{`{{${p.key}}}`}</code> – {p.text}
            </li>
          ))}
        </ul>
      </details>
      {note && <p className="hint">{note}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
