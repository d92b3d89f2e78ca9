import type { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidencePopulation } from './population';

/**
 * Where each CSV's spreadsheet-safe copy goes: the same rows with formula-leading cells
 * neutralised, while the CSV at the original path stays verbatim (docs/EVIDENCE.md §Verbatim and
 * spreadsheet copies).
 */
export const SPREADSHEET_DIR = 'spreadsheet';

/**
 * A population's spreadsheet-safe copy, spooled to a temporary file while the verbatim CSV
 * streams (the ZIP takes one entry at a time), so both hold exactly the same rows.
 */
export interface SpreadsheetCopy {
  population: EvidencePopulation;
  section: string;
  file: string;
  out: fs.WriteStream;
  rows: number;
}

export function openCopy(
  dir: string,
  population: EvidencePopulation,
  section: string,
): SpreadsheetCopy {
  const file = path.join(dir, population.path.replace(/\//g, '__'));
  return { population, section, file, out: fs.createWriteStream(file), rows: 0 };
}

export async function writeCopy(copy: SpreadsheetCopy, text: string): Promise<void> {
  if (!copy.out.write(text, 'utf8')) await once(copy.out, 'drain');
}

export async function* hashedFile(
  file: string,
  tally: { hash: ReturnType<typeof createHash>; bytes: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of fs.createReadStream(file)) {
    const b = chunk as Buffer;
    tally.hash.update(b);
    tally.bytes += b.length;
    yield b;
  }
}
