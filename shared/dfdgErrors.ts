// Plain Danish for every DFDG error code the client can meet (interfaces.md §1.6, §9.5, §14 and
// docs/wire-contract.md), for the outbox, the IPC errors and the renderer. Pure data and functions.
// `title` says what happened; `advice` says what the caseworker should change or do next.

import type { CommandKind, DfdgErrorInfo } from './domain';

export interface DfdgErrorExplanation {
  title: string;
  advice: string;
}

/** An outbox item's explanation (the shape OutboxItem.explanation carries). */
export interface OutboxExplanation {
  title: string | null;
  advice: string;
}

export interface ExplainContext {
  /** The command the error belongs to (outbox), or 'read' for a lookup. */
  kind?: CommandKind | 'read';
  /** DFDG could not be reached or answered with a transient failure. */
  transient?: boolean;
  httpStatus?: number | null;
}

type Entry = DfdgErrorExplanation;

const E = (title: string, advice: string): Entry => ({ title, advice });

/** Codes DFDG (and the sandbox, where DFDG's code is not published) returns, with Danish text. */
export const DFDG_ERROR_TEXTS: Readonly<Record<number, Entry>> = {
  412: E('DFDG har allerede modtaget præcis denne forespørgsel.', 'Den er ikke sendt igen. Udbakken kontrollerer selv, om registreringen findes i DFDG.'),
  1001: E('DFDG afviste CPR-nummeret som ugyldigt.', 'Kontrollér at CPR-nummeret har 10 cifre og en gyldig dato (DDMMÅÅ-XXXX).'),
  1003: E('Slutdatoen ligger før startdatoen.', 'Ret datoerne, så perioden slutter samme dag eller efter den starter.'),
  1009: E('DFDG har en konfigurationsfejl.', 'Fejlen ligger hos DFDG. Prøv igen senere, og kontakt STAR’s support, hvis den bliver ved.'),
  1010: E('DFDG kender ikke CPR-nummeret.', 'Kontrollér CPR-nummeret. Er borgeren ny, kan det tage lidt tid, før DFDG kender vedkommende.'),
  1012: E('Login til DFDG mislykkedes.', 'Kontrollér organisationens certifikat under Indstillinger.'),
  1013: E('Jeres certifikat har ikke rettighed til denne webservice.', 'Kontakt den, der administrerer jeres adgang til DFDG.'),
  1014: E('DFDG kunne ikke validere forespørgslen (et felt mangler, er for langt eller har forkert form).', 'Kontrollér felterne, især længden af emne, tekst og kommentarer, og send igen.'),
  4317: E('Borgeren har ingen tilmelding, der kan afsluttes.', 'Kontrollér borgerens tilmelding i DFDG.'),
  4322: E('Afmeldingsdatoen er ikke tilladt.', 'Datoen skal være i dag eller højst 30 dage frem (60 ved mindre intensiv indsats).'),
  4404: E('Borgeren findes ikke i DFDG.', 'Kontrollér CPR-nummeret.'),
  4405: E('Borgeren er død.', 'Der kan ikke registreres noget på en afdød borger. Annullér registreringen.'),
  4511: E('Den anden aktør må ikke se oplysninger om borgeren.', 'Kontrollér at borgeren er henvist til jer.'),
  4575: E('Jeres organisation har ikke adgang til borgeren eller til denne handling.', 'Kontrollér at borgeren er medlem af jeres a-kasse (kontaktgruppe 1 eller dimittend) eller tilknyttet jeres jobcenter, og at handlingen er tilladt for jer.'),
  4589: E('DFDG kender ikke det angivne id.', 'Opdatér borgerens oplysninger. Registreringen kan være slettet eller ændret af en anden.'),
  4591: E('Fraværstypen »Uddannelse« må ikke registreres for borgerens kontaktgruppe og personkategori.', 'Vælg en anden fraværstype, eller kontrollér borgerens kontaktgruppe.'),
  4592: E('»Midlertidigt arbejde« under 15 dage må ikke registreres for borgerens kontaktgruppe.', 'Forlæng perioden til mindst 15 dage eller vælg en anden fraværstype.'),
  4593: E('Fraværstype 78 (arbejdsfordeling, COVID-19) kan ikke længere oprettes.', 'Ordningen sluttede 31-03-2022. Vælg en anden fraværstype.'),
  4594: E('Denne fraværstype kan ikke slettes, når fraværet er begyndt.', 'Ret i stedet slutdatoen, eller kontakt STAR’s support, hvis registreringen er forkert.'),
  4595: E('Fraværstypen findes ikke eller gælder ikke på startdatoen.', 'Vælg en fraværstype fra listen, som gælder i perioden.'),
  4645: E('Fraværet passer ikke med borgerens kontaktgruppe.', 'Kontrollér borgerens kontaktgruppe, eller vælg en anden fraværstype.'),
  4654: E('Fraværet passer ikke med borgerens personkategori.', 'Kontrollér borgerens personkategori, eller vælg en anden fraværstype.'),
  4922: E('Du har ikke adgang til borgeren.', 'Gæsteadgang er ikke givet eller er udløbet.'),
  4933: E('Teksten må ikke indeholde HTML-koder.', 'Fjern tegn som <b> eller <br> fra teksten og send igen.'),
  4977: E('Id’et findes allerede i DFDG.', 'Registreringen er sandsynligvis allerede modtaget. Opdatér borgerens oplysninger og kontrollér.'),
  6005: E('Borgeren er ikke tilknyttet jeres jobcenter.', 'Kontrollér borgerens jobcenter. Er borgeren flyttet, hører sagen til det nye jobcenter.'),
  8103: E('Dokumentet findes ikke.', 'Opdatér beskederne. Dokumentet kan være fjernet.'),
  8110: E('Kun en a-kasse kan sende beskedtype 11 »Indstilling om tilbud«.', 'Brug beskedtype 1 »Almen orientering«, når jobcentret svarer.'),
  8111: E('Beskedtype 11 »Indstilling om tilbud« skal sendes på kanal 4 »Myndighed til myndighed«.', 'Vælg kanal 4 og send igen.'),
  8112: E('Beskedtypen kan ikke bruges på denne dato.', 'Vælg en beskedtype, der gælder i dag.'),
  8113: E('Bilaget har en type, DFDG ikke tager imod, eller indholdet passer ikke til typen.', 'Vedhæft kun PDF- eller XML-filer, og kontrollér at filen kan åbnes.'),
  8114: E('Bilaget er for stort.', 'Gør filen mindre (højst 10 MB), fx ved at scanne i lavere opløsning.'),
  8115: E('Den besked, der svares på, findes ikke eller hører til en anden borger.', 'Opdatér beskederne og svar på beskeden igen fra den rigtige tråd.'),
  8116: E('Den besked, der svares på, kan ikke besvares.', 'Send en ny besked i stedet for et svar.'),
  9460: E('Borgeren har fået nyt CPR-nummer.', 'Registreringer skal ske på borgerens aktuelle CPR-nummer. Søg borgeren frem igen.'),
  60018: E('Kontaktpersonen tilhører en anden myndighed.', 'Kun den myndighed, der oprettede kontaktpersonen, kan ændre den.'),
  90000: E('Afholdelsesformen er ugyldig eller udgået.', 'Vælg en afholdelsesform fra listen (fx 8 »Digitalt møde« i stedet for 4 »Digitalt«).'),
  90001: E('Samtaletypen er ugyldig.', 'Vælg en samtaletype fra listen.'),
  90002: E('Mødet kan ikke starte før i dag.', 'Vælg en starttid i dag eller senere.'),
  90003: E('DFDG afviste mødets tidspunkt.', 'Kontrollér start- og sluttidspunkt.'),
  90004: E('Mødets sluttidspunkt ligger før starttidspunktet.', 'Ret sluttidspunktet.'),
  90005: E('Mødegruppetypen er ugyldig.', 'Vælg en gyldig mødegruppetype.'),
  90006: E('Borgeren er ikke medlem af en a-kasse.', 'En a-kassesamtale kan kun bookes for medlemmer.'),
  90007: E('Borgeren er medlem af en anden a-kasse.', 'Kontrollér borgerens medlemskab.'),
  90008: E('DFDG afviste indkaldelsen.', 'Kontrollér oplysningerne og send igen.'),
  90009: E('Der er angivet en ombookingsfrist, selv om ombooking ikke er mulig.', 'Fjern fristen eller tillad ombooking.'),
  90010: E('Ombookingsfristen mangler.', 'Angiv en ombookingsfrist, når ombooking er mulig.'),
  90011: E('DFDG afviste indkaldelsen.', 'Kontrollér oplysningerne og send igen.'),
  90012: E('DFDG afviste indkaldelsen.', 'Kontrollér oplysningerne og send igen.'),
  90013: E('DFDG afviste indkaldelsen.', 'Kontrollér oplysningerne og send igen.'),
  90014: E('Der er angivet en aflysningsfrist, selv om aflysning ikke er mulig.', 'Fjern fristen eller tillad aflysning.'),
  90036: E('Bookingen kendes ikke i DFDG.', 'Opdatér borgerens møder.'),
  99000: E('DFDG kunne ikke validere forespørgslen (et felt mangler, er for langt eller har forkert form).', 'Kontrollér felterne og send igen.'),
};

