import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { connectorUrlRefusal } from '@/server/domain/connectors/http';
import { UserFacingError } from '@/server/services/shared/errors';
import { privateTargetsAllowed, resolvePinnedHost } from '@/server/services/shared/pinned-host';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** A page of a provider's API is held in memory once: bigger is refused, not streamed. */
const MAX_BODY_BYTES = 32 * 1024 ** 2;

/** A failure to get an answer at all (refused, reset, timed out): worth another try. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/**
 * GETs a provider's URL under the outbound policy: the URL's own rules, then its host resolved
 * once and pinned (services/shared/pinned-host.ts), so a second lookup cannot move the request
 * to a private address. Redirects are not followed (a provider's API answers in place).
 */
export async function getPinned(
  raw: string,
  headers: Record<string, string>,
  timeoutMs = 30_000,
): Promise<HttpAnswer> {
  const url = new URL(raw);
  const allowPrivate = privateTargetsAllowed();
  const refusal = connectorUrlRefusal(url, allowPrivate);
  if (refusal) throw new UserFacingError('BAD_REQUEST', refusal);
  const target = await resolvePinnedHost(
    url.hostname.replace(/^\[|\]$/g, ''),
    'connector requests',
    allowPrivate,
  );
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = client.request(
      url,
      { method: 'GET', headers, lookup: pinned, agent: false, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_BODY_BYTES) {
            response.destroy();
            reject(new Error(`The answer is larger than ${MAX_BODY_BYTES / 1024 ** 2} MB.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([k, v]) => [
                k,
                Array.isArray(v) ? v.join(', ') : v,
              ]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', (e) => reject(new NetworkError(`connection failed: ${e.message}`)));
      },
    );
    request.on('timeout', () => {
      request.destroy();
      reject(new NetworkError(`timed out after ${timeoutMs} ms`));
    });
    request.on('error', (e: NodeJS.ErrnoException) =>
      reject(new NetworkError(`connection failed: ${e.code ?? e.message}`)),
    );
    request.end();
  });
}
