import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/taxii2/[[...path]]/route';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { parsePattern } from '@/server/domain/indicators/patterns';
import { userActor } from '@/server/services/audit/log';
import { createApiKey } from '@/server/services/auth/api-keys';
import { runImport } from '@/server/services/import/run';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { stixBundleErrors } from '../helpers/stix-schemas';

// The TAXII 2.1 flow as the specification's examples walk it: discovery → API root →
// collections → one collection → objects (paged with limit/next, then added_after) → manifest,
// and the media-type refusals (docs/IMPOSTORS.md §TAXII 2.1 server).

const TAXII = 'application/taxii+json;version=2.1';
let teardown: () => Promise<void>;
let alpha: TestOrg;
let bravo: TestOrg;
let taxiiKey: string;
let readKey: string;
let bravoKey: string;

const get = (url: string, key: string | null = taxiiKey, accept: string | null = TAXII) => {
  const u = new URL(url, 'http://vigil.test');
  const path = u.pathname
    .replace(/^\/(api\/)?taxii2\/?/, '')
    .split('/')
    .filter(Boolean);
  return GET(
    new Request(u, {
      headers: {
        ...(accept ? { accept } : {}),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
    }),
    { params: Promise.resolve({ path }) },
  );
};
const body = async (r: Response) => JSON.parse(await r.text()) as Record<string, unknown>;

async function keyFor(o: TestOrg, scopes: ('taxii' | 'read')[]) {
  return (
    await createApiKey(
      actorFor(o, 'admin'),
      createApiKeySchema.parse({ name: `${o.slug} ${scopes.join()}`, scopes }),
    )
  ).key;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  alpha = await createTestOrg('taxii-alpha', { pseudonymize: false });
  bravo = await createTestOrg('taxii-bravo', { pseudonymize: false });
  const csv = [
    'name,emails,phones,source',
    ...['Ana', 'Ben', 'Cy', 'Dee', 'Eli'].map(
      (n, i) => `${n} Impostor,${n.toLowerCase()}@mail.example,+1 415 555 010${i},public list`,
    ),
  ].join('\n');
  const compliance = actorFor(alpha, 'compliance');
  await runImport({ ...compliance, audit: userActor(compliance) }, 'watchlist', csv, {
    dryRun: false,
  });
  // Spread the entries over distinct days so added_after has something to cut.
  await rawRows(sql`
    update watchlist_entries
    set created_at = timestamptz '2026-03-01T00:00:00Z' + (ascii(name) - 65) * interval '1 day',
        updated_at = timestamptz '2026-03-01T00:00:00Z' + (ascii(name) - 65) * interval '1 day'
    where org_id = ${alpha.id}`);
  await rawRows(sql`
    update organizations set created_at = timestamptz '2026-02-01T00:00:00Z' where id = ${alpha.id}`);
  const bCompliance = actorFor(bravo, 'compliance');
  await runImport(
    { ...bCompliance, audit: userActor(bCompliance) },
    'watchlist',
    'name,emails,source\nBravo Secret,secret@bravo-only.example,bravo list\n',
    { dryRun: false },
  );
  taxiiKey = await keyFor(alpha, ['taxii']);
  readKey = await keyFor(alpha, ['read']);
  bravoKey = await keyFor(bravo, ['taxii']);
});
afterAll(() => teardown());