export const OFFLINE_EXPLANATION: DfdgErrorExplanation = E(
  'DFDG kan ikke nås lige nu.',
  'Intet er gået tabt: registreringen ligger i udbakken og sendes automatisk, når forbindelsen er tilbage.',
);

const UNAVAILABLE = E('DFDG er midlertidigt utilgængelig.', 'Registreringen sendes automatisk igen om lidt. Du behøver ikke gøre noget.');

const TLS_TITLE = 'Den sikre forbindelse til DFDG blev afvist på grund af et certifikat. Intet er sendt til DFDG.';
const TLS_CHECK =
  'Enten er DFDG’s servercertifikat ikke udstedt af det CA-certifikat, der er sat op, eller også har DFDG afvist organisationens certifikat. Kontrollér certifikaterne under Indstillinger → Certifikat.';

/** A command held because the proxy in front of DFDG did not let it through. */
export const PROXY_TITLE = 'Forbindelsen til DFDG går gennem en proxy, som ikke lod den komme igennem. Intet er sendt til DFDG.';

/** The secure connection to DFDG was refused over a certificate (server not trusted, or ours refused): a command waiting in the outbox. */
export const TLS_EXPLANATION: DfdgErrorExplanation = E(TLS_TITLE, `${TLS_CHECK} Registreringen venter i udbakken og sendes automatisk, når forbindelsen virker igen.`);

