import type { Absence, Citizen, CitizenMessage, Identity } from '../../../shared/domain';

// Synthetic people only. The CPR numbers have valid day/month but are made up for tests.
export const CPR_A = '0101901234';
export const CPR_B = '0202851111';
export const CPR_C = '0303792222';

export function citizen(over: Partial<Citizen> = {}): Citizen {
  return {
    cpr: CPR_A,
    name: 'Mette Sørensen',
    gender: 'K',
    contactGroup: 1,
    personCategory: null,
    registrationCategory: null,
    akasseCode: '067',
    akasseName: 'A-kasse Nordlys',
    jobcenterCode: '10100',
    jobcenterName: 'Jobcenter København',
    municipalityCode: '101',
    deceased: false,
    ...over,
  };
}

export function message(over: Partial<CitizenMessage> = {}): CitizenMessage {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    cpr: CPR_A,
    contextType: 11,
    channel: 4,
    subject: 'A-kassens indstilling til jobcentret om tilbud',
    body: 'Vi indstiller til virksomhedspraktik i 8 uger hos Bageriet ApS.',
    allowReply: true,
    responseToId: null,
    from: { userType: 2, userIdentifier: 'CVR:12345678-UUID:1', fullName: 'Anna Akasse', organisationType: 2, organisationCode: '067' },
    to: { organisationType: 8, organisationCode: '10100' },
    createdAt: '2026-11-20T10:00:00.000Z',
    documents: [],
    ...over,
  };
}

export function absence(over: Partial<Absence> = {}): Absence {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    cpr: CPR_A,
    type: 10,
    start: '2026-12-01',
    end: '2026-12-14',
    comment: null,
    notificationDate: '2026-11-22',
    endReason: null,
    registeredBy: { organisationType: 2, organisationCode: '067' },
    ...over,
  };
}

export const AKASSE_IDENTITY: Identity = {
  organisation: { type: 'akasse', code: '067', name: 'A-kasse Nordlys (sandbox)' },
  caseworker: { fullName: 'Anna Akasse', userIdentifier: 'CVR:12345678-UUID:aaaaaaaa-0000-4000-8000-000000000001' },
  certificate: { subject: 'CN=Anna Akasse', issuer: 'CN=Sandbox CA', validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z', fingerprint256: 'AA' },
};

export const JOBCENTER_IDENTITY: Identity = {
  organisation: { type: 'jobcenter', code: '10100', name: 'Jobcenter København (sandbox)' },
  caseworker: { fullName: 'Jens Jobcenter', userIdentifier: 'CVR:87654321-UUID:bbbbbbbb-0000-4000-8000-000000000002' },
  certificate: { subject: 'CN=Jens Jobcenter', issuer: 'CN=Sandbox CA', validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z', fingerprint256: 'BB' },
};
