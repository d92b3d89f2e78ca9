import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/**
 * Local stand-ins for SIEM receivers (docs/INTEGRATIONS.md §SIEM streaming): a syslog listener
 * that reads RFC 6587 octet-counted frames over TCP or TLS, and a Splunk HEC that checks the token
 * and answers as scripted. Both listen on 127.0.0.1 only.
 */
export interface SyslogReceiver {
  port: number;
  messages: string[];
  connections: number;
  close: () => Promise<void>;
}

/** Splits a stream of `LEN SP MSG` frames; throws on anything else. */
export function parseOctetFrames(data: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const len = data.subarray(at, space).toString('ascii');
    if (space < 0 || !/^[1-9]\d*$/.test(len)) throw new Error(`bad frame length at ${at}: ${len}`);
    const start = space + 1;
    const end = start + Number(len);
    if (end > data.length) throw new Error('truncated frame');
    out.push(data.subarray(start, end).toString('utf8'));
    at = end;
  }
  return out;
}

export async function startSyslogReceiver(tlsOptions?: {
  key: string;
  cert: string;
}): Promise<SyslogReceiver> {
  const receiver = { port: 0, messages: [] as string[], connections: 0 } as SyslogReceiver;
  const sockets = new Set<net.Socket>();
  const onSocket = (socket: net.Socket) => {
    receiver.connections += 1;
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('end', () => {
      receiver.messages.push(...parseOctetFrames(Buffer.concat(chunks)));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
  };
  const server = tlsOptions ? tls.createServer(tlsOptions, onSocket) : net.createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as net.AddressInfo).port;
  receiver.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return receiver;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-siem-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A closed port: bound, then released, so a connection is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface HecReceiver {
  url: string;
  /** Events accepted, in order. */
  events: Record<string, unknown>[];
  requests: { status: number; events: number }[];
  /** Statuses to answer next (then 200). */
  script: number[];
  close: () => Promise<void>;
}

export async function startHecReceiver(token: string): Promise<HecReceiver> {
  const receiver = { events: [], requests: [], script: [] } as unknown as HecReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, code: number, text: string, events = 0) => {
        receiver.requests.push({ status, events });
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ text, code }));
      };
      if (req.method !== 'POST' || req.url !== '/services/collector/event')
        return answer(404, 404, 'The requested URL was not found on this server.');
      if (req.headers.authorization !== `Splunk ${token}`) return answer(403, 4, 'Invalid token');
      const body = Buffer.concat(chunks).toString('utf8');
      const events = body.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const scripted = receiver.script.shift();
      if (scripted === 503) return answer(503, 9, 'Server is busy');
      if (scripted === 429) return answer(429, 9, 'Server is busy');
      receiver.events.push(...events);
      answer(200, 0, 'Success', events.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
