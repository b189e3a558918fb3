// In-app PDF preview: pdf.js is imported on first use (lib/pdf, a separate chunk), renders one page
// at a time to a canvas; PgUp/PgDn or the buttons turn pages; Esc closes.
import { useEffect, useRef, useState } from 'react';
import type { OpenPdf } from '../lib/pdf';
import { Modal } from './Modal';
import { ErrorText } from './ErrorText';

export function PdfPreview({ fileName, bytes, onClose }: { fileName: string; bytes: Uint8Array; onClose: () => void }) {
  const [doc, setDoc] = useState<OpenPdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let opened: OpenPdf | null = null;
    import('../lib/pdf')
      .then((m) => m.openPdf(bytes))
      .then(
        (d) => {
          opened = d;
          if (live) setDoc(d);
          else void d.close();
        },
        () => {
          if (live) setError('PDF-filen kan ikke vises. Den kan være beskadiget eller beskyttet med adgangskode.');
        },
      );
    return () => {
      live = false;
      void opened?.close();
    };
  }, [bytes]);

  useEffect(() => {
    if (!doc || !canvasRef.current) return;
    const width = Math.min(canvasRef.current.parentElement?.clientWidth || 800, 900);
    doc.render(page, canvasRef.current, width).catch(() => setError('Siden kan ikke vises.'));
  }, [doc, page]);

  const count = doc?.pageCount ?? 0;
  const turn = (d: number) => setPage((p) => Math.min(Math.max(1, p + d), count || 1));
  return (
    <Modal title={`Forhåndsvisning: ${fileName}`} onClose={onClose} wide>
      <div
        className="pdf-preview"
        onKeyDown={(e) => {
          if (e.key === 'PageDown') {
            e.preventDefault();
            turn(1);
          } else if (e.key === 'PageUp') {
            e.preventDefault();
            turn(-1);
          }
        }}
      >
        {error ? (
          <ErrorText error={error} />
        ) : !doc ? (
          <p role="status">Åbner PDF …</p>
        ) : (
          <>
            <div className="pdf-nav">
              <button type="button" onClick={() => turn(-1)} disabled={page <= 1}>
                Forrige side
              </button>
              <span role="status">
                Side {page} af {count}
              </span>
              <button type="button" onClick={() => turn(1)} disabled={page >= count}>
                Næste side
              </button>
            </div>
            <div className="pdf-page">
              <canvas ref={canvasRef} role="img" aria-label={`Side ${page} af ${count} i ${fileName}`} />
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}
