// The organisations the sandbox knows (docs/wire-contract.md §1). Fixed; the certificate of each
// is made at first start (certs.ts).

export type OrgKind = 'akasse' | 'jobcenter' | 'admin';

export interface OrgDef {
  /** Certificate file stem and subject OU: 'akasse-067', 'jobcenter-10100', 'admin'. */
  id: string;
  type: OrgKind;
  /** DFDG OrganisationTypeIdentifier: 2 A-kasse (ASSUMED), 8 Jobcenter; 0 for the sandbox admin. */
  orgTypeId: number;
  code: string;
  name: string;
  /** The caseworker named in the certificate's CN. */
  caseworkerName: string;
  /** The CVR in the RID (synthetic). */
  cvr: string;
  /** Jobcentres: the municipality (kommunekode) they serve. */
  municipalityCode?: string;
}

export const ORG_TYPE_AKASSE = 2;
export const ORG_TYPE_JOBCENTER = 8;

export const ORGS: readonly OrgDef[] = [
  { id: 'akasse-067', type: 'akasse', orgTypeId: ORG_TYPE_AKASSE, code: '067', name: 'A-kasse Nordlys (sandbox)', caseworkerName: 'Mette Sørensen', cvr: '19670067' },
  { id: 'akasse-084', type: 'akasse', orgTypeId: ORG_TYPE_AKASSE, code: '084', name: 'A-kasse Sydhavn (sandbox)', caseworkerName: 'Anders Kjær', cvr: '19840084' },
  { id: 'jobcenter-10100', type: 'jobcenter', orgTypeId: ORG_TYPE_JOBCENTER, code: '10100', name: 'Jobcenter København (sandbox)', caseworkerName: 'Søren Østergaard', cvr: '29101000', municipalityCode: '101' },
  { id: 'jobcenter-10101', type: 'jobcenter', orgTypeId: ORG_TYPE_JOBCENTER, code: '10101', name: 'Jobcenter København Nord (sandbox)', caseworkerName: 'Line Bækgaard', cvr: '29101010', municipalityCode: '101' },
  { id: 'jobcenter-75100', type: 'jobcenter', orgTypeId: ORG_TYPE_JOBCENTER, code: '75100', name: 'Jobcenter Aarhus (sandbox)', caseworkerName: 'Jens Ågesen', cvr: '29751000', municipalityCode: '751' },
  { id: 'admin', type: 'admin', orgTypeId: 0, code: 'admin', name: 'DFDG sandbox administration', caseworkerName: 'Sandbox Administrator', cvr: '10000000' },
];

/**
 * The caseworkers of each organisation who get a personal certificate of their own
 * (certs/caseworkers/<orgId>-<n>.*, n from 1), for the organisation hub's tests and demo. The first
 * is the organisation certificate's caseworker: the demo desktop works in the hub as the same person
 * its header names.
 */
export const CASEWORKERS: Readonly<Record<string, readonly string[]>> = {
  'akasse-067': ['Mette Sørensen', 'Karen Frølich', 'Bjørn Aagaard'],
  'akasse-084': ['Anders Kjær', 'Peter Løvgren', 'Hanne Kjærsgaard'],
  'jobcenter-10100': ['Søren Østergaard', 'Birgitte Hjort', 'Ahmad Nielsen'],
  'jobcenter-10101': ['Line Bækgaard', 'Morten Dahl', 'Åse Lund'],
  'jobcenter-75100': ['Jens Ågesen', 'Camilla Krogh', 'Rasmus Høj'],
};

export const AKASSE_CODES = ['067', '084'] as const;
export const JOBCENTER_CODES = ['10100', '10101', '75100'] as const;

export function orgById(id: string): OrgDef | undefined {
  return ORGS.find((o) => o.id === id);
}

export function orgByTypeAndCode(orgTypeId: number, code: string): OrgDef | undefined {
  return ORGS.find((o) => o.orgTypeId === orgTypeId && o.code === code && o.type !== 'admin');
}

export function akasse(code: string | null): OrgDef | undefined {
  return code === null ? undefined : ORGS.find((o) => o.type === 'akasse' && o.code === code);
}

export function jobcenter(code: string | null): OrgDef | undefined {
  return code === null ? undefined : ORGS.find((o) => o.type === 'jobcenter' && o.code === code);
}
