// The renderer bench (test/bench/renderer.ts, run by `npm run bench`) in miniature: it must measure
// something real (the bundle the page fetched, paint and readiness times, a sweep that reached the
// last of the seeded advisories) and pdf.js must stay out of the first load. No timing is asserted:
// the figures are the bench's job, on a quiet machine.
import { describe, expect, it } from 'vitest';
import { run } from '../bench/renderer';

describe('renderer bench', () => {
  it('measures the built renderer in Chromium, with pdf.js left out of the first load', async () => {
    const m = await run({ loads: 2, advisories: 2_000, sweeps: 1, build: false, log: () => undefined });

    const js = m.rendererInitialJs!;
    const files = js.details!.files as { file: string; gzipKb: number }[];
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /^\/assets\/index-[\w-]+\.js$/.test(f.file))).toBe(true);
    expect(js.details!.lazyChunksFetchedBeforeInteraction).toEqual([]);
    // Browser mode's bridge script is fetched first, but it is the preload's stand-in, not the app.
    expect(js.details!.browserModeBridgeGzipKb).toBeGreaterThan(0);
    expect(js.value).toBeCloseTo(files.reduce((s, f) => s + f.gzipKb, 0), 0);

    for (const k of ['rendererFcp', 'rendererTti'] as const) {
      expect(m[k]!.details!.samples).toHaveLength(2);
      expect(m[k]!.value).toBeGreaterThan(0);
    }

    const scroll = m.rendererInboxScrollLongestTask!;
    expect(scroll.label).toContain('2000 advisories');
    expect(scroll.details!.reachedLastRow).toBe(true);
    expect(scroll.details!.observerCalibration).toMatch(/reported as (7[5-9]|[89]\d|\d{3,}) ms/);
    expect((m.rendererInboxScrollFrameGap!.details!.frames as number) > 10).toBe(true);
    // The trace found the page's main thread and its tasks.
    const cpu = m.rendererInboxScrollLongestTaskCpu!;
    expect((cpu.details!.tasksPerSweep as number[])[0]).toBeGreaterThan(50);
    expect(cpu.value).toBeGreaterThan(0);
  });
});
