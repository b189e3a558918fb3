// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The import boundaries, enforced by lint: the "Never" lines of ../shared/ARCHITECTURE.md and the
// "May import" line of each folder's README. One `no-restricted-imports` per folder, built by `folder()`
// below (in flat config the last entry that sets a rule for a file replaces the earlier ones, so each
// entry carries every boundary of its folder). Static imports only: `import()` is not checked (main/
// loads the bundled sandbox that way on purpose).

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Node built-ins, with or without `node:`. */
const NODE = `node:|(?:${builtinModules.filter((m) => !m.startsWith('_')).map(esc).join('|')})(?:/|$)`;

/** A restriction with its reason; `regex` matches the import specifier as written. */
const deny = (regex, message) => ({ regex, message });
/** Imports that leave the folder (any number of `../`) and name one of `targets` next. */
const up = (targets) => `^(?:\\.\\./)+(?:${targets.join('|')})(?:/|$)`;
/** Anything from npm (not relative) except Node built-ins and `packages` (a package name matches its subpaths too). */
const packagesOtherThan = (packages, node = true) =>
  `^(?!\\.|${node ? `${NODE}|` : ''}${packages.map((p) => `${esc(p)}(?:/|$)`).join('|') || '$^'})`;

/** A top-level folder of the repository (main/, sandbox/, ...), from anywhere below another one. */
const top = (names, message) => deny(`^(?:\\.\\./)+(?:${names.join('|')})(?:/|$)`, message);
/** The folders of main/core, named from inside main/core. */
const CORE = ['app', 'attachments', 'audit', 'dfdg', 'hub', 'ipc', 'settings', 'store', 'sync', 'workers', 'errors', 'log'];

const folder = (files, patterns, extra = {}) => ({ files, ...extra, rules: { 'no-restricted-imports': ['error', { patterns }] } });

// --- main/core: never electron, renderer/, preload/, sandbox/, hub/; each folder its README's list ---
const coreNever = [
  deny('^electron(?:/|$)', 'main/core never imports electron (it runs in plain Node).'),
  top(['renderer', 'preload', 'sandbox'], 'main/core never imports renderer/, preload/, sandbox/ or hub/.'),
  // The organisation's hub/ is three or more levels up from a main/core folder; `../hub` (or `../../hub`
  // from app/handlers) is main/core/hub, the desktop's client of it.
  deny('^(?:\\.\\./){3,}hub(?:/|$)', 'main/core never imports the hub server (hub/); main/core/hub is its client.'),
];
/** A main/core folder: `allowed` siblings (README "May import"), with `only` naming the files allowed of a partly allowed sibling. */
const coreFolder = (name, { allowed = [], only = {}, packages = [], node = true, readme = `main/core/${name}/README.md` }) =>
  folder([`main/core/${name}/**/*.ts`], [
    ...coreNever,
    deny(up(CORE.filter((c) => c !== name && !allowed.includes(c) && !(c in only))), `main/core/${name} may import only ${[...allowed, ...Object.keys(only)].map((a) => `../${a}`).join(', ') || 'no other main/core folder'} of main/core (${readme}).`),
    ...Object.entries(only).map(([sib, files]) =>
      deny(`^(?:\\.\\./)+${sib}(?:/(?!(?:${files.join('|')})(?:\\.ts)?$)|$)`, `main/core/${name} may import only ${files.map((f) => `../${sib}/${f}`).join(', ')} of ../${sib} (${readme}).`),
    ),
    deny(packagesOtherThan(packages, node), `main/core/${name} may use only these packages: ${[node ? 'Node built-ins' : null, ...packages].filter(Boolean).join(', ') || 'none'} (${readme}).`),
  ]);

