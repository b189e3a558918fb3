// PersonStatusService (Version 20) GetVariablePersonStatus (wire-contract §2.5). Returns only the
// requested parts. ASSUMED: the names ContactGroup and UnemploymentFund and their children;
// AddressContact and CV are accepted but the sandbox has no such data (no part is returned).

import { akasse, jobcenter } from '../orgs';
import { obj, optBool, str, type Spec } from '../schema';
import type { SoapCtx, SoapService } from '../soap';
import { el, opt, type WEl } from '../xml';
import { person } from './common';

const FORMER_MEMBER_WINDOW_DAYS = 120;

const SPEC: Spec = {
  PersonCivilRegistrationIdentifier: { t: 'str', len: [0, 64] },
  RequestVariableType: {
    t: 'obj',
    fields: {
      Core: { t: 'bool', min: 0 },
      AddressContact: { t: 'bool', min: 0 },
      Authority: { t: 'bool', min: 0 },
      CV: { t: 'bool', min: 0 },
      UnemploymentFund: { t: 'bool', min: 0 },
      ContactGroup: { t: 'bool', min: 0 },
    },
  },
};

function getVariablePersonStatus(ctx: SoapCtx): WEl[] {
  const { env, caller, body } = ctx;
  const cpr = str(body, 'PersonCivilRegistrationIdentifier');
  const want = obj(body, 'RequestVariableType');
  const c = person(env, caller, cpr, { write: false, style: 'soap', formerWindowDays: FORMER_MEMBER_WINDOW_DAYS });
  const parts: (WEl | null)[] = [];
  if (optBool(want, 'Core')) {
    parts.push(
      el('Core', [
        el('PersonCivilRegistrationIdentifier', c.cpr),
        el('PersonGivenName', c.givenName),
        el('PersonSurnameName', c.surname),
        el('PersonGenderCode', c.gender),
        opt('DeceasedDate', c.deceasedDate),
      ]),
    );
  }
  if (optBool(want, 'Authority')) {
    const jc = jobcenter(c.jobcenterCode);
    parts.push(el('Authority', [el('MunicipalityCode', c.municipalityCode), el('JobcenterCode', c.jobcenterCode), el('JobcenterName', jc?.name ?? '')]));
  }
  if (optBool(want, 'ContactGroup') && c.contactGroup !== null) {
    parts.push(
      el('ContactGroup', [
        el('ContactGroupTypeIdentifier', c.contactGroup),
        opt('PersonCategoryTypeIdentifier', c.personCategory),
        opt('EnrollmentCategoryTypeIdentifier', c.registrationCategory),
        el('StartDate', c.contactGroupStart),
      ]),
    );
  }
  if (optBool(want, 'UnemploymentFund') && c.akasseCode !== null && c.membershipStart !== null) {
    parts.push(
      el('UnemploymentFund', [
        el('UnemploymentFundCode', c.akasseCode),
        el('UnemploymentFundName', akasse(c.akasseCode)?.name ?? ''),
        el('MembershipStartDate', c.membershipStart),
        opt('MembershipEndDate', c.membershipEnd),
      ]),
    );
  }
  return [el('PersonStatus', parts)];
}

export const personStatusService: SoapService = {
  name: 'PersonStatusService',
  ops: { GetVariablePersonStatus: { spec: SPEC, handle: getVariablePersonStatus } },
};