/** The same refusal answering a request made now (opening a citizen, a search): nothing waits. */
export const TLS_REQUEST_EXPLANATION: DfdgErrorExplanation = E(TLS_TITLE, TLS_CHECK);

/** What to change when DFDG refuses the end or the new dates of an activity (the generic advice speaks of messages). */
const ACTIVITY_CHANGE_ADVICE: Record<number, string> = {
  1014: 'Kontrollér slutdatoen og ophørsårsagen: ophørsårsagen skal findes i DFDG’s kodeliste og gælde på slutdatoen. Ret den, og send igen.',
  4589: 'DFDG kender ikke aktiviteten. Opdatér borgerens Min plan: aktiviteten kan være slettet eller ændret af en anden. Annullér så ændringen.',
};

/** Plain Danish for a DFDG error code (null: no code, e.g. a network failure). Never throws. */
export function explainDfdgError(code: number | null | undefined, ctx: ExplainContext = {}): DfdgErrorExplanation {
  if (typeof code === 'number' && Object.prototype.hasOwnProperty.call(DFDG_ERROR_TEXTS, code)) {
    const e = DFDG_ERROR_TEXTS[code]!;
    if (code === 412 && ctx.kind === 'read') return E(e.title, 'Prøv igen.');
    const activity = ACTIVITY_CHANGE_ADVICE[code];
    if (activity && (ctx.kind === 'activity.end' || ctx.kind === 'activity.update')) return E(e.title, activity);
    return e;
  }
  if (code === null || code === undefined) {
    if (ctx.httpStatus === 503 || ctx.httpStatus === 502 || ctx.httpStatus === 504) return UNAVAILABLE;
    if (ctx.transient !== false) return OFFLINE_EXPLANATION;
    return E('DFDG afviste forespørgslen uden en fejlkode.', 'Prøv igen. Hvis fejlen bliver ved, så kontakt support.');
  }
  return E(
    `DFDG afviste forespørgslen (fejlkode ${code}).`,
    'Kontrollér oplysningerne og prøv igen. Hvis fejlen bliver ved, så kontakt support og oplys fejlkoden.',
  );
}

/** Errors the outbox records itself (service 'local:<reason>'). */
const LOCAL: Record<string, Entry> = {
  quarantined: E('Registreringen kunne ikke læses og er sat til side.', 'Den er ikke sendt. Opret den igen, og annullér denne.'),
  'gave-up': E('Registreringen kunne ikke sendes efter mange forsøg.', 'Tryk »Prøv igen« for at sende den nu, eller annullér den.'),
  'too-old': E('Registreringen er for gammel til at blive sendt automatisk.', 'Kontrollér at den stadig er rigtig, og tryk »Prøv igen«, eller annullér den.'),
  dependency: E('Registreringen venter på en anden, som DFDG afviste.', 'Ret eller annullér den afviste registrering først; så sendes denne bagefter.'),
  'attachment-missing': E('Et bilag findes ikke længere på computeren.', 'Annullér registreringen (beskeden bliver til en kladde igen), vedhæft filen igen og send.'),
  'not-configured': E('DFDG er ikke sat op.', 'Importér organisationens certifikat under Indstillinger.'),
};

/**
 * What an outbox item says under a rejected or failed command: for a rejection what to change, for a
 * failure what happens next; `title` (what DFDG's answer means) is null where the advice says it all
 * (the outbox's own errors). Null when there is nothing to say (queued, sending, sent, cancelled).
 * Main computes it once and carries it on the item (OutboxItem.explanation).
 */
export function outboxExplanation(state: string, error: DfdgErrorInfo | null, kind?: CommandKind): OutboxExplanation | null {
  if (state !== 'failed' && state !== 'rejected') return null;
  if (!error) return state === 'failed' ? { title: null, advice: UNAVAILABLE.advice } : null;
  // Refused on the secure connection (certificate): nothing reached DFDG, it is not "DFDG kan ikke nås".
  if (error.kind === 'tls') return TLS_EXPLANATION;
  // The proxy in front of DFDG stopped the call: its text names the proxy and what to change.
  if (error.kind === 'proxy') return { title: PROXY_TITLE, advice: `${error.text} Registreringen sendes af sig selv, når der er forbindelse igen.` };
  if (error.service.startsWith('local:')) {
    const l = LOCAL[error.service.slice(6)];
    return { title: null, advice: l ? `${l.title} ${l.advice}` : error.text };
  }
  // A failed command is sent again by itself, whatever DFDG said about transience.
  const transient = state === 'failed' ? true : error.transient;
  return explainDfdgError(error.code, { transient, httpStatus: error.httpStatus, ...(kind ? { kind } : {}) });
}