// --- shared/: pure; never main/, renderer/, preload/, sandbox/, hub/, electron or Node built-ins ----
const sharedNever = [
  top(['main', 'renderer', 'preload', 'sandbox', 'hub'], 'shared/ never imports main/, renderer/, preload/, sandbox/ or hub/.'),
  deny(`^(?:electron(?:/|$)|${NODE})`, 'shared/ is pure: no electron, no Node built-ins, no I/O.'),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.tmp/**', '.sandbox-data/**', '.briefs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },

  // shared/ (shared/README.md): zod for the IPC contract, nothing else from npm.
  folder(['shared/*.ts'], [...sharedNever, deny(packagesOtherThan(['zod'], false), 'shared/ may use only zod (shared/README.md).')]),
  folder(['shared/codelists/**/*.ts'], [
    ...sharedNever,
    deny(up(['ipc', 'rules', 'cpr', 'dfdgErrors']), 'shared/codelists may import only ../domain and ../dates (shared/codelists/README.md).'),
    deny(packagesOtherThan([], false), 'shared/codelists is data: no packages (shared/codelists/README.md).'),
  ]),
  folder(['shared/rules/**/*.ts'], [
    ...sharedNever,
    deny(up(['ipc', 'dfdgErrors']), 'shared/rules may import only ../domain, ../codelists, ../cpr and ../dates (shared/rules/README.md).'),
    deny(packagesOtherThan([], false), 'shared/rules is pure functions of its inputs: no packages (shared/rules/README.md).'),
  ]),

  // main/ the Electron shell (main/README.md): electron, main/core, shared/; the sandbox runs in a process of its own.
  folder(['main/*.ts'], [
    top(['renderer', 'preload', 'hub'], 'main/ never imports renderer/, preload/ or hub/ (main/README.md).'),
    top(['sandbox'], 'main/ never imports the sandbox: it runs in a process of its own (main/sandboxProcess.ts), so a start against DFDG never parses its code (main/README.md).'),
    deny(packagesOtherThan(['electron']), 'main/ may use only electron and Node built-ins; everything else belongs in main/core (main/README.md).'),
  ]),
  // main/web/ browser mode (main/web/README.md): plain Node, the same core and runtime as the Electron shell, never electron.
  folder(['main/web/**/*.ts'], [
    deny('^electron(?:/|$)', 'main/web/ is browser mode: plain Node, never electron (main/web/README.md).'),
    top(['renderer', 'preload', 'hub'], 'main/web/ serves the built renderer; it never imports renderer/, preload/ or hub/ (main/web/README.md).'),
    top(['sandbox'], 'main/web/ starts the bundled sandbox in a process of its own (main/sandboxProcess.ts), never by importing it (main/web/README.md).'),
    deny(packagesOtherThan(['ws']), 'main/web/ may use only Node built-ins and ws (main/web/README.md).'),
  ]),
  // main/core/*.ts (errors, log): used by every core folder; Node built-ins only.
  folder(['main/core/*.ts'], [...coreNever, top(['hub'], 'main/core never imports hub/.'), deny(packagesOtherThan([]), 'main/core/errors.ts and log.ts use Node built-ins only.')]),
  coreFolder('app', { allowed: ['store', 'sync', 'audit', 'dfdg', 'hub', 'attachments', 'settings', 'errors', 'log'] }),
  coreFolder('attachments', { allowed: ['log', 'workers'], packages: ['pdfjs-dist', 'fast-xml-parser'] }),
  coreFolder('audit', { allowed: ['store'] }),
  coreFolder('dfdg', { allowed: ['errors'], packages: ['axios', 'fast-xml-parser', 'zod', 'node-forge'] }),
  coreFolder('hub', { allowed: ['store', 'errors', 'log'], only: { dfdg: ['http', 'types'] } }),
  coreFolder('ipc', { allowed: ['errors'], only: { dfdg: ['errors'] }, packages: ['zod'] }),
  coreFolder('settings', { allowed: ['errors', 'workers'], only: { dfdg: ['types', 'identity'] }, packages: ['zod', 'node-forge'] }),
  coreFolder('store', { packages: ['better-sqlite3-multiple-ciphers'] }),
  coreFolder('sync', { allowed: ['store', 'log'], only: { dfdg: ['types', 'errors', 'text'] }, packages: ['zod'] }),
  coreFolder('workers', {}),

  // preload/ (preload/README.md): electron and the contract in shared/, nothing else.
  folder(['preload/**/*.ts'], [
    top(['main', 'renderer', 'sandbox', 'hub'], 'preload/ derives its surface from the contract in shared/ only (preload/README.md).'),
    deny(packagesOtherThan(['electron'], false), 'preload/ may use only electron: a sandboxed preload cannot require anything else (preload/README.md).'),
  ]),

  // sandbox/ stands for DFDG (sandbox/README.md): its own code, never main/, renderer/, shared/rules.
  folder(['sandbox/**/*.ts'], [
    top(['main', 'renderer', 'preload', 'hub'], 'sandbox/ stands for DFDG: it never imports main/, renderer/, preload/ or hub/ (sandbox/README.md).'),
    deny('^(?:\\.\\./)+shared/(?!codelists(?:/|$))', 'sandbox/ validates with its own code; of shared/ it may read the code list data only (sandbox/README.md).'),
    deny('^electron(?:/|$)', 'sandbox/ never imports electron.'),
    deny(packagesOtherThan(['fast-xml-parser', 'node-forge']), 'sandbox/ may use only Node built-ins, fast-xml-parser and node-forge (sandbox/README.md).'),
  ]),

  // hub/ (the organisation's server, ../shared/ARCHITECTURE.md): shared/ and main/core/dfdg, never electron, renderer/ or sandbox/.
  folder(['hub/**/*.ts'], [
    deny('^electron(?:/|$)', 'hub/ never imports electron (it is a server).'),
    top(['renderer', 'preload', 'sandbox'], 'hub/ never imports renderer/, preload/ or sandbox/.'),
    deny('^(?:\\.\\./)+main/(?!core/dfdg(?:/|$))', 'hub/ may use main/core/dfdg (the DFDG clients) and nothing else of main/; it talks to desktops over its HTTP API.'),
  ]),

  // renderer/ (renderer/README.md): sees only window.dfdg; pdf.js only through src/lib/pdf.ts.
  ...(() => {
    const never = [
      top(['main', 'preload', 'sandbox', 'hub'], 'The renderer sees only window.dfdg (renderer/README.md).'),
      deny(`^(?:electron(?:/|$)|${NODE})`, 'The renderer never imports electron or Node built-ins.'),
      deny(packagesOtherThan(['react', 'react-dom', 'zustand', '@tanstack/react-virtual', 'pdfjs-dist'], false), 'The renderer may use only react, react-dom, zustand, @tanstack/react-virtual and pdfjs-dist (renderer/README.md).'),
    ];
    const base = { languageOptions: { globals: { ...globals.browser } }, plugins: { 'react-hooks': reactHooks } };
    return [
      { files: ['renderer/**/*.{ts,tsx}'], ...base, rules: { ...reactHooks.configs.recommended.rules } },
      folder(['renderer/**/*.{ts,tsx}'], [...never, deny('^pdfjs-dist(?:/|$)', 'pdf.js is loaded only by renderer/src/lib/pdf.ts, itself loaded with import() (renderer/README.md).')], { ignores: ['renderer/src/lib/pdf.ts'] }),
      folder(['renderer/src/lib/pdf.ts'], never),
    ];
  })(),
);
