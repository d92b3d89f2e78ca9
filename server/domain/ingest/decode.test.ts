import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { IngestFileError } from './errors';

async function text(
  input: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  maxBytes?: number,
) {
  let out = '';
  for await (const chunk of decodeText(input, { maxBytes })) out += chunk;
  return out;
}

const bytes = (s: string) => Buffer.from(s, 'utf8');
const halfOf = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

describe('decodeText', () => {
  it('passes UTF-8 through, split anywhere (even inside a character), BOM dropped', async () => {
    const source = bytes('\uFEFF{"city":"Zürich ✓"}');
    const oneByteChunks = [...source].map((b) => Uint8Array.of(b));
    expect(await text(oneByteChunks)).toBe('{"city":"Zürich ✓"}');
    expect(await text(Readable.from([source]))).toBe('{"city":"Zürich ✓"}');
    expect(await text(['\uFEFFabc'])).toBe('abc');
  });

  it('detects gzip by its magic bytes, also across tiny chunks and concatenated members', async () => {
    const gz = Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"a":2}\n')]);
    expect(await text([...gz].map((b) => Uint8Array.of(b)))).toBe('{"a":1}\n{"a":2}\n');
  });

  it.each([
    [
      'truncated gzip',
      halfOf(gzipSync(Array.from({ length: 500 }, (_, i) => `{"n":${i * 7919}}`).join('\n'))),
      /gzip data is damaged or truncated/,
    ],
    [
      'corrupt gzip',
      Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(40, 7)]),
      /gzip data is damaged/,
    ],
    ['UTF-16', Buffer.from('\uFEFF{"a":1}', 'utf16le'), /UTF-16/],
    ['a ZIP archive', Buffer.from('PK\u0003\u0004rest'), /ZIP archive/],
  ])('refuses %s as one file error', async (_, input, message) => {
    await expect(text([input])).rejects.toThrow(message);
    await expect(text([input])).rejects.toBeInstanceOf(IngestFileError);
  });

  it('stops a zip bomb at the decompressed size limit', async () => {
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(text([bomb], 1024 * 1024)).rejects.toThrow(/larger than 1 MiB once decompressed/);
    await expect(text(['x'.repeat(2000)], 1000)).rejects.toThrow(/larger than/);
  });
});
