import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IngestFileError, IngestTooLargeError } from '@/server/domain/ingest/errors';
import { bearerToken } from './http';
import { describeBytes, meterBody } from './request-body';

function streamOf(chunks: Uint8Array[], failAtEnd = false): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else if (failAtEnd) controller.error(new Error('socket hang up'));
      else controller.close();
    },
  });
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of body) out.push(...chunk);
  return out;
}

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('meterBody', () => {
  it('passes every byte through, in order, and stops just past the limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 300 }),
        async (chunks, maxBytes) => {
          const total = chunks.reduce((n, c) => n + c.length, 0);
          const body = meterBody(streamOf(chunks), { maxBytes, expectGzip: false });
          if (total <= maxBytes) {
            expect(await drain(body.chunks)).toEqual(chunks.flatMap((c) => [...c]));
            expect(body.exceeded).toBe(false);
          } else {
            await expect(drain(body.chunks)).rejects.toBeInstanceOf(IngestTooLargeError);
            expect(body.exceeded).toBe(true);
          }
        },
      ),
    );
  });

  it('does not read on once over the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const body = meterBody(endless, { maxBytes: 10 * 1024, expectGzip: false });
    await expect(drain(body.chunks)).rejects.toThrow(/larger than 10 KiB/);
    expect(pulled).toBeLessThan(20);
  });

  it('checks the gzip magic bytes when the client declared gzip, even split across chunks', async () => {
    const gz = meterBody(streamOf([bytes(0x1f), bytes(0x8b, 8), bytes(0)]), {
      maxBytes: 100,
      expectGzip: true,
    });
    expect(await drain(gz.chunks)).toEqual([0x1f, 0x8b, 8, 0]);
    for (const chunks of [[bytes(0x7b, 0x7d)], [bytes(0x1f)], [bytes(0x1f), bytes(0x00)]]) {
      const plain = meterBody(streamOf(chunks), { maxBytes: 100, expectGzip: true });
      await expect(drain(plain.chunks)).rejects.toThrow(/Content-Encoding: gzip.*not gzip/);
    }
    const empty = meterBody(streamOf([]), { maxBytes: 100, expectGzip: true });
    expect(await drain(empty.chunks)).toEqual([]);
  });

  it('turns a body cut off by the client into a file error', async () => {
    const body = meterBody(streamOf([bytes(1, 2)], true), { maxBytes: 100, expectGzip: false });
    const error = await drain(body.chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as Error).message).toMatch(/ended before it was complete/);
  });

  it('describes limits in units people use', () => {
    expect(describeBytes(100 * 1024 ** 2)).toBe('100 MiB');
    expect(describeBytes(1024 ** 3)).toBe('1 GiB');
    expect(describeBytes(64 * 1024)).toBe('64 KiB');
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer authorization, and nothing else', () => {
    const h = (value?: string) => new Headers(value === undefined ? {} : { authorization: value });
    expect(bearerToken(h('Bearer vgl_abc_def'))).toBe('vgl_abc_def');
    expect(bearerToken(h('bearer   vgl_abc_def '))).toBe('vgl_abc_def');
    expect(bearerToken(h('Basic dXNlcjpwYXNz'))).toBeNull();
    expect(bearerToken(h('Bearer'))).toBeNull();
    expect(bearerToken(h('Bearer a b'))).toBeNull();
    expect(bearerToken(h())).toBeNull();
  });
});
