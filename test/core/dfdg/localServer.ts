// A tiny HTTPS server for transport tests: 127.0.0.1, port 0, mutual TLS with a test CA.
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pair } from './testCerts';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface LocalServer {
  url: string;
  port: number;
  requests: Recorded[];
  /** TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

export async function startHttpsServer(opts: { caPem: string; server: Pair; requestCert?: boolean }, handler: Handler): Promise<LocalServer> {
  const requests: Recorded[] = [];
  let connections = 0;
  const server = https.createServer(
    { ca: opts.caPem, cert: opts.server.certPem, key: opts.server.keyPem, requestCert: opts.requestCert ?? true, rejectUnauthorized: opts.requestCert ?? true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(rec);
        void handler(rec, res, req);
      });
    },
  );
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A TCP server that accepts and then does what `onSocket` says (destroy at once, never speak, ...). */
export async function startTcpServer(onSocket: (s: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * An HTTP CONNECT proxy that records the targets it is asked for and tunnels to them, or, with
 * `refuse`, answers every CONNECT with that status (a proxy that says no).
 */
export async function startConnectProxy(opts: { refuse?: number } = {}): Promise<{ url: string; port: number; targets: string[]; close: () => Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.once('data', (head: Buffer) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? '';
      const m = /^CONNECT ([^ ]+) HTTP\/1\.[01]$/.exec(line);
      if (!m) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      targets.push(m[1]!);
      if (opts.refuse) {
        client.end(`HTTP/1.1 ${opts.refuse} Nej\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      const [host, port] = m[1]!.split(':');
      const upstream = net.connect({ host, port: Number(port) }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    targets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
