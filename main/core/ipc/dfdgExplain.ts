// Plain Danish for a DFDG error code, for the IPC error the renderer shows.
// The full table is shared/dfdgErrors.ts (written by the core engineer; the renderer uses it too).
// Until it lands, this fallback covers the codes a caseworker meets most often.

export interface DfdgExplanation {
  title: string;
  advice: string;
}

const FALLBACK: Record<number, DfdgExplanation> = {
  412: { title: 'DFDG har allerede modtaget denne forespørgsel.', advice: 'Den er ikke sendt igen. Opdatér borgerens oplysninger for at se resultatet.' },
  1001: { title: 'DFDG afviste CPR-nummeret.', advice: 'Kontrollér CPR-nummeret, og prøv igen.' },
  1003: { title: 'Slutdatoen ligger før startdatoen.', advice: 'Ret datoerne, og prøv igen.' },
  1010: { title: 'DFDG kender ikke borgeren.', advice: 'Kontrollér CPR-nummeret.' },
  1014: { title: 'DFDG afviste oplysningerne i forespørgslen.', advice: 'Kontrollér felterne, og prøv igen.' },
  4405: { title: 'Borgeren er død.', advice: 'Der kan ikke registreres noget på en afdød borger.' },
  4575: { title: 'Din organisation har ikke adgang til denne borger eller denne handling i DFDG.', advice: 'Kontrollér, at borgeren hører til jeres organisation.' },
  6005: { title: 'Borgeren er ikke tilknyttet jeres jobcenter.', advice: 'Kontrollér borgerens jobcenter.' },
  99000: { title: 'DFDG afviste oplysningerne i forespørgslen.', advice: 'Kontrollér felterne, og prøv igen.' },
};

export function explainDfdgError(code: number | null): DfdgExplanation {
  if (code !== null && FALLBACK[code]) return FALLBACK[code];
  return {
    title: code === null ? 'DFDG afviste forespørgslen.' : `DFDG afviste forespørgslen (fejlkode ${code}).`,
    advice: 'Kontrollér oplysningerne, og prøv igen. Hvis fejlen bliver ved, så kontakt support og oplys fejlkoden.',
  };
}
