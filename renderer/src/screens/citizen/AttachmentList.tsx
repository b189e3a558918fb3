// A draft's attachments (the composer's useAttachments hook owns them): pick with the file dialog or
// drop onto the composer; main decides by content, and its Danish refusal is shown as is. A PDF can be
// previewed in the app.
import { useState } from 'react';
import type { AttachmentMeta, Finding } from '../../../../shared/domain';
import { call, errorText } from '../../lib/bridge';
import { formatSize, plural } from '../../lib/format';
import { FieldFindings } from '../../components/Findings';
import { PdfPreview } from '../../components/PdfPreview';
import { MAX_ATTACHMENT_MB, type Attachments } from './useAttachments';

export function AttachmentList({
  draftId,
  attachments,
  findings,
  findingsDomId,
}: {
  draftId: string;
  attachments: Attachments;
  findings: Finding[];
  findingsDomId: string;
}) {
  const { list, checking, errors, add, remove } = attachments;
  const [preview, setPreview] = useState<{ fileName: string; bytes: Uint8Array } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

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
        <span className="hint">… eller træk filen ind i beskeden. Højst {MAX_ATTACHMENT_MB} MB pr. fil. Indholdet bliver kontrolleret.</span>
      </div>
      {checking > 0 && <p role="status">Kontrollerer filen …</p>}
      {errors.length > 0 && (
        <div role="alert" className="error">
          {errors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {list.length > 0 && (
        <ul className="attachment-list" aria-label="Vedhæftede filer">
          {list.map((a) => (
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
