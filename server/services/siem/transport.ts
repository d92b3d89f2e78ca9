import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { hecBody, hecEndpoint, hecOutcome } from '@/server/domain/siem/hec';
import type { HecConfig, SyslogConfig } from '@/server/domain/siem/inputs';
import type { SiemRecord } from '@/server/domain/siem/records';
import { octetFrame, syslogMessage } from '@/server/domain/siem/syslog';
import { UserFacingError } from '@/server/services/shared/errors';
import { resolvePinnedHost, type PinnedAddress } from '@/server/services/shared/pinned-host';

/**
 * Sends one batch to one destination and resolves only once the receiver accepted it
 * (docs/INTEGRATIONS.md §SIEM streaming). Syslog over TCP has no application-level answer: a
 * batch is accepted when every frame was written and the connection closed cleanly. HEC answers
 * each request, and only code 0 counts.
 */
export type SiemTarget =
  { kind: 'syslog'; syslog: SyslogConfig } | { kind: 'splunk_hec'; hec: HecConfig; token: string };

export class SiemDeliveryError extends Error {
  constructor(
    message: string,
    /** The receiver said it is busy (HEC 503/429/code 9): back off, nothing is wrong with the data. */
    readonly busy = false,
  ) {
    super(message);
    this.name = 'SiemDeliveryError';
  }
}

const TIMEOUT_MS = 10_000;

/**
 * The destination's host resolved once and checked like a webhook's (docs/INTEGRATIONS.md
 * §SIEM streaming): a tenant cannot point Vigil at its own machine or private network.
 */
async function pinned(host: string): Promise<PinnedAddress> {
  try {
    return await resolvePinnedHost(host, 'SIEM records');
  } catch (error) {
    if (error instanceof UserFacingError) throw new SiemDeliveryError(error.message);
    throw error;
  }
}

export async function deliverBatch(
  target: SiemTarget,
  records: readonly SiemRecord[],
  hostname: string,
): Promise<void> {
  if (records.length === 0) return;
  if (target.kind === 'syslog') {
    const c = target.syslog;
    const payload = records
      .map((r) =>
        octetFrame(
          syslogMessage(r, {
            facility: c.facility,
            hostname,
            appName: c.appName,
            format: c.format,
          }),
        ),
      )
      .join('');
    return sendSyslog(c, await pinned(c.host), payload);
  }
  const body = hecBody(records, {
    host: hostname,
    index: target.hec.index,
    sourcetype: target.hec.sourcetype,
  });
  return sendHec(target.hec, target.token, await pinned(new URL(target.hec.url).hostname), body);
}

function sendSyslog(c: SyslogConfig, to: PinnedAddress, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new SiemDeliveryError(message));
    };
    // The TLS name (SNI, certificate check) stays the configured host.
    const isIp = net.isIP(c.host) !== 0;
    const socket =
      c.transport === 'tls'
        ? tls.connect({
            host: to.address,
            port: c.port,
            ...(c.caPem ? { ca: c.caPem } : {}),
            ...(isIp ? {} : { servername: c.host }),
          })
        : net.connect({ host: to.address, port: c.port });
    socket.setTimeout(TIMEOUT_MS, () => fail(`syslog ${c.host}:${c.port} timed out`));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      fail(`syslog ${c.host}:${c.port}: ${error.code ?? error.message}`),
    );
    socket.once(c.transport === 'tls' ? 'secureConnect' : 'connect', () => {
      socket.end(payload, () => {
        // Every byte was handed to the connection; wait for the receiver to close its side.
      });
    });
    socket.on('close', (hadError) => {
      if (settled) return;
      if (hadError) return fail(`syslog ${c.host}:${c.port}: connection failed`);
      settled = true;
      resolve();
    });
    // The receiver may keep its side open: a clean 'finish' of ours suffices after a short grace.
    socket.on('finish', () => {
      setTimeout(() => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve();
      }, 200).unref();
    });
  });
}

function sendHec(c: HecConfig, token: string, to: PinnedAddress, body: string): Promise<void> {
  const url = new URL(hecEndpoint(c.url));
  // Every lookup answers with the checked address; Host and the TLS name stay the URL's host.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: to.address, family: to.family }]);
    else callback(null, to.address, to.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          Authorization: `Splunk ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
        timeout: TIMEOUT_MS,
        lookup,
        agent: false,
        ...(url.protocol === 'https:' ? { rejectUnauthorized: c.verifyTls } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (chunks.length < 64) chunks.push(chunk);
        });
        res.on('end', () => {
          const outcome = hecOutcome(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
          if (outcome.ok) resolve();
          else reject(new SiemDeliveryError(outcome.error, outcome.busy));
        });
        res.on('error', (e) => reject(new SiemDeliveryError(`Splunk HEC: ${e.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(new SiemDeliveryError(`Splunk HEC ${url.host}: ${e.code ?? e.message}`)),
    );
    req.end(body);
  });
}
