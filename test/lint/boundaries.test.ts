// The import boundaries of ../shared/ARCHITECTURE.md ("Never") and of each folder's README ("May
// import") are lint rules (eslint.config.js). Each case lints one import as if it were written in that
// folder, so a boundary that stops being enforced fails here, not in review.

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages for `code` written in `file`. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [file: string, specifier: string];

const denied: Case[] = [
  // main/ (the shell): the sandbox only with import(), no packages but electron.
  ['main/index.ts', '../sandbox/server'],
  ['main/index.ts', '../renderer/src/App'],
  ['main/runtime.ts', 'axios'],
  // main/web/ (browser mode): plain Node; never electron, the renderer's sources or the sandbox.
  ['main/web/server.ts', 'electron'],
  ['main/web/app.ts', '../../sandbox/server'],
  ['main/web/server.ts', '../../renderer/src/App'],
  ['main/web/server.ts', 'axios'],
  // main/core: never electron, sandbox/, renderer/; each folder its README's list.
  ['main/core/app/createCore.ts', 'electron'],
  ['main/core/app/handlers/drafts.ts', '../../../../sandbox/server'],
  ['main/core/app/context.ts', '../ipc/dispatch'],
  ['main/core/sync/engine.ts', '../dfdg'],
  ['main/core/sync/engine.ts', '../dfdg/http'],
  ['main/core/sync/engine.ts', '../app/context'],
  ['main/core/store/db.ts', '../dfdg/errors'],
  ['main/core/store/repos/citizens.ts', '../../sync/outbox'],
  ['main/core/store/db.ts', 'axios'],
  ['main/core/audit/audit.ts', '../dfdg/errors'],
  ['main/core/ipc/dispatch.ts', '../dfdg/http'],
  ['main/core/settings/settingsService.ts', '../sync/outbox'],
  ['main/core/settings/settingsService.ts', '../dfdg/http'],
  ['main/core/dfdg/http.ts', '../store/db'],
  ['main/core/attachments/index.ts', '../store/db'],
  // main/core/hub (the desktop's client of the organisation hub): never the hub server itself.
  ['main/core/app/createCore.ts', '../../../hub/server'],
  ['main/core/app/handlers/team.ts', '../../../../hub/queue'],
  ['main/core/errors.ts', '../../hub/server'],
  ['main/core/hub/sync.ts', '../../../hub/server'],
  ['main/core/hub/sync.ts', '../sync/outbox'],
  ['main/core/hub/client.ts', '../dfdg/index'],
  ['main/core/sync/poller.ts', '../hub/sync'],
  ['main/index.ts', '../hub/sandboxHub'],
  // shared/: pure.
  ['shared/domain.ts', 'node:fs'],
  ['shared/domain.ts', 'electron'],
  ['shared/domain.ts', '../main/core/log'],
  ['shared/domain.ts', 'axios'],
  ['shared/rules/messages.ts', '../ipc'],
  ['shared/rules/messages.ts', 'zod'],
  ['shared/codelists/index.ts', '../rules'],
  // preload/: electron only.
  ['preload/index.ts', '../main/ipc'],
  ['preload/index.ts', 'zod'],
  // sandbox/: stands for DFDG.
  ['sandbox/server.ts', '../main/core/log'],
  ['sandbox/server.ts', '../shared/rules'],
  ['sandbox/services/fravaer.ts', '../../shared/rules/absence'],
  ['sandbox/server.ts', 'axios'],
  // hub/: never electron, renderer/ or sandbox/; of main/ only the DFDG clients.
  ['hub/server.ts', 'electron'],
  ['hub/server.ts', '../sandbox/server'],
  ['hub/server.ts', '../renderer/src/App'],
  ['hub/queue/advisories.ts', '../../main/core/store/db'],
  // renderer/: window.dfdg only; pdf.js only through src/lib/pdf.ts.
  ['renderer/src/App.tsx', '../../main/core/log'],
  ['renderer/src/App.tsx', 'node:fs'],
  ['renderer/src/App.tsx', 'electron'],
  ['renderer/src/App.tsx', 'pdfjs-dist'],
  ['renderer/src/screens/OutboxScreen.tsx', 'axios'],
];

const allowed: Case[] = [
  ['main/index.ts', 'electron'],
  ['main/index.ts', './core/app'],
  ['main/web/app.ts', '../runtime'],
  ['main/web/server.ts', 'ws'],
  ['main/web/server.ts', '../core/ipc/dispatch'],
  ['main/index.ts', '../shared/ipc'],
  ['main/core/sync/engine.ts', '../dfdg/types'],
  ['main/core/sync/engine.ts', '../dfdg/errors'],
  ['main/core/sync/engine.ts', '../store/db'],
  ['main/core/sync/engine.ts', '../../../shared/domain'],
  ['main/core/app/handlers/drafts.ts', '../../sync/outbox'],
  ['main/core/store/db.ts', 'better-sqlite3-multiple-ciphers'],
  ['main/core/ipc/dispatch.ts', '../dfdg/errors'],
  ['main/core/settings/settingsService.ts', '../dfdg/identity'],
  ['main/core/dfdg/http.ts', 'axios'],
  ['main/core/app/createCore.ts', '../hub/sync'],
  ['main/core/app/handlers/team.ts', '../../hub/sync'],
  ['main/core/hub/client.ts', '../dfdg/http'],
  ['main/core/hub/sync.ts', '../store/db'],
  ['main/core/dfdg/http.ts', 'node:tls'],
  ['shared/ipc.ts', 'zod'],
  ['shared/rules/messages.ts', '../codelists'],
  ['preload/index.ts', 'electron'],
  ['sandbox/server.ts', '../shared/codelists/data/absenceTypes'],
  ['sandbox/certs.ts', 'node-forge'],
  ['hub/server.ts', '../main/core/dfdg'],
  ['hub/server.ts', '../shared/ipc'],
  ['renderer/src/lib/pdf.ts', 'pdfjs-dist'],
  ['renderer/src/App.tsx', 'react-dom/client'],
  ['renderer/src/App.tsx', '../../shared/rules'],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(denied)('%s may not import %s', async (file, spec) => {
    const messages = await restricted(file, `import x from '${spec}';\nvoid x;`);
    expect(messages).not.toEqual([]);
  });

  it.each(allowed)('%s may import %s', async (file, spec) => {
    expect(await restricted(file, `import x from '${spec}';\nvoid x;`)).toEqual([]);
  });

  it('lets the shell load the sandbox’s organisation hub with import() only', async () => {
    expect(await restricted('main/runtime.ts', `export const start = async () => (await import('../hub/sandboxHub')).startSandboxHub;`)).toEqual([]);
  });

  it('says why the shell never imports the sandbox (it runs in a process of its own)', async () => {
    expect((await restricted('main/index.ts', `import { startSandbox } from '../sandbox/server';\nvoid startSandbox;`))[0]).toMatch(/process of its own \(main\/sandboxProcess\.ts\)/);
    expect((await restricted('main/web/app.ts', `import { startSandbox } from '../../sandbox/server';\nvoid startSandbox;`))[0]).toMatch(/process of its own/);
  });

});
