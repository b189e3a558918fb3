// The IPC surface: every name the renderer can reach through window.dfdg. Any widening shows here as
// a snapshot change in review (cf. Insomnia's services-invoke-surface test). Update deliberately.

import { describe, expect, it } from 'vitest';
import { channelNames, eventNames, ipcChannelName, ipcEventName } from '../../shared/ipc';

describe('IPC surface', () => {
  it('channels the renderer can invoke', () => {
    expect(channelNames.map(ipcChannelName).sort()).toMatchInlineSnapshot(`
      [
        "dfdg:absences.create",
        "dfdg:absences.delete",
        "dfdg:absences.list",
        "dfdg:absences.update",
        "dfdg:advisories.done",
        "dfdg:advisories.list",
        "dfdg:advisories.reopen",
        "dfdg:advisories.take",
        "dfdg:app.info",
        "dfdg:attachments.add",
        "dfdg:attachments.get",
        "dfdg:attachments.remove",
        "dfdg:audit.export",
        "dfdg:audit.list",
        "dfdg:citizens.open",
        "dfdg:citizens.refresh",
        "dfdg:citizens.search",
        "dfdg:codelists.get",
        "dfdg:companies.lookup",
        "dfdg:drafts.create",
        "dfdg:drafts.delete",
        "dfdg:drafts.get",
        "dfdg:drafts.list",
        "dfdg:drafts.save",
        "dfdg:drafts.submit",
        "dfdg:hub.act",
        "dfdg:hub.commands",
        "dfdg:hub.dismiss",
        "dfdg:hub.get",
        "dfdg:hub.handover",
        "dfdg:hub.page",
        "dfdg:hub.takeNext",
        "dfdg:hub.team",
        "dfdg:joblog.list",
        "dfdg:meetings.cancel",
        "dfdg:meetings.create",
        "dfdg:meetings.list",
        "dfdg:meetings.update",
        "dfdg:messages.document",
        "dfdg:messages.search",
        "dfdg:messages.threads",
        "dfdg:outbox.cancel",
        "dfdg:outbox.get",
        "dfdg:outbox.list",
        "dfdg:outbox.resubmit",
        "dfdg:outbox.retry",
        "dfdg:plan.endActivity",
        "dfdg:plan.list",
        "dfdg:plan.updateActivity",
        "dfdg:recommendations.answer",
        "dfdg:retention.purge",
        "dfdg:retention.status",
        "dfdg:settings.get",
        "dfdg:settings.importCertificate",
        "dfdg:settings.save",
        "dfdg:settings.setHub",
        "dfdg:sync.now",
        "dfdg:templates.delete",
        "dfdg:templates.list",
        "dfdg:templates.save",
      ]
    `);
  });

  it('events main sends to the renderer', () => {
    expect(eventNames.map(ipcEventName).sort()).toMatchInlineSnapshot(`
      [
        "dfdg:event:citizen.updated",
        "dfdg:event:connectivity.changed",
        "dfdg:event:hub.status",
        "dfdg:event:inbox.changed",
        "dfdg:event:outbox.changed",
        "dfdg:event:sync.progress",
      ]
    `);
  });
});
