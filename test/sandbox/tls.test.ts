// Transport and identity: mutual TLS refuses strangers at the handshake, the certificates carry the
// organisation as the wire contract says, the PKCS#12 bundles work, /_sandbox is admin-only, and the
// headers are checked against the certificate.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCerts } from '../../sandbox/certs';
import { org, request, rest, soap, startTestSandbox, tempDir, x, type TestSandbox } from './helpers';

let t: TestSandbox;
let foreignDir: string;

beforeAll(async () => {
  t = await startTestSandbox();
  foreignDir = tempDir('foreign');
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(foreignDir, { recursive: true, force: true });
});

describe('TLS and identity', () => {
  it('refuses a client without a certificate at the handshake', async () => {
    await expect(request(t.sb, null, 'GET', '/v1/virksomhedskonto')).rejects.toThrow();
  });

  it('refuses a client certificate signed by another CA', async () => {
    const foreign = ensureCerts(foreignDir).certs.orgs['akasse-067'];
    if (!foreign) throw new Error('no foreign cert');
    await expect(request(t.sb, { cert: foreign.certPem, key: foreign.keyPem, ca: t.sb.certs.caPem }, 'GET', '/v1/virksomhedskonto')).rejects.toThrow();
  });

  it('accepts the PKCS#12 bundle with the passphrase from certs/passphrase.txt', async () => {
    const o = t.sb.certs.orgs['jobcenter-10100'];
    if (!o) throw new Error('no cert');
    const passphrase = fs.readFileSync(path.join(t.dir, 'certs', 'passphrase.txt'), 'utf8').trim();
    expect(passphrase).toBe(t.sb.certs.passphrase);
    const r = await request(t.sb, { pfx: fs.readFileSync(path.join(t.dir, 'certs', 'jobcenter-10100.p12')), passphrase, ca: t.sb.certs.caPem }, 'GET', '/v1/virksomhedskonto', {
      headers: { 'x-requestId': crypto.randomUUID() },
    });
    expect(r.status).toBe(200);
  });

  it('writes certificates whose subject names caseworker, organisation, org id and RID', () => {
    for (const [id, o] of Object.entries(t.sb.certs.orgs)) {
      const pem = fs.readFileSync(path.join(t.dir, 'certs', `${id}.crt.pem`), 'utf8');
      expect(pem).toBe(o.certPem);
      const cert = new crypto.X509Certificate(pem);
      expect(cert.subject).toContain(`OU=${id}`);
      expect(cert.subject).toContain(`CN=${o.caseworkerName}`);
      expect(cert.subject).toContain(`O=${o.name}`);
      expect(o.rid).toMatch(/^CVR:\d{8}-UUID:[0-9a-f-]{36}$/);
      expect(cert.subject).toContain(`serialNumber=${o.rid}`);
      expect(cert.checkIssued(new crypto.X509Certificate(t.sb.certs.caPem))).toBe(true);
      expect(cert.checkPrivateKey(crypto.createPrivateKey(o.keyPem))).toBe(true);
    }
    expect(t.sb.certs.orgs['akasse-067']?.caseworkerName).toBe('Mette Sørensen');
    expect(Object.keys(t.sb.certs.orgs).sort()).toEqual(['admin', 'akasse-067', 'akasse-084', 'jobcenter-10100', 'jobcenter-10101', 'jobcenter-75100']);
  });

  it('issues three personal caseworker certificates per organisation, listed in certs/caseworkers/caseworkers.json', () => {
    const listed = JSON.parse(fs.readFileSync(path.join(t.dir, 'certs', 'caseworkers', 'caseworkers.json'), 'utf8')) as { id: string; orgId: string; name: string; rid: string }[];
    expect(listed.map((c) => c.id)).toEqual(t.sb.certs.caseworkers.map((c) => c.id));
    for (const orgId of ['akasse-067', 'akasse-084', 'jobcenter-10100', 'jobcenter-10101', 'jobcenter-75100']) {
      expect(listed.filter((c) => c.orgId === orgId).map((c) => c.id)).toEqual([1, 2, 3].map((n) => `${orgId}-${n}`));
    }
    expect(listed.some((c) => c.orgId === 'admin')).toBe(false);
    const rids = new Set<string>();
    for (const c of t.sb.certs.caseworkers) {
      const org = t.sb.certs.orgs[c.orgId]!;
      const cert = new crypto.X509Certificate(fs.readFileSync(path.join(t.dir, 'certs', 'caseworkers', `${c.id}.crt.pem`), 'utf8'));
      expect(cert.subject).toContain(`CN=${c.name}`);
      expect(cert.subject).toContain(`O=${org.name}`);
      expect(cert.subject).toContain(`OU=${c.orgId}`);
      expect(cert.subject).toContain(`serialNumber=${c.rid}`);
      expect(c.rid.startsWith(org.rid.slice(0, 'CVR:12345678'.length))).toBe(true);
      expect(cert.checkIssued(new crypto.X509Certificate(t.sb.certs.caPem))).toBe(true);
      expect(cert.checkPrivateKey(crypto.createPrivateKey(c.keyPem))).toBe(true);
      rids.add(c.rid);
    }
    expect(rids.size).toBe(15);
    expect(t.sb.certs.caseworkers.find((c) => c.id === 'jobcenter-10100-1')?.name).toBe('Søren Østergaard');
  });

  it('lets a caseworker certificate in as its organisation (PKCS#12 with the same passphrase)', async () => {
    const c = t.sb.certs.caseworkers.find((x) => x.id === 'jobcenter-10101-2')!;
    const r = await request(t.sb, { pfx: c.p12, passphrase: t.sb.certs.passphrase, ca: t.sb.certs.caPem }, 'GET', '/v1/virksomhedskonto', {
      headers: { 'x-requestId': crypto.randomUUID() },
    });
    expect(r.status).toBe(200);
  });

  it('lets only the admin certificate use /_sandbox', async () => {
    for (const who of ['akasse-067', 'jobcenter-10100']) {
      const r = await request(t.sb, who, 'GET', '/_sandbox/stats');
      expect(r.status).toBe(403);
      const f = await request(t.sb, who, 'POST', '/_sandbox/faults', { body: JSON.stringify({ offline: true }), headers: { 'content-type': 'application/json' } });
      expect(f.status).toBe(403);
    }
    const ok = await request(t.sb, 'admin', 'GET', '/_sandbox/stats');
    expect(ok.status).toBe(200);
    // The refused attempt to go offline changed nothing.
    expect((await t.admin.setFaults({})).offline).toBe(false);
  });

  it('echoes x-correlation-id on answers, errors included', async () => {
    const r = await request(t.sb, 'akasse-067', 'GET', '/v1/virksomhedskonto?cvrNummer=123', { headers: { 'x-correlation-id': 'corr-123', 'x-requestId': crypto.randomUUID() } });
    expect(r.status).toBe(400);
    expect(r.headers['x-correlation-id']).toBe('corr-123');
    const s = await soap(t.sb, 'akasse-067', 'CodeListService', 'GetCodeList', x('CodeListName', 'Nope'));
    expect(s.raw.headers['x-correlation-id']).toBeTruthy();
  });

  it('answers 4575 when ActiveOrganisationHeader names another organisation than the certificate, and 1014 without headers', async () => {
    const cpr = org(t.sample, 'akasse-067').visible[0]?.cpr ?? '';
    const body = x('PersonCivilRegistrationIdentifier', cpr) + x('RequestVariableType', [x('Core', true)]);
    const other = await soap(t.sb, 'akasse-067', 'PersonStatusService', 'GetVariablePersonStatus', body, { headers: { orgCode: '084' } });
    expect(other.status).toBe(500);
    expect(other.fault?.code).toBe(4575);
    expect(other.fault?.faultcode).toBe('s:Client');
    const noActive = await soap(t.sb, 'akasse-067', 'PersonStatusService', 'GetVariablePersonStatus', body, { headers: { omitActive: true } });
    expect(noActive.fault?.code).toBe(1014);
    const noMeta = await soap(t.sb, 'akasse-067', 'PersonStatusService', 'GetVariablePersonStatus', body, { headers: { omitUserMeta: true } });
    expect(noMeta.fault?.code).toBe(1014);
    // Admin is no DFDG organisation.
    const asAdmin = await soap(t.sb, 'akasse-067', 'PersonStatusService', 'GetVariablePersonStatus', body, { who: { cert: t.sb.certs.orgs.admin?.certPem, key: t.sb.certs.orgs.admin?.keyPem, ca: t.sb.certs.caPem } });
    expect(asAdmin.fault?.code).toBe(4575);
  });

  it('reuses its certificates and keeps what was sent to it across a restart', async () => {
    const dir = tempDir('restart');
    const first = await startTestSandbox({ dataDir: dir, freshCerts: true });
    const ca = first.sb.certs.caPem;
    const cpr = org(first.sample, 'jobcenter-10100').visible[0]?.cpr ?? '';
    const created = await rest(first.sb, 'jobcenter-10100', 'POST', `/v1/Fravaer/${crypto.randomUUID()}`, {
      cpr,
      body: { fravaerType: 10, startDato: '2026-06-01T00:00:00', slutDato: '2026-06-10T00:00:00', anmeldelsesDato: '2026-05-04T00:00:00' },
    });
    expect(created.status).toBe(201);
    await first.sb.close();
    const second = await startTestSandbox({ dataDir: dir });
    try {
      expect(second.sb.certs.caPem).toBe(ca);
      const list = await rest(second.sb, 'jobcenter-10100', 'GET', '/v1/Fravaer/', { cpr });
      const ids = list.json<{ fravaer: { fravaerIdentifier: string }[] }>().fravaer.map((f) => f.fravaerIdentifier);
      expect(ids).toContain(created.json<{ fravaerIdentifier: string }>().fravaerIdentifier);
    } finally {
      await second.close();
    }
  });
});
