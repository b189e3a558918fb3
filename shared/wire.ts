// The text framing of window.dfdg in browser mode (main/web ⇄ preload/web.ts over a WebSocket).
// IPC carries Uint8Array (attachments, documents, certificates); in JSON they travel as
// { $bytes: base64 }. One codec for both ends: each side passes its own base64 functions (Buffer in
// Node, btoa/atob in the page), so shared/ stays free of Node built-ins.

export interface Base64 {
  encode(bytes: Uint8Array): string;
  decode(text: string): Uint8Array;
}

export interface Wire {
  encode(value: unknown): string;
  decode(text: string): unknown;
}

function isBytesMarker(v: unknown): v is { $bytes: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$bytes' && typeof (v as { $bytes: unknown }).$bytes === 'string';
}

export function createWire(base64: Base64): Wire {
  return {
    encode: (value) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: base64.encode(v) } : v)),
    decode: (text) => JSON.parse(text, (_key, v: unknown) => (isBytesMarker(v) ? base64.decode(v.$bytes) : v)),
  };
}

/** Base64 with the web platform's btoa/atob (the page; also present in Node). */
export const webBase64: Base64 = {
  encode(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  },
  decode(text) {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// The bridge protocol: what travels over the socket besides calls and results.

/** The socket's path on the browser-mode server. */
export const BRIDGE_PATH = '/dfdg-bridge';
/** The page's script that installs window.dfdg (a built file, served next to index.html). */
export const BRIDGE_SCRIPT = 'browser-bridge.js';
/** The URL fragment that carries the per-launch key: `#key=<43 base64url characters>` (32 bytes). */
export const KEY_FRAGMENT = /^#key=([A-Za-z0-9_-]{43})$/;

/** Close codes (4000–4999 are the application's own). */
export const CLOSE = {
  /** The key was missing or wrong, or the first frame was not a hello. */
  badKey: 4401,
  /** Another window already holds the one session. */
  busy: 4409,
  /** The same window (a reload, a duplicated tab) opened a new session: this one ends. */
  replaced: 4410,
  /** A frame that is not a call. */
  badFrame: 4400,
  /** The server is shutting down. */
  shutdown: 4503,
} as const;

/** Page → server, first frame on every socket. `tab` is the window's own id (kept across reloads). */
export interface HelloFrame {
  type: 'hello';
  key: string;
  tab: string;
}

/** Server → page control frames (calls are answered with { id, result }, events as { event, payload }). */
export type ControlFrame =
  | { type: 'welcome' }
  | { type: 'refused'; reason: 'key' | 'busy'; message: string }
  | { type: 'closed'; reason: 'replaced' | 'shutdown'; message: string }
  | { type: 'reload' };

/** The Danish texts the page shows when the server ends or refuses its session. */
export const BRIDGE_MESSAGES = {
  key: 'Denne adresse giver ikke adgang til DFDG Desk. Brug adressen, som DFDG Desk viste, da det blev startet, eller start det igen.',
  busy: 'DFDG Desk er allerede åben i et andet vindue eller faneblad. Der kan kun arbejdes i ét ad gangen. Luk det andet vindue, og genindlæs så denne side.',
  replaced: 'DFDG Desk blev åbnet igen i et andet faneblad, så denne side er lukket. Fortsæt i det nye faneblad.',
  shutdown: 'DFDG Desk er lukket. Start det igen for at fortsætte. Det, du har gemt, er ikke gået tabt.',
  lost: 'Forbindelsen til DFDG Desk er afbrudt. Hvis du har lukket programmet, så start det igen. Det, du har gemt, er ikke gået tabt.',
} as const;
