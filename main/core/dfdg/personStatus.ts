// PersonStatusService (Version 20), SOAP: GetVariablePersonStatus (docs/wire-contract.md §2.5).
//
// ASSUMED (wire-contract.md §2.5): the request booleans `UnemploymentFund` and `ContactGroup`, the
// ContactGroup part {ContactGroupTypeIdentifier, PersonCategoryTypeIdentifier,
// EnrollmentCategoryTypeIdentifier, StartDate} and the UnemploymentFund part {UnemploymentFundCode,
// UnemploymentFundName, MembershipStartDate, MembershipEndDate}.

import type { Citizen } from '../../../shared/domain';
import type { SoapService } from './soap';
import type { PersonStatusClient, PersonStatusParts } from './types';

export function personStatusClient(soap: SoapService): PersonStatusClient {
  return {
    getVariablePersonStatus(ctx, cpr, parts?: PersonStatusParts) {
      const want = {
        core: parts?.core ?? parts === undefined,
        authority: parts?.authority ?? parts === undefined,
        contactGroup: parts?.contactGroup ?? parts === undefined,
        unemploymentFund: parts?.unemploymentFund ?? parts === undefined,
      };
      const body = {
        PersonCivilRegistrationIdentifier: cpr,
        // Only the parts the caller needs (DFDG asks callers not to fetch more).
        RequestVariableType: {
          Core: want.core,
          AddressContact: false,
          Authority: want.authority,
          CV: false,
          UnemploymentFund: want.unemploymentFund,
          ContactGroup: want.contactGroup,
        },
      };
      return soap.request(ctx, 'GetVariablePersonStatus', body, { write: false }, (res, r): Citizen => {
        const ps = r.one(res, 'PersonStatus');
        const core = r.opt(ps, 'Core');
        const auth = r.opt(ps, 'Authority');
        const kg = r.opt(ps, 'ContactGroup');
        const fund = r.opt(ps, 'UnemploymentFund');
        const given = core ? r.optStr(core, 'PersonGivenName') : null;
        const surname = core ? r.optStr(core, 'PersonSurnameName') : null;
        const gender = core ? r.optStr(core, 'PersonGenderCode') : null;
        return {
          cpr: core ? r.str(core, 'PersonCivilRegistrationIdentifier') : cpr,
          name: [given, surname].filter(Boolean).join(' '),
          gender: gender === 'M' || gender === 'K' ? gender : null,
          deceased: core ? r.optStr(core, 'DeceasedDate') !== null : false,
          municipalityCode: auth ? r.optStr(auth, 'MunicipalityCode') : null,
          jobcenterCode: auth ? r.optStr(auth, 'JobcenterCode') : null,
          jobcenterName: auth ? r.optStr(auth, 'JobcenterName') : null,
          contactGroup: kg ? r.optInt(kg, 'ContactGroupTypeIdentifier') : null,
          personCategory: kg ? r.optInt(kg, 'PersonCategoryTypeIdentifier') : null,
          registrationCategory: kg ? r.optInt(kg, 'EnrollmentCategoryTypeIdentifier') : null,
          akasseCode: fund ? r.optStr(fund, 'UnemploymentFundCode') : null,
          akasseName: fund ? r.optStr(fund, 'UnemploymentFundName') : null,
          membershipStart: fund ? r.optDate(fund, 'MembershipStartDate') : null,
          membershipEnd: fund ? r.optDate(fund, 'MembershipEndDate') : null,
        };
      });
    },
  };
}
