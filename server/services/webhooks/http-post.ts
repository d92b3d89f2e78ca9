import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PinnedTarget } from './url-guard';

export type PostResult =
  | { ok: true; statusCode: number; latencyMs: number }
  | { ok: false; statusCode: null; latencyMs: number; error: string };

/** What the receiver answered is not kept: only that much of it is read, then dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs to the pinned address: the custom lookup answers every lookup with the address checked
 * beforehand, while the Host header and TLS name (SNI, certificate check) stay the URL's host.
 * Redirects are not followed (a 3xx is a failed attempt); `timeoutMs` bounds the whole exchange.
 */
export function postPinned(
  target: PinnedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          finish({ ok: true, statusCode: response.statusCode ?? 0, latencyMs: elapsed() });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      finish({
        ok: false,
        statusCode: null,
        latencyMs: elapsed(),
        error: `timed out after ${timeoutMs} ms`,
      });
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        statusCode: null,
        latencyMs: elapsed(),
        error: `connection failed: ${error.code ?? 'error'}`,
      }),
    );
    request.end(body);
  });
}