describe('TAXII 2.1 server', () => {
  it('walks discovery → API root → collections → collection', async () => {
    const discovery = await get('/taxii2/');
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get('content-type')).toBe(TAXII);
    const d = await body(discovery);
    expect(d).toMatchObject({ title: expect.any(String), default: expect.any(String) });
    const root = (d.api_roots as string[])[0]!;
    expect(root).toMatch(/\/taxii2\/vigil\/$/);

    const r = await body(await get(root));
    expect(r).toMatchObject({ versions: [TAXII], max_content_length: 0 });

    const cs = await body(await get(`${root}collections/`));
    const collections = cs.collections as Record<string, unknown>[];
    expect(collections).toHaveLength(1);
    expect(collections[0]).toMatchObject({
      can_read: true,
      can_write: false,
      media_types: ['application/stix+json;version=2.1'],
    });
    const one = await body(await get(`${root}collections/${String(collections[0]!.id)}/`));
    expect(one).toEqual(collections[0]);
    expect((await get(`${root}collections/00000000-0000-4000-8000-000000000000/`)).status).toBe(
      404,
    );
  });

  it('pages objects with limit and next, then polls with added_after', async () => {
    const cs = await body(await get('/taxii2/vigil/collections/'));
    const objectsUrl = `/taxii2/vigil/collections/${String((cs.collections as { id: string }[])[0]!.id)}/objects/`;
    const seen: Record<string, unknown>[] = [];
    let next: string | undefined;
    let pages = 0;
    let lastAdded = '';
    for (;;) {
      const res = await get(`${objectsUrl}?limit=2${next ? `&next=${next}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(TAXII);
      const page = await body(res);
      const objs = page.objects as Record<string, unknown>[];
      expect(objs.length).toBeLessThanOrEqual(2);
      expect(res.headers.get('X-TAXII-Date-Added-First')).toMatch(/^\d{4}-.*Z$/);
      lastAdded = res.headers.get('X-TAXII-Date-Added-Last')!;
      seen.push(...objs);
      pages += 1;
      if (!page.more) {
        expect(page).not.toHaveProperty('next');
        break;
      }
      next = page.next as string;
    }
    // The producer identity and five indicators, in three pages, each once.
    expect(pages).toBe(3);
    expect(seen.map((o) => o.type)).toEqual(['identity', ...Array(5).fill('indicator')]);
    expect(new Set(seen.map((o) => o.id)).size).toBe(6);
    // New organizations share hashed: no raw identifier leaves.
    const text = JSON.stringify(seen);
    expect(text).not.toContain('ana@mail.example');
    for (const o of seen.filter((x) => x.type === 'indicator'))
      expect(parsePattern(String(o.pattern)).ok).toBe(true);
    expect(
      stixBundleErrors({
        type: 'bundle',
        id: 'bundle--6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        objects: seen,
      }),
    ).toEqual([]);

    // Polling with the last date seen returns nothing new…
    const none = await body(await get(`${objectsUrl}?added_after=${lastAdded}`));
    expect(none).toEqual({ more: false });
    // …and from the third day on, the entries added after it.
    const later = await get(`${objectsUrl}?added_after=2026-03-03T00:00:00.000Z`);
    const laterObjs = (await body(later)).objects as { name: string }[];
    expect(laterObjs).toHaveLength(2);
    expect(later.headers.get('X-TAXII-Date-Added-First')).toBe('2026-03-04T00:00:00.000Z');

    const manifest = await body(await get(objectsUrl.replace('objects/', 'manifest/')));
    expect((manifest.objects as { media_type: string }[])[0]).toMatchObject({
      media_type: 'application/stix+json;version=2.1',
    });
    const one = await body(await get(`${objectsUrl}${String(seen[1]!.id)}/`));
    expect((one.objects as unknown[])[0]).toEqual(seen[1]);
    expect((await get(`${objectsUrl}?next=bogus`)).status).toBe(400);
    expect((await get(`${objectsUrl}?added_after=yesterday`)).status).toBe(400);
  });

  it('answers a wrong Accept with 406 and a wrong Content-Type with 415', async () => {
    for (const accept of ['application/json', 'application/taxii+json;version=2.0', null]) {
      const res = await get('/taxii2/', taxiiKey, accept);
      expect(res.status).toBe(406);
      expect(await body(res)).toMatchObject({ http_status: '406' });
    }
    expect((await get('/taxii2/', taxiiKey, 'application/taxii+json')).status).toBe(200);
    const cs = await body(await get('/taxii2/vigil/collections/'));
    const id = (cs.collections as { id: string }[])[0]!.id;
    const post = (contentType: string) =>
      POST(
        new Request(`http://vigil.test/taxii2/vigil/collections/${id}/objects/`, {
          method: 'POST',
          headers: {
            accept: TAXII,
            'content-type': contentType,
            authorization: `Bearer ${taxiiKey}`,
          },
          body: '{"objects":[]}',
        }),
        { params: Promise.resolve({ path: ['vigil', 'collections', id, 'objects'] }) },
      );
    expect((await post('application/json')).status).toBe(415);
    expect((await post(TAXII)).status).toBe(403);
  });

  it('refuses no key (401) and a key without the taxii scope (403)', async () => {
    expect((await get('/taxii2/', null)).status).toBe(401);
    const res = await get('/taxii2/', readKey);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe(TAXII);
  });

  it('serves each organization only its own collection', async () => {
    const a = await body(await get('/taxii2/vigil/collections/'));
    const b = await body(await get('/taxii2/vigil/collections/', bravoKey));
    const aId = (a.collections as { id: string }[])[0]!.id;
    const bId = (b.collections as { id: string }[])[0]!.id;
    expect(aId).not.toBe(bId);
    // A's key cannot open B's collection id, and A's objects carry nothing of B's.
    expect((await get(`/taxii2/vigil/collections/${bId}/objects/`)).status).toBe(404);
    const text = JSON.stringify(await body(await get(`/taxii2/vigil/collections/${aId}/objects/`)));
    for (const secret of ['Bravo', bravo.id, bravo.name]) expect(text).not.toContain(secret);
    const bObjects = (await body(await get(`/taxii2/vigil/collections/${bId}/objects/`, bravoKey)))
      .objects as { type: string }[];
    expect(bObjects.map((o) => o.type)).toEqual(['identity', 'indicator']);
    expect(JSON.stringify(bObjects)).not.toContain(alpha.name);
  });
});
