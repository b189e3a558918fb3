// Attachments on a draft: pick with the file dialog or drop onto the composer. The renderer reads the
// file's bytes and hands them to main (never a path); main decides by content and answers with the
// attachment or a Danish refusal, which is shown as is.
import { useEffect, useState } from 'react';
import type { AttachmentMeta, Finding } from '../../../../shared/domain';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/constants';
import { call, errorText } from '../../lib/bridge';
import { formatSize, plural } from '../../lib/format';
import { useApp } from '../../stores/app';
import { FieldFindings } from '../../components/Findings';
import { PdfPreview } from '../../components/PdfPreview';

const MAX_MB = Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024);

export function AttachmentList({
  draftId,
  attachments,
  onChange,
  findings,
  findingsDomId,
  registerAdd,
  onCheckingChange,
}: {
  draftId: string;
  attachments: AttachmentMeta[];
  onChange: (a: AttachmentMeta[]) => void;
  findings: Finding[];
  findingsDomId: string;
  /** The composer's drop handler calls this. */
  registerAdd: (add: (files: File[]) => void) => void;
  /** How many files main is checking now (the composer holds Send until they are on the draft). */
  onCheckingChange?: (n: number) => void;
}) {
  const announce = useApp((s) => s.announce);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  useEffect(() => onCheckingChange?.(busy), [busy, onCheckingChange]);
  const [preview, setPreview] = useState<{ fileName: string; bytes: Uint8Array } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  const add = async (files: File[]) => {
    setErrors([]);
    for (const file of files) {
      // Only the name (no folders) and the bytes cross to main.
      const fileName = file.name.split(/[\\/]/).pop() || 'bilag';
      if (file.size > MAX_ATTACHMENT_BYTES) {
        setErrors((e) => [...e, `${fileName}: Filen er for stor (${formatSize(file.size)}). Et bilag må højst fylde ${MAX_MB} MB.`]);
        continue;
      }
      setBusy((b) => b + 1);
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const r = await call('attachments.add', { draftId, fileName, bytes });
        onChange(r.draft.attachments);
        announce(`${r.attachment.fileName} er vedhæftet`);
      } catch (e) {
        setErrors((prev) => [...prev, `${fileName}: ${errorText(e)}`]);
      } finally {
        setBusy((b) => b - 1);
      }
    }
  };

  useEffect(() => {
    registerAdd((files) => void add(files));
  });

  const remove = async (a: AttachmentMeta) => {
    try {
      const r = await call('attachments.remove', { draftId, attachmentId: a.id });
      onChange(r.draft.attachments);
      announce(`${a.fileName} er fjernet`);
    } catch (e) {
      setErrors([`${a.fileName}: ${errorText(e)}`]);
    }
  };

  const show = async (a: AttachmentMeta) => {
    setPreviewError(null);
    try {
      const r = await call('attachments.get', { draftId, attachmentId: a.id });
      setPreview({ fileName: r.fileName, bytes: r.bytes });
    } catch (e) {
      setPreviewError(`${a.fileName}: ${errorText(e)}`);
    }
  };

  return (
    <fieldset className="attachments" aria-describedby={findingsDomId}>
      <legend>Bilag</legend>
      <div className="field">
        <label htmlFor="composer-file">Vedhæft fil (PDF eller XML)</label>
        <input
          id="composer-file"
          type="file"
          accept=".pdf,.xml,application/pdf,application/xml,text/xml"
          multiple
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void add(files);
          }}
        />
        <span className="hint">… eller træk filen ind i beskeden. Højst {MAX_MB} MB pr. fil. Indholdet bliver kontrolleret.</span>
      </div>
      {busy > 0 && <p role="status">Kontrollerer filen …</p>}
      {errors.length > 0 && (
        <div role="alert" className="error">
          {errors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {attachments.length > 0 && (
        <ul className="attachment-list" aria-label="Vedhæftede filer">
          {attachments.map((a) => (
            <li key={a.id}>
              <span className="attachment-name">{a.fileName}</span>
              <span className="attachment-meta">
                {a.mimeType === 'application/pdf' ? 'PDF' : 'XML'}, {formatSize(a.size)}
                {a.pageCount != null ? `, ${plural(a.pageCount, 'side', 'sider')}` : ''}
              </span>
              {a.mimeType === 'application/pdf' && (
                <button type="button" onClick={() => void show(a)} aria-label={`Vis ${a.fileName}`}>
                  Vis
                </button>
              )}
              <button type="button" onClick={() => void remove(a)} aria-label={`Fjern ${a.fileName}`}>
                Fjern
              </button>
            </li>
          ))}
        </ul>
      )}
      {previewError && (
        <p role="alert" className="error">
          {previewError}
        </p>
      )}
      <FieldFindings id={findingsDomId} findings={findings} />
      {preview && <PdfPreview fileName={preview.fileName} bytes={preview.bytes} onClose={() => setPreview(null)} />}
    </fieldset>
  );
}
