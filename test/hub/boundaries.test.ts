// ARCHITECTURE.md: hub/ never imports electron, renderer/, preload/ or sandbox/; of main/ it may use
// only the DFDG clients (main/core/dfdg). (eslint.config.js has no hub/ block yet; this holds the line.)

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('hub/ boundaries', () => {
  it('imports only Node, its packages, shared/ and main/core/dfdg', () => {
    const bad: string[] = [];
    for (const f of files(path.join(REPO, 'hub'))) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? '';
        if (!spec.startsWith('.')) {
          if (spec === 'electron' || spec.startsWith('electron/')) bad.push(`${path.relative(REPO, f)}: ${spec}`);
          continue;
        }
        const target = path.relative(REPO, path.resolve(path.dirname(f), spec));
        const ok = target.startsWith('hub') || target.startsWith('shared') || target.startsWith(path.join('main', 'core', 'dfdg'));
        if (!ok) bad.push(`${path.relative(REPO, f)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
