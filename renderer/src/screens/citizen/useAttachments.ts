// A draft's attachments: the renderer reads a file's bytes and hands them to main (never a path);
// main decides by content and answers with the attachment or a Danish refusal. `checking` counts the
// files main is checking now: the composer holds Send until they are on the draft, so a message
// cannot leave without them.
import { useCallback, useState } from 'react';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/constants';
import type { AttachmentMeta, MessageDraft } from '../../../../shared/domain';
import { call, errorText } from '../../lib/bridge';
import { formatSize } from '../../lib/format';
import { useApp } from '../../stores/app';

export const MAX_ATTACHMENT_MB = Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024);

export interface Attachments {
  list: AttachmentMeta[];
  /** Files main is checking now. */
  checking: number;
  /** One Danish line per refused file, named by file. */
  errors: string[];
  add(files: File[]): Promise<void>;
  remove(a: AttachmentMeta): Promise<void>;
}

export function useAttachments(draft: MessageDraft): Attachments {
  const draftId = draft.id;
  const announce = useApp((s) => s.announce);
  const [list, setList] = useState<AttachmentMeta[]>(draft.attachments);
  const [checking, setChecking] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);

  const add = useCallback(
    async (files: File[]) => {
      setErrors([]);
      for (const file of files) {
        // Only the name (no folders) and the bytes cross to main.
        const fileName = file.name.split(/[\\/]/).pop() || 'bilag';
        if (file.size > MAX_ATTACHMENT_BYTES) {
          setErrors((e) => [...e, `${fileName}: Filen er for stor (${formatSize(file.size)}). Et bilag må højst fylde ${MAX_ATTACHMENT_MB} MB.`]);
          continue;
        }
        setChecking((n) => n + 1);
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const r = await call('attachments.add', { draftId, fileName, bytes });
          setList(r.draft.attachments);
          announce(`${r.attachment.fileName} er vedhæftet`);
        } catch (e) {
          setErrors((prev) => [...prev, `${fileName}: ${errorText(e)}`]);
        } finally {
          setChecking((n) => n - 1);
        }
      }
    },
    [draftId, announce],
  );

  const remove = useCallback(
    async (a: AttachmentMeta) => {
      try {
        const r = await call('attachments.remove', { draftId, attachmentId: a.id });
        setList(r.draft.attachments);
        announce(`${a.fileName} er fjernet`);
      } catch (e) {
        setErrors([`${a.fileName}: ${errorText(e)}`]);
      }
    },
    [draftId, announce],
  );

  return { list, checking, errors, add, remove };
}
