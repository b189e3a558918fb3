// Per-citizen details (messages, absences, plan, meetings, joblog), generated lazily and
// deterministically from (seed, citizen index, base date) the first time anything touches the
// citizen. Only the citizen's generated attributes are used (never later patches), so a journal
// replay regenerates exactly the same details.

import { addDays } from './dates';
import type { CitizenDetail, StoredAbsence, StoredActivity, StoredJoblog, StoredMeeting, StoredMessage } from './model';
import { COMPANY_KINDS, COMPANY_WORDS, JOB_TITLES } from './names';
import { akasse, jobcenter, type OrgDef } from './orgs';
import { makePdf } from './pdf';
import type { BaseCitizen } from './population';
import { hashSeed, Rng } from './prng';

const ACTIVATION_NAMES: Record<number, string> = {
  1: 'Vejledning og opkvalificering',
  2: 'Virksomhedspraktik',
  3: 'Løntilskud hos privat arbejdsgiver',
  4: 'Løntilskud hos offentlig arbejdsgiver',
  5: 'Nytteindsats',
  6: 'Mentorstøtte',
};

function stamp(date: string, rng: Rng): string {
  const h = rng.int(7, 16);
  const m = rng.int(0, 59);
  return `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
}

/** The organisation's caseworker as a message's sender (a fresh RID user id from the rng). */
function caseworker(org: OrgDef, rng: Rng): StoredMessage['from'] {
  return { userType: 2, userIdentifier: `CVR:${org.cvr}-UUID:${rng.uuid()}`, fullName: org.caseworkerName, orgTypeId: org.orgTypeId, orgCode: org.code };
}

export function generateDetail(seed: number, baseDate: string, c: BaseCitizen): CitizenDetail {
  const rng = new Rng(hashSeed(seed, 'detail', c.index));
  const ak = c.akasseCode && (c.membershipEnd === null || c.membershipEnd >= baseDate) ? akasse(c.akasseCode) : undefined;
  const jc = jobcenter(c.jobcenterCode);
  const detail: CitizenDetail = { messages: [], absences: new Map(), absenceHistory: [], activities: [], meetings: [], joblog: [] };
  if (!jc) return detail;
  const company = () => `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)}`;

  // --- Messages: type 11 threads (a-kasse → jobcenter, answered in the thread) and one-way messages.
  const messages: StoredMessage[] = [];
  if (ak && c.contactGroup === 1 && rng.chance(0.45)) {
    const day = addDays(baseDate, -rng.int(3, 90));
    const firm = company();
    const weeks = rng.int(4, 13);
    const rec: StoredMessage = {
      id: rng.uuid(),
      cpr: c.cpr,
      from: caseworker(ak, rng),
      to: { orgTypeId: jc.orgTypeId, code: jc.code },
      channel: 4,
      contextType: 11,
      subject: 'A-kassens indstilling til jobcentret om tilbud',
      body:
        `A-kassen indstiller, at ${c.givenName} ${c.surname} får tilbud om virksomhedspraktik hos ${firm} ` +
        `i ${weeks} uger med start snarest. Borgeren er motiveret, og praktikken retter sig mod et konkret job.`,
      allowReply: true,
      responseTo: null,
      created: stamp(day, rng),
      documents: [
        {
          id: rng.uuid(),
          fileName: 'indstilling-om-tilbud.pdf',
          mimeType: 'application/pdf',
          content: makePdf('Indstilling om tilbud', [
            `Tilbud: virksomhedspraktik hos ${firm}`,
            `Varighed: ${weeks} uger`,
            `Afsender: ${ak.name}`,
          ]),
        },
      ],
    };
    messages.push(rec);
    if (rng.chance(0.7)) {
      const granted = rng.chance(0.6);
      const answerDay = addDays(day, rng.int(1, 3));
      messages.push({
        id: rng.uuid(),
        cpr: c.cpr,
        from: caseworker(jc, rng),
        to: { orgTypeId: ak.orgTypeId, code: ak.code },
        channel: 4,
        contextType: 1,
        subject: 'Svar på a-kassens indstilling om tilbud',
        body: granted
          ? 'Jobcentret har bevilget tilbuddet som indstillet. Aktiviteten er oprettet i Min plan.'
          : 'Jobcentret kan ikke bevilge tilbuddet, fordi virksomheden ikke kan tage imod en praktikant i perioden. Borgeren får afgørelsen i e-Boks.',
        allowReply: true,
        responseTo: rec.id,
        created: stamp(answerDay > baseDate ? baseDate : answerDay, rng),
        documents: [],
      });
    }
  }
  if (rng.chance(0.5)) {
    const day = addDays(baseDate, -rng.int(1, 200));
    const withPdf = rng.chance(0.3);
    messages.push({
      id: rng.uuid(),
      cpr: c.cpr,
      from: caseworker(jc, rng),
      to: null,
      channel: rng.pick([1, 3]),
      contextType: 1,
      subject: 'Orientering fra jobcentret',
      body: `Kære ${c.givenName}. Husk at holde dit CV opdateret på Jobnet. Venlig hilsen ${jc.name}.`,
      allowReply: false,
      responseTo: null,
      created: stamp(day, rng),
      documents: withPdf
        ? [{ id: rng.uuid(), fileName: 'orientering.pdf', mimeType: 'application/pdf', content: makePdf('Orientering', ['Husk at holde dit CV opdateret.', jc.name]) }]
        : [],
    });
  }
  messages.sort((a, b) => (a.created < b.created ? -1 : 1));
  detail.messages = messages;

  // --- Absences: historic, current and future, several types; 79 (sorgorlov) only on KG1.
  const absenceCount = rng.int(0, c.contactGroup === 1 ? 3 : 2);
  const pool = c.contactGroup === 1 ? [10, 11, 2, 4, 8, 23, 56, 45, 79, 8] : [10, 11, 8, 4, 23, 45];
  for (let i = 0; i < absenceCount; i++) {
    const type = rng.pick(pool);
    const when = rng.pick(['historic', 'current', 'future'] as const);
    const length = type === 2 ? rng.int(15, 40) : rng.int(3, 60);
    let start: string;
    let end: string | null;
    if (when === 'historic') {
      start = addDays(baseDate, -rng.int(length + 10, 400));
      end = addDays(start, length);
    } else if (when === 'current') {
      start = addDays(baseDate, -rng.int(1, 20));
      end = rng.chance(0.3) ? null : addDays(baseDate, rng.int(5, 40));
    } else {
      start = addDays(baseDate, rng.int(5, 60));
      end = addDays(start, length);
    }
    const byAkasse = ak && type !== 79 && rng.chance(0.35);
    const by = byAkasse && ak ? ak : jc;
    const created = stamp(addDays(start < baseDate ? start : baseDate, -rng.int(0, 5)), rng);
    const absence: StoredAbsence = {
      id: rng.uuid(),
      type,
      start,
      end,
      comment: rng.chance(0.4) ? 'Registreret efter samtale med borgeren.' : null,
      notificationDate: start < baseDate ? start : baseDate,
      endReason: null,
      registeredBy: { orgTypeId: by.orgTypeId, code: by.code },
      created,
      updated: created,
    };
    detail.absences.set(absence.id, absence);
    detail.absenceHistory.push({ id: absence.id, changeType: 1, at: created, comment: null, snapshot: { ...absence } });
  }

  // --- Plan activities: running and ended, end reasons incl. 14 and 15.
  if (c.contactGroup === 1 || c.contactGroup === 2 || c.contactGroup === 7) {
    const n = rng.int(0, 3);
    for (let i = 0; i < n; i++) {
      const activationType = rng.int(1, 6);
      const ended = rng.chance(0.5);
      const start = addDays(baseDate, -rng.int(ended ? 60 : 1, 300));
      const end = ended ? addDays(start, rng.int(14, 55)) : rng.chance(0.7) ? addDays(baseDate, rng.int(7, 120)) : null;
      const activity: StoredActivity = {
        id: rng.uuid(),
        name: ACTIVATION_NAMES[activationType] ?? 'Aktivitet',
        activationType,
        start,
        end: end && ended && end >= baseDate ? addDays(baseDate, -1) : end,
        endReason: ended ? rng.pick([15, 15, 14, 1, 4]) : null,
        hoursPerWeek: rng.int(10, 37),
        minutesPerWeek: 0,
        authority: { code: jc.code, name: jc.name },
        created: stamp(addDays(start, -rng.int(1, 10)), rng),
      };
      detail.activities.push(activity);
    }
  }

  // --- Meetings: forms 1, 2 and 8 (with a link), past and future.
  const meetings = rng.int(0, 2);
  for (let i = 0; i < meetings; i++) {
    const form = rng.pick([1, 2, 8]);
    const byAk = ak && rng.chance(0.3);
    const org = byAk && ak ? ak : jc;
    const interviewType = byAk ? rng.pick([17, 15]) : rng.pick([7, 4, 9, 17]);
    const day = addDays(baseDate, rng.int(-60, 45));
    const hour = rng.int(8, 14);
    const start = `${day}T${String(hour).padStart(2, '0')}:${rng.pick(['00', '30'])}:00`;
    const id = rng.uuid();
    const rebookingPossible = rng.chance(0.6);
    detail.meetings.push({
      id,
      start,
      end: `${day}T${String(hour + 1).padStart(2, '0')}:${start.slice(14, 16)}:00`,
      interviewType,
      form,
      location: form === 1 ? `${org.name}, Fremtidsvej ${rng.int(1, 99)}` : null,
      locationDetail: form === 1 && rng.chance(0.5) ? `Mødelokale ${rng.int(1, 9)}` : null,
      digitalLink: form === 8 ? `https://moede.sandbox.invalid/${id}` : null,
      selfBooked: rng.chance(0.3),
      rebookingPossible,
      rebookingDeadline: rebookingPossible ? `${addDays(day, -2)}T12:00:00` : null,
      cancelPossible: false,
      cancelDeadline: null,
      organisation: { orgTypeId: org.orgTypeId, code: org.code, name: org.name },
      created: stamp(addDays(day, -rng.int(7, 30)), rng),
    } satisfies StoredMeeting);
  }

  // --- Joblog entries for registered dagpenge recipients.
  if (c.contactGroup === 1 && c.registrationCategory !== null) {
    const n = rng.int(0, 6);
    for (let i = 0; i < n; i++) {
      const applicationDate = addDays(baseDate, -rng.int(1, 120));
      detail.joblog.push({
        id: rng.uuid(),
        applicationDate,
        deadline: rng.chance(0.5) ? addDays(applicationDate, rng.int(1, 20)) : null,
        companyName: company(),
        jobTitle: rng.pick(JOB_TITLES),
        description: rng.chance(0.4) ? 'Søgt via Jobnet efter opringning til arbejdsgiveren.' : null,
        created: stamp(applicationDate, rng),
      } satisfies StoredJoblog);
    }
    detail.joblog.sort((a, b) => (a.applicationDate < b.applicationDate ? 1 : -1));
  }
  return detail;
}
