// The sandbox's own code lists ("den gode kodeliste": Kode, Navn, Beskrivelse, start inclusive,
// end exclusive). Facts from interfaces.md §2.5, §3.4, §6 and the seeds; every list or value
// the docs do not give is ASSUMED (marked per list below). Kept in sandbox/ on purpose: the
// sandbox stands for DFDG and does not read the client's code lists.

export interface CodeItem {
  kode: number;
  navn: string;
  beskrivelse?: string;
  startdato: string;
  slutdato: string;
}

const FAR = '2100-07-01';

function items(rows: [number, string, string?, string?, string?][], defaultStart: string): CodeItem[] {
  return rows.map(([kode, navn, startdato, slutdato, beskrivelse]) => ({
    kode,
    navn,
    startdato: startdato ?? defaultStart,
    slutdato: slutdato ?? FAR,
    ...(beskrivelse ? { beskrivelse } : {}),
  }));
}

export const CODE_LISTS: Record<string, CodeItem[]> = {
  // Seed 000, table under AC 999.11.1.
  CitizenMessageContextTypeIdentifier: items(
    [
      [1, 'Almen orientering', '2014-11-01'],
      [2, 'Udkast til min plan', '2014-11-01', undefined, 'A-kasser sender ikke længere udkast til min plan fra 01-01-2024.'],
      [3, 'Jobformidling', '2014-11-01'],
      [4, 'Invitation til arrangement', '2014-11-01'],
      [5, 'Arbejdsgiver', '2015-06-01'],
      [6, 'Kampagne', '2015-06-01'],
      [7, 'Supportbesked', '2015-06-01'],
      [8, 'Tilmelding kvittering', '2015-06-01'],
      [9, 'Uddannelsesplan trin 4', '2015-06-01'],
      [10, 'Afgørelse og vejledningsinformation', '2019-03-01'],
      [11, 'Indstilling om tilbud', '2023-07-01', undefined, 'A-kassens indstilling til jobcentret om tilbud. Kun a-kasser, kun kanal 4.'],
    ],
    '2014-11-01',
  ),
  // ASSUMED ids 1-3 (only 4 is documented).
  CitizenMessageChannelTypeIdentifier: items(
    [
      [1, 'Mail'],
      [2, 'SMS'],
      [3, 'Jobnet-notifikation'],
      [4, 'Myndighed til myndighed'],
    ],
    '2014-11-01',
  ),
  // interfaces.md §3.4; start dates ASSUMED except 78/79 (seed 001, seed 004).
  AbsenceTypeIdentifier: items(
    [
      [1, 'Uddannelse'],
      [2, 'Midlertidigt arbejde'],
      [3, 'Borgerligt ombud'],
      [4, 'Barsel (max 14 dage): fædreorlov/medmødreorlov'],
      [6, 'Under 18 og uden forældre med forsørgelsespligt'],
      [7, 'Kan ikke få førtidspension eller folkepension'],
      [8, 'Barsel: graviditets-, barsels- og forældreorlov'],
      [9, 'Friperiode'],
      [10, 'Ferie med feriepenge, feriedagpenge m.v.'],
      [11, 'Sygdom – sygemelding'],
      [23, 'Jobrettet uddannelse (deltid)'],
      [24, 'Jobrettet uddannelse (fuldtid)'],
      [43, 'På vej på efterløn/fleksydelse (inden for 6 uger)'],
      [44, 'På vej på pension (inden for 6 uger)'],
      [45, 'På vej i job (inden for 6 uger)'],
      [46, 'Barsel inden for 6 uger'],
      [56, 'Fritaget for pligt til selvbook'],
      [57, 'Frataget ret til selvbook'],
      [65, 'Uden for institutionens åbningstid – manglende pasningsmulighed'],
      [66, 'Inden for institutionens åbningstid – manglende pasningsmulighed'],
      [70, 'Tilladelse efter repatrieringslovens § 6'],
      [71, 'Arbejdsfordeling op til 6 uger'],
      [72, 'Arbejdsfordeling over 6 uger'],
      [73, 'Vejrlig eller materialemangel'],
      [75, 'Kontaktforløb er hos a-kassen'],
      [77, 'På vej på erhvervsuddannelse eller anden erhvervsrettet uddannelse (inden for 6 uger)', '2021-03-15'],
      [78, 'Arbejdsfordeling – ny midlertidig ordning. COVID 19', '2020-03-16', '2022-09-19', 'Kan ikke oprettes fra release 2022-3 (19-09-2022).'],
      [79, 'Sorgorlov', '2021-03-15', undefined, 'Registreres af jobcentret; på borgere i kontaktgruppe 1 fra 19-09-2022 (release 2022-3).'],
    ],
    '2010-01-01',
  ),
  // Seed 001 / interfaces.md §6; end of 6 and 7 ASSUMED.
  InterviewContactTypeIdentifier: items(
    [
      [1, 'Personlig kontakt'],
      [2, 'Telefon'],
      [3, 'Brev'],
      [4, 'Digitalt', undefined, '2022-09-19'],
      [5, 'Andet', undefined, '2022-09-19'],
      [6, 'Møde direkte på arbejde', undefined, '2019-01-01'],
      [7, 'Teknisk registrering', undefined, '2019-01-01'],
      [8, 'Digitalt møde', '2022-09-19', undefined, 'Kræver et link til det digitale møde.'],
      [9, 'Ingen direkte borgerkontakt', '2022-09-19'],
    ],
    '2010-01-01',
  ),
  // interfaces.md §6 (S39, S35).
  InterviewTypeIdentifier: items(
    [
      [4, 'Opfølgningssamtale'],
      [7, 'Jobsamtale'],
      [8, 'Henvisning'],
      [9, 'Informationsmøde'],
      [10, 'CV samtale'],
      [11, 'Formidlingssamtale'],
      [12, 'Anden samtale'],
      [13, 'Informationsmøde uden mødepligt'],
      [15, 'Rådighedssamtale'],
      [17, 'Jobsamtale med a-kasse'],
    ],
    '2010-01-01',
  ),
  // 14 and 15 with their names and descriptions from seed 001 §3.1 (VITAS only); 1-4 ASSUMED (the
  // caseworker reasons are not published: the client bundles none and takes them from this list).
  ActivityEndReasonTypeIdentifier: items(
    [
      [1, 'Borger er kommet i job'],
      [2, 'Borger er syg'],
      [3, 'Borger er udeblevet'],
      [4, 'Aktiviteten er afbrudt'],
      [14, 'Bevilling ikke godkendt', '2022-09-19', undefined, 'Virksomhed, jobcenter eller borger har ikke godkendt bevillingen eller har trukket bevillingen tilbage'],
      [15, 'Aktivitetsperioden afsluttet ordinært', '2022-09-19', undefined, 'Bevillingen er lukket efter ordinært udløb'],
    ],
    '2010-01-01',
  ),
  // ASSUMED ids and names.
  ActivationTypeIdentifier: items(
    [
      [1, 'Vejledning og opkvalificering'],
      [2, 'Virksomhedspraktik'],
      [3, 'Løntilskud – privat arbejdsgiver'],
      [4, 'Løntilskud – offentlig arbejdsgiver'],
      [5, 'Nytteindsats'],
      [6, 'Mentorstøtte'],
    ],
    '2010-01-01',
  ),
  // KG1 and KG7 documented; the names of 2 and 8 ASSUMED.
  ContactGroupTypeIdentifier: items(
    [
      [1, 'Dagpengemodtager'],
      [2, 'Jobparat kontanthjælpsmodtager'],
      [7, 'Fleksjobvisiteret (ledig)'],
      [8, 'Øvrige ledige, herunder dimittender'],
    ],
    '2010-01-01',
  ),
};

export function codeItem(list: string, kode: number): CodeItem | undefined {
  return CODE_LISTS[list]?.find((i) => i.kode === kode);
}

/** Start inclusive, end exclusive. */
export function validOn(item: CodeItem, date: string): boolean {
  return item.startdato <= date && date < item.slutdato;
}
