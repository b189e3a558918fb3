// The entry of out/main/web.js: browser mode from the command line (cli.ts). The renderer is the
// build's own, next to this bundle (out/renderer).

import { fileURLToPath } from 'node:url';
import { runCli } from './cli';

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));

void runCli(process.argv.slice(2), rendererDir).then((code) => {
  process.exitCode = code;
  // Everything is closed by now; a stray handle must not keep a stopped app alive.
  setTimeout(() => process.exit(code), 3_000).unref();
});
