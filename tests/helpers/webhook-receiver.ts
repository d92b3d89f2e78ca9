import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The signature checked as a receiver would: HMAC with the secret, 5-minute window. */
  signatureValid: boolean;
}

/** How the receiver answers a path: a status, or `hang` to never answer (a timeout). */
export type Behaviour = number | 'hang';

/**
 * A webhook receiver on 127.0.0.1 speaking plain HTTP, as docs/INTEGRATIONS.md §Webhooks tells a
 * receiver to verify: `t=…,v1=…`, HMAC-SHA256 over `t + "." + body`, constant-time compare.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const plans = new Map<string, Behaviour[]>();
  const secrets = new Map<string, string>();
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = secrets.get(path);
      const header = String(req.headers['vigil-signature'] ?? '');
      received.push({
        path,
        headers: req.headers,
        body,
        signatureValid: check(secret, header, body),
      });
      const plan = plans.get(path) ?? [];
      const next = plan.length > 1 ? plan.shift()! : (plan[0] ?? 200);
      if (next === 'hang') return;
      res.writeHead(next, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** Answers in this order; the last answer repeats. */
    plan: (path: string, answers: Behaviour[]) => plans.set(path, [...answers]),
    knowSecret: (path: string, secret: string) => secrets.set(path, secret),
    at: (path: string) => received.filter((r) => r.path === path),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function check(secret: string | undefined, header: string, body: string): boolean {
  if (!secret) return false;
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}
