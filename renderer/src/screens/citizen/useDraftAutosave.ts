// Saving a draft while the caseworker types: edits accumulate into one patch that goes to main after a
// pause, at once on unmount, and with the submit when the caseworker sends (Send is one call). A save
// that fails keeps its patch (newer edits win) and is tried again shortly, so nothing typed is lost.
// `savedAt` and `saveError` are the composer's "Gemt tt:mm" / "Ikke gemt: …" line.
import { useEffect, useState } from 'react';
import type { MessageDraft } from '../../../../shared/domain';
import type { ChannelRequest } from '../../../../shared/ipc';
import { call, errorText } from '../../lib/bridge';

export type DraftPatch = ChannelRequest<'drafts.save'>['patch'];

const SAVE_DELAY_MS = 600;
const RETRY_SAVE_MS = 5000;

export interface DraftAutosave {
  /** When main last saved the draft (null: not since it was created). */
  savedAt: string | null;
  /** Why the last save failed (null once one succeeds). */
  saveError: string | null;
  /** Queue an edit; it is saved after a pause. */
  queue(patch: DraftPatch): void;
  /** Save what is queued now (closing the composer). */
  flush(): Promise<boolean>;
  /** For Send: waits for the saves already on their way and hands over what is not saved yet. */
  takeUnsaved(): Promise<DraftPatch>;
  /** Send failed: put the handed-over patch back (newer edits win) and save it. */
  putBack(patch: DraftPatch): void;
  /** Discarding the draft: forget what is queued. */
  forget(): void;
}

type Saver = Omit<DraftAutosave, 'savedAt' | 'saveError'>;

/** The saving itself, outside React: one per draft (the composer is keyed by the draft's id). */
function createSaver(draftId: string, report: { saved(at: string): void; failed(message: string): void }): Saver {
  let pending: DraftPatch = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The chain of saves, so they reach main in the order they were made.
  let saving: Promise<boolean> = Promise.resolve(true);

  // What is queued, handed over once (the timer that would have saved it is stopped).
  const take = (): DraftPatch => {
    if (timer) clearTimeout(timer);
    timer = null;
    const patch = pending;
    pending = {};
    return patch;
  };

  const flush = (): Promise<boolean> => {
    const patch = take();
    if (Object.keys(patch).length === 0) return saving;
    saving = saving.then(() =>
      call('drafts.save', { id: draftId, patch }).then(
        (r) => {
          report.saved(r.draft.updatedAt);
          return true;
        },
        (e: unknown) => {
          // Keep the unsaved patch (newer edits win) and try again shortly.
          pending = { ...patch, ...pending };
          report.failed(errorText(e));
          timer ??= setTimeout(() => void flush(), RETRY_SAVE_MS);
          return false;
        },
      ),
    );
    return saving;
  };

  return {
    queue(patch) {
      pending = { ...pending, ...patch };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    flush,
    async takeUnsaved() {
      // A save already sent reaches main before the submit; one that failed is back in `pending`.
      await saving;
      return take();
    },
    putBack(patch) {
      pending = { ...patch, ...pending };
      void flush();
    },
    forget() {
      take();
    },
  };
}

export function useDraftAutosave(draft: MessageDraft): DraftAutosave {
  const [savedAt, setSavedAt] = useState<string | null>(draft.updatedAt !== draft.createdAt ? draft.updatedAt : null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saver] = useState(() =>
    createSaver(draft.id, {
      saved(at) {
        setSavedAt(at);
        setSaveError(null);
      },
      failed: setSaveError,
    }),
  );
  // Unmounting (closing the citizen, the window) saves what is queued at once.
  useEffect(
    () => () => {
      void saver.flush();
    },
    [saver],
  );
  return { savedAt, saveError, ...saver };
}
