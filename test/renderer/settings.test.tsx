// Settings: certificate import sends the PKCS#12 bytes and passphrase (never a path) and the frame
// then shows the new identity; the sandbox can be switched to act as a jobcenter.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelResponse, Settings } from '../../shared/ipc';
import { auditLog, failure, FakeBridge, jobcenterIdentity } from './fakeBridge';
import { renderApp } from './helpers';
import { useApp } from '../../renderer/src/stores/app';

const settings: Settings = {
  dfdgBaseUrl: null,
  services: {},
  certificate: null,
  hasCa: false,
  caseworkerName: null,
  caseworkerEmail: null,
  retentionDays: 30,
  staleAfterMinutes: 15,
  secretStorage: 'basic_text',
  sandboxOrganisation: 'akasse-067',
  proxy: { mode: 'system', url: null },
  allowObfuscatedKeyStorage: true,
  hub: null,
};

describe('settings', () => {
  it('imports a certificate from its bytes and passphrase, and shows who the app now acts as', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings).reply('settings.importCertificate', () => {
      bridge.identity = jobcenterIdentity;
      return { identity: jobcenterIdentity };
    });
    const { user } = renderApp(bridge, { name: 'settings' });
    const p12 = new Uint8Array([0x30, 0x82, 0x01, 0x02]);
    await user.upload(await screen.findByLabelText('Organisationens certifikat (PKCS#12, .p12 eller .pfx)'), new File([p12], 'org.p12'));
    await user.type(screen.getByLabelText('Adgangskode til certifikatet'), 'hemmelig');
    await user.click(screen.getByRole('button', { name: 'Importér certifikat' }));
    expect(await screen.findByText(/Certifikatet er importeret\. Du arbejder nu som Jonas Jobkonsulent, Jobcenter Testby \(10100\)\./)).toBeInTheDocument();
    const [req] = bridge.callsOf('settings.importCertificate');
    expect(Object.keys(req!).sort()).toEqual(['p12', 'passphrase']);
    expect([...req!.p12]).toEqual([...p12]);
    expect(req!.passphrase).toBe('hemmelig');
    expect(screen.getByLabelText('Adgangskode til certifikatet')).toHaveValue('');
    await waitFor(() => expect(screen.getByLabelText('Du arbejder som')).toHaveTextContent('Jobcenter: Jobcenter Testby (10100)'));
  });

  it('says when a key file protects the secrets (browser mode), instead of claiming the OS key store', async () => {
    renderApp(new FakeBridge().reply('settings.get', { ...settings, secretStorage: 'file' }), { name: 'settings' });
    const note = await screen.findByText(/Nøglen er beskyttet af filrettigheder, ikke af styresystemets nøglering/);
    expect(note).toHaveAttribute('role', 'note');
    expect(screen.getByText(/gemmes krypteret med en nøglefil, som kun din brugerkonto kan læse/)).toBeInTheDocument();
    expect(screen.queryByText(/kun sløret/)).not.toBeInTheDocument();
    expect(screen.queryByText('Certifikat og adgangskode gemmes krypteret med styresystemets nøglering.')).not.toBeInTheDocument();
  });

  it('warns when secrets are only obfuscated, and switches the sandbox organisation', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings).reply('settings.save', (req) => ({ ...settings, ...req }) as Settings);
    const { user } = renderApp(bridge, { name: 'settings' });
    // The app runs on obfuscated keys only because an administrator allowed it (main refuses otherwise): said so.
    const warning = await screen.findByText(/certifikatets adgangskode er kun sløret, ikke krypteret/);
    expect(warning).toHaveTextContent('Det har en administrator tilladt på denne computer (allowObfuscatedKeyStorage).');
    await user.selectOptions(screen.getByLabelText('Sandboxen arbejder som'), 'Jobcenter 10100');
    await user.click(screen.getByRole('button', { name: 'Gem indstillinger' }));
    await waitFor(() => expect(bridge.callsOf('settings.save')).toHaveLength(1));
    expect(bridge.callsOf('settings.save')[0]).toMatchObject({ sandboxOrganisation: 'jobcenter-10100', dfdgBaseUrl: null, retentionDays: 30 });
    expect(within(screen.getByRole('status', { name: 'Statusbesked' })).getByText('Indstillingerne er gemt.')).toBeInTheDocument();
  });

  it('chooses the proxy to DFDG: the system’s by default, a proxy of its own with its address, and shows main’s refusal in Danish', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings).reply('settings.save', (req) => {
      if (req.proxy?.mode === 'manual' && !req.proxy.url?.startsWith('http')) {
        return failure('invalid-request', 'Proxy-adressen skal begynde med http:// eller https://. Skriv fx http://proxy.kommune.dk:8080.');
      }
      return { ...settings, ...req } as Settings;
    });
    const { user } = renderApp(bridge, { name: 'settings' });
    const group = await screen.findByRole('group', { name: 'Proxy til DFDG' });
    expect(within(group).getByRole('radio', { name: 'Brug styresystemets proxy-indstilling (også automatisk konfiguration)' })).toBeChecked();
    expect(within(group).queryByLabelText('Proxy-adresse')).toBeNull();

    await user.click(within(group).getByRole('radio', { name: 'Brug denne proxy' }));
    await user.type(within(group).getByLabelText('Proxy-adresse'), 'proxy.kommune.dk:8080');
    await user.click(screen.getByRole('button', { name: 'Gem indstillinger' }));
    expect(await screen.findByText(/Proxy-adressen skal begynde med http:\/\/ eller https:\/\//)).toBeInTheDocument();

    await user.clear(within(group).getByLabelText('Proxy-adresse'));
    await user.type(within(group).getByLabelText('Proxy-adresse'), 'http://proxy.kommune.dk:8080');
    await user.click(screen.getByRole('button', { name: 'Gem indstillinger' }));
    await waitFor(() => expect(bridge.callsOf('settings.save')).toHaveLength(2));
    expect(bridge.callsOf('settings.save')[1]!.proxy).toEqual({ mode: 'manual', url: 'http://proxy.kommune.dk:8080' });

    await user.click(within(group).getByRole('radio', { name: 'Ingen proxy (direkte forbindelse)' }));
    await user.click(screen.getByRole('button', { name: 'Gem indstillinger' }));
    await waitFor(() => expect(bridge.callsOf('settings.save')).toHaveLength(3));
    expect(bridge.callsOf('settings.save')[2]!.proxy).toEqual({ mode: 'none', url: null });
  });

  it('Lokale data: shows the last purge and the citizens held back with the reason, deletes a draft after confirmation, and purges on request', async () => {
    const held: ChannelResponse<'retention.status'> = {
      retentionDays: 30,
      lastRunAt: '2026-11-22T07:05:00Z',
      lastPurged: 3,
      held: [
        {
          cpr: '0101901234',
          name: 'Anna Jensen',
          reason: 'unused',
          ruleId: 'RETAIN_CACHE',
          text: 'Borgeren er ikke slået op i 30 dage. Kladder bevares.',
          drafts: [{ id: 'draft-9', subject: 'Indstilling om praktik', updatedAt: '2026-10-01T08:00:00Z' }],
          unsentCommands: 1,
          openAdvisories: 0,
        },
      ],
      auditLog,
    };
    let current = held;
    const bridge = new FakeBridge()
      .reply('settings.get', settings)
      .reply('retention.status', () => current)
      .reply('drafts.delete', () => {
        current = { ...held, held: [{ ...held.held[0]!, drafts: [] }] };
        return {};
      })
      .reply('retention.purge', () => ({ ...held, lastRunAt: '2026-11-22T10:00:00Z', lastPurged: 1, held: [] }));
    const { user } = renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Lokale data' });
    expect(await within(panel).findByText(/Seneste oprydning: 22-11-2026 08:05 – 3 borgere fjernet\./)).toBeInTheDocument();
    const list = within(panel).getByRole('list', { name: 'Holdes tilbage (1)' });
    expect(list).toHaveTextContent('Anna Jensen (010190-1234): Borgeren er ikke slået op i 30 dage.');
    expect(list).toHaveTextContent('Holdes tilbage af 1 kladde og 1 registrering, der ikke er sendt.');
    expect(list).toHaveTextContent('Kladde »Indstilling om praktik«, gemt 01-10-2026 10:00');

    await user.click(within(list).getByRole('button', { name: 'Slet kladden »Indstilling om praktik«' }));
    expect(bridge.callsOf('drafts.delete')).toEqual([]);
    await user.click(within(list).getByRole('button', { name: 'Ja, slet kladden' }));
    await waitFor(() => expect(bridge.callsOf('drafts.delete')).toEqual([{ id: 'draft-9' }]));
    await waitFor(() => expect(within(panel).queryByText(/Kladde »Indstilling om praktik«/)).not.toBeInTheDocument());

    await user.click(within(panel).getByRole('button', { name: 'Ryd op nu' }));
    expect(await within(panel).findByText('Ingen borgere holdes tilbage.')).toBeInTheDocument();
    expect(within(panel).getByText(/1 borger fjernet/)).toBeInTheDocument();
    expect(bridge.callsOf('retention.purge')).toHaveLength(1);
  });

  it('Lokale data: says how long the access log is kept (assumed) and that its chain was checked intact', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings);
    renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Lokale data' });
    expect(await within(panel).findByText(/Adgangsloggen gemmes i 5 år \(antaget: ingen regel fastsætter perioden\)/)).toBeInTheDocument();
    expect(within(panel).getByText('Adgangsloggen er kontrolleret 22-11-2026 09:00: kæden er intakt (12 poster).')).toBeInTheDocument();
    expect(within(panel).queryByRole('alert')).toBeNull();
  });

  it('Lokale data: shows a broken access log chain as an alert with main\'s reason, not hidden', async () => {
    const problem = 'Post nr. 4 (04-11-2026 09:00) er ændret, efter at den blev skrevet.';
    const bridge = new FakeBridge()
      .reply('settings.get', settings)
      .reply('retention.status', () => ({ retentionDays: 30, lastRunAt: null, lastPurged: null, held: [], auditLog: { ...auditLog, state: 'broken', problem } }));
    renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Lokale data' });
    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent(`Adgangsloggens kæde er brudt. ${problem}`);
    expect(alert).toHaveTextContent('Kontakt jeres it-sikkerhedsansvarlige, før loggen udleveres.');
    expect(within(panel).queryByText(/kæden er intakt/)).toBeNull();
  });

  it('Lokale data: a citizen held by an open advisory says so, and the inbox is one click away', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings).reply('retention.status', {
      retentionDays: 30,
      lastRunAt: '2026-11-22T07:05:00Z',
      lastPurged: 0,
      held: [
        {
          cpr: '0101901234',
          name: 'Anna Jensen',
          reason: 'unused',
          ruleId: 'RETAIN_CACHE',
          text: "Borgeren er ikke slået op i 30 dage. Oplysningerne bevares, indtil kladder og registreringer er sendt eller slettet og åbne advis'er er afsluttet.",
          drafts: [],
          unsentCommands: 0,
          openAdvisories: 1,
        },
      ],
      auditLog,
    });
    const { user } = renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Lokale data' });
    const list = await within(panel).findByRole('list', { name: 'Holdes tilbage (1)' });
    expect(list).toHaveTextContent('Holdes tilbage af 1 åben advis.');
    await user.click(within(list).getByRole('button', { name: 'Åbn indbakken' }));
    expect(useApp.getState().route).toEqual({ name: 'inbox' });
  });

  it('Organisationens hub: sends the address with the caseworker’s own certificate and passphrase, shows who the hub knows; can be removed', async () => {
    const cert = { subject: 'CN=Karen Frølich', issuer: 'CN=Sandbox CA', validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z', fingerprint256: 'AB' };
    const withHub: Settings = { ...settings, hub: { url: 'https://hub.nordlys.example', certificate: cert, caseworker: 'Karen Frølich', organisation: 'A-kasse Nordlys', hasCa: false } };
    const bridge = new FakeBridge().reply('settings.get', settings).reply('settings.setHub', (r) => (r.url === null ? settings : withHub));
    const { user } = renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Organisationens hub' });
    await user.type(within(panel).getByLabelText('Hubbens adresse'), 'https://hub.nordlys.example');
    await user.click(within(panel).getByRole('button', { name: 'Forbind til hubben' }));
    expect(within(panel).getByRole('alert')).toHaveTextContent('Vælg dit personlige certifikat (.p12 eller .pfx).');
    const p12 = new Uint8Array([0x30, 0x82, 0x01, 0x02]);
    await user.upload(within(panel).getByLabelText('Dit personlige certifikat (PKCS#12, .p12 eller .pfx)'), new File([p12], 'karen.p12'));
    await user.click(within(panel).getByRole('button', { name: 'Forbind til hubben' }));
    expect(within(panel).getByRole('alert')).toHaveTextContent('Skriv adgangskoden til dit personlige certifikat.');
    expect(bridge.callsOf('settings.setHub')).toEqual([]);
    await user.type(within(panel).getByLabelText('Adgangskode til dit personlige certifikat'), 'Hemmelig-42');
    await user.click(within(panel).getByRole('button', { name: 'Forbind til hubben' }));
    await waitFor(() => expect(bridge.callsOf('settings.setHub')).toHaveLength(1));
    const sent = bridge.callsOf('settings.setHub')[0]!;
    expect(sent).toMatchObject({ url: 'https://hub.nordlys.example', passphrase: 'Hemmelig-42' });
    expect([...(sent.p12 as Uint8Array)]).toEqual([...p12]);
    expect(await within(panel).findByText('Karen Frølich, A-kasse Nordlys (gyldigt til 01-01-2028)')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Hubben er sat op. Du arbejder i hubben som Karen Frølich.');

    await user.click(within(panel).getByRole('button', { name: 'Fjern hubben' }));
    await waitFor(() => expect(bridge.callsOf('settings.setHub').at(-1)).toEqual({ url: null }));
    expect(within(panel).queryByRole('button', { name: 'Fjern hubben' })).not.toBeInTheDocument();
  });

  it('Organisationens hub: shows a refusal in Danish and the live state of the sandbox’s own hub', async () => {
    const bridge = new FakeBridge().reply('settings.get', settings).fail('settings.setHub', 'invalid-request', 'Hubbens adresse skal begynde med https:// (forbindelsen er altid krypteret).');
    bridge.reply('app.info', () => ({
      version: '0.1.0', mode: 'sandbox', sandboxUrl: 'https://127.0.0.1:8443', identity: bridge.identity, today: '2026-11-22',
      status: { online: true, cause: null, draining: false, pending: 0, failed: 0, rejected: 0, lastSyncedAt: null, lastError: null },
      hub: { source: 'sandbox', url: 'https://127.0.0.1:40444', state: 'online', reason: null, me: { id: 'x', name: 'Karen Frølich' }, organisation: 'A-kasse Nordlys (sandbox)', pending: 0, refused: 0, counts: { mine: 0, unassigned: 2, overdue: 0, all: 2, done: 0 }, syncedAt: null },
    }));
    const { user } = renderApp(bridge, { name: 'settings' });
    const panel = await screen.findByRole('region', { name: 'Organisationens hub' });
    expect(await within(panel).findByRole('status')).toHaveTextContent('Sandboxens egen hub (https://127.0.0.1:40444): Forbundet til A-kasse Nordlys (sandbox) som Karen Frølich.');
    await user.type(within(panel).getByLabelText('Hubbens adresse'), 'http://hub.example');
    await user.upload(within(panel).getByLabelText('Dit personlige certifikat (PKCS#12, .p12 eller .pfx)'), new File([new Uint8Array([1])], 'k.p12'));
    await user.type(within(panel).getByLabelText('Adgangskode til dit personlige certifikat'), 'x');
    await user.click(within(panel).getByRole('button', { name: 'Forbind til hubben' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Hubbens adresse skal begynde med https://');
  });
});
