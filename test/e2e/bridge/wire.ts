// JSON framing for the e2e test bridge. IPC carries Uint8Array (attachments, documents, certificates);
// over the WebSocket they travel as { $bytes: base64 }. Only for tests; never shipped.

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    return v;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '$bytes' && typeof o.$bytes === 'string') {
        return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
      }
    }
    return v;
  });
}
