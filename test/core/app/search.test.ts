import { afterEach, describe, expect, it } from 'vitest';
import { CPR_A, CPR_B, CPR_C, citizen, message } from '../support/fixtures';
import { makeCore, seedCitizen, type CoreRig } from './helpers';

let rig: CoreRig;
afterEach(async () => {
  await rig?.close();
});

describe('messages.search', () => {
  it('finds cached messages by words in subject or body, names the citizen, and audits each citizen found', async () => {
    rig = await makeCore();
    seedCitizen(rig.fake, CPR_A, { name: 'Mette Sørensen' });
    rig.fake.messages.push(
      message({ id: '00000000-0000-4000-8000-00000000000a', cpr: CPR_A, subject: 'Indstilling om tilbud', body: 'Virksomhedspraktik hos Bageriet ApS.', createdAt: '2026-11-18T08:00:00.000Z' }),
      message({ id: '00000000-0000-4000-8000-00000000000b', cpr: CPR_A, subject: 'Almen orientering', body: 'Samtale om jobsøgning.', createdAt: '2026-11-19T08:00:00.000Z' }),
    );
    await rig.call('citizens.open', { cpr: CPR_A, purpose: 'citizen-page' });
    await rig.call('messages.threads', { cpr: CPR_A });

    const r = await rig.call('messages.search', { query: 'bager' });
    expect(r.hits).toEqual([
      { messageId: '00000000-0000-4000-8000-00000000000a', cpr: CPR_A, citizenName: 'Mette Sørensen', subject: 'Indstilling om tilbud', createdAt: '2026-11-18T08:00:00.000Z' },
    ]);
    expect(rig.core.audit.list(CPR_A)[0]).toMatchObject({ action: 'messages.search', source: 'cache', purpose: 'search', outcome: 'ok' });
    expect((await rig.call('messages.search', { query: 'ingenting her' })).hits).toEqual([]);
  });

  it('never shows messages of citizens the organisation may not see, and does not log them as seen', async () => {
    rig = await makeCore();
    const store = rig.core.store;
    const at = '2026-11-22T08:00:00.000Z';
    // Cached earlier, but now a member of another a-kasse (the rules say no), or marked denied by DFDG.
    store.citizens.upsert(citizen({ cpr: CPR_B, name: 'Anders Andetsteds', akasseCode: '084' }), { fetchedAt: at, lastUsedAt: at, access: 'allowed' });
    store.citizens.upsert(citizen({ cpr: CPR_C, name: 'Karin Spærret' }), { fetchedAt: at, lastUsedAt: at, access: 'denied' });
    store.citizens.upsert(citizen({ cpr: CPR_A, name: 'Mette Sørensen' }), { fetchedAt: at, lastUsedAt: at, access: 'allowed' });
    store.messages.upsertMany(
      [
        message({ id: 'm-b', cpr: CPR_B, body: 'Praktik i Aarhus.' }),
        message({ id: 'm-c', cpr: CPR_C, body: 'Praktik i Odense.' }),
        message({ id: 'm-a', cpr: CPR_A, body: 'Praktik i København.' }),
        // Messages of a citizen that is not cached at all: no access can be established.
        message({ id: 'm-x', cpr: '0404701234', body: 'Praktik i Vejle.' }),
      ],
      at,
    );
    const r = await rig.call('messages.search', { query: 'praktik' });
    expect(r.hits.map((h) => h.messageId)).toEqual(['m-a']);
    expect(rig.core.audit.list(CPR_B)).toEqual([]);
    expect(rig.core.audit.list(CPR_C)).toEqual([]);
  });
});
