import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readZip } from '../../helpers/zip';
import { fail, pass, type Probe } from '../probe';

const FORMULA = /^[\s]*[=+\-@\t\r]/;

/** One valid Okta event, then eleven million newlines: 11 MB that gzip to about 11 KB. */
function newlineBomb(): Buffer {
  const event = JSON.stringify({
    uuid: 'probe-bomb-1',
    published: new Date().toISOString(),
    eventType: 'user.session.start',
    actor: { alternateId: 'probe-bomb@acme.test', type: 'User' },
    outcome: { result: 'SUCCESS' },
  });
  return gzipSync(Buffer.concat([Buffer.from(`${event}\n`), Buffer.alloc(11_000_000, 0x0a)]));
}

/** Cells of a CSV line, quotes removed (enough to see what a cell starts with). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

/** docs/SECURITY.md §F1 and §F3, probed from outside. */
export const ingestAndEvidenceProbes: Probe[] = [
  {
    id: 'ingest.newline-bomb',
    finding: 'F1',
    title: 'A gzip body of millions of newlines is refused fast while other requests stay fast',
    async run(ctx) {
      const created = await ctx.admin.mutate('apiKeys.create', {
        name: `probe ingest ${Date.now().toString(36)}`,
        scopes: ['ingest'],
        expiresInDays: 1,
      });
      const key = (created.data as { key?: string } | undefined)?.key;
      if (!key) return fail(`could not create an ingest key: ${created.status}`, 1);
      const started = performance.now();
      const bomb = ctx.anonymous().fetch('/api/v1/ingest/okta', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/x-ndjson',
          'content-encoding': 'gzip',
        },
        body: new Uint8Array(newlineBomb()),
      });
      // While the bomb is parsed, a page must still answer.
      const sideStarted = performance.now();
      await (await ctx.anonymous().fetch('/sign-in')).arrayBuffer();
      const sideMs = performance.now() - sideStarted;
      const response = await bomb;
      const body = await response.text();
      const ms = performance.now() - started;
      const detail = `${response.status} in ${(ms / 1000).toFixed(1)} s; a page meanwhile in ${Math.round(sideMs)} ms`;
      const ok = response.status === 413 && ms < 30_000 && sideMs < 5_000;
      return ok ? pass(detail, 3) : fail(`${detail}: ${body.slice(0, 120)}`, 3);
    },
  },
  {
    id: 'evidence.spreadsheet-copies',
    finding: 'F3',
    title: "An evidence package's spreadsheet copies hold no formula-leading cell",
    async run(ctx) {
      const list = await ctx.auditor.query('evidence.list');
      const rows = (
        Array.isArray(list.data)
          ? list.data
          : Object.values((list.data ?? {}) as object).find(Array.isArray)
      ) as { id: string; status: string }[] | undefined;
      const ready = rows?.find((p) => p.status === 'ready');
      if (!ready) return fail('no ready evidence package in the demo data', 1);
      const response = await ctx.auditor.fetch(`/api/evidence/${ready.id}/download`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'probe-')), 'package.zip');
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const files = await readZip(file);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      const copies = [...files.keys()].filter((n) => /(^|\/)spreadsheet\/.+\.csv$/.test(n));
      if (copies.length === 0) return fail('the package has no spreadsheet copies', 2);
      for (const name of copies) {
        const lines = files.get(name)!.toString('utf8').split(/\r?\n/);
        for (const line of lines)
          for (const cell of cellsOf(line))
            if (FORMULA.test(cell) && !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell))
              return fail(`${name}: a cell starts like a formula: ${cell.slice(0, 40)}`, 2);
      }
      return pass(`${copies.length} spreadsheet copies, no formula-leading cell`, 2);
    },
  },
];
