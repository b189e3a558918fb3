// Loaded with `node --import`: resolves 'electron' to the stub next to this file, so the built main
// bundle (out/main/index.js) can run in plain Node for a smoke test.
import { registerHooks } from 'node:module';

const stub = new URL('./electron-stub.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stub, shortCircuit: true, format: 'module' };
    return nextResolve(specifier, context);
  },
});
