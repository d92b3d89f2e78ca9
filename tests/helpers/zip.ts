import fs from 'node:fs';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';

/** Every file of a (small, test-sized) ZIP in memory, in order. */
export function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Writes files (in the given order) as a new ZIP, for tampering tests. */
export function writeZip(path: string, files: Map<string, Buffer>): Promise<void> {
  const zip = new ZipFile();
  for (const [name, buf] of files) zip.addBuffer(buf, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(path);
    zip.outputStream
      .pipe(out)
      .on('finish', () => resolve())
      .on('error', reject);
  });
}

/** Parses a CSV the package writer produced (RFC 4180, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}
