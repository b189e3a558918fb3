// What every tab of the citizen page needs: the citizen, a way to open the composer, and a counter
// that changes when main says the citizen's data changed (citizen.updated) so tabs reload.
import { createContext, useContext } from 'react';
import type { Citizen, MessageDraft } from '../../../../shared/domain';

export interface ComposeRequest {
  replyTo?: string | null;
  contextType?: number;
  templateId?: string;
}

export interface CitizenCtx {
  cpr: string;
  citizen: Citizen;
  /** Changes whenever the citizen's data changed in main. */
  version: number;
  /** A message whose thread the Dialog tab selects when it loads (from a message search), or null. */
  focusMessageId: string | null;
  /** The draft open in the composer, if any. */
  composeDraftId: string | null;
  /** That draft as drafts.create answered it, when it was just created (the composer need not read it again). */
  createdDraft: MessageDraft | null;
  openComposer(req?: ComposeRequest): void;
  resumeDraft(draftId: string): void;
  closeComposer(): void;
  /** Tell the page something changed locally (counts, freshness). */
  changed(): void;
}

export const CitizenContext = createContext<CitizenCtx | null>(null);

export function useCitizen(): CitizenCtx {
  const ctx = useContext(CitizenContext);
  if (!ctx) throw new Error('useCitizen outside CitizenContext');
  return ctx;
}
