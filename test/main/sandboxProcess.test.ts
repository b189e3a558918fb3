// The bundled sandbox in a child process (main/sandboxProcess.ts, sandbox/child.ts): it starts and
// answers like startSandbox, a request that makes it parse for long does not stall this process, and
// it ends when closed or when its parent goes away.

import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkNodeChild, startSandboxProcess, type ChildLike } from '../../main/sandboxProcess';
import type { SandboxLike } from '../../main/runtime';

let dir: string;
let sb: SandboxLike;
let child: ChildLike;
const exits: (number | null)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-sandbox-child-'));
  sb = await startSandboxProcess(
    (entry) => {
      child = forkNodeChild(entry);
      child.onExit((code) => exits.push(code));
      return child;
    },
    { dataDir: dir, port: 0 },
  );
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function post(path: string, body: string): Promise<number> {
  const org = sb.certs.orgs['akasse-067']!;
  return new Promise((resolve, reject) => {
    const req = https.request(`${sb.url}${path}`, { method: 'POST', cert: org.certPem, key: org.keyPem, ca: sb.certs.caPem, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://service.bm.dk/pjaktass/1/CitizenMessageService#GetCitizenMessages"' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the sandbox in a process of its own', () => {
  it('answers like startSandbox: an address on 127.0.0.1, the organisations’ and caseworkers’ certificates, and where they are kept', () => {
    expect(sb.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.certs.caPem).toMatch(/BEGIN CERTIFICATE/);
    expect(Object.keys(sb.certs.orgs)).toEqual(expect.arrayContaining(['akasse-067', 'jobcenter-10100']));
    // The sandbox's organisation hub reads the caseworkers' certificates from <dataDir>/certs.
    expect(sb.dataDir).toBe(dir);
    expect(sb.certs.caseworkers?.length).toBeGreaterThan(0);
  });

  it('keeps this process responsive while a request keeps the sandbox parsing', async () => {
    // Just under the 2 MB markup limit: about a second of parsing, in the child.
    const flood = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><r>${'<b/>'.repeat(500_000)}</r></s:Body></s:Envelope>`;
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const status = await post('/pjaktass/1/CitizenMessageService.svc', flood);
    clearInterval(ticker);
    expect(status).toBe(500); // a SOAP fault: not the request the operation expects
    expect(longestGap).toBeLessThan(250);
  });

  it('ends its process when closed', async () => {
    await sb.close();
    expect(exits).toEqual([0]);
  });
});
