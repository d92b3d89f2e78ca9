import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { SCIM } from '@/server/domain/scim/protocol';
import { createPerson } from '@/server/services/inventory/people-commands';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor } from '../helpers/fixtures';
import { scimRequest } from '../helpers/scim-client';
import {
  createScimWorld,
  expectScimError,
  patchOp,
  personRow,
  scimCall,
  type ScimWorld,
} from '../helpers/scim-world';

/** The SCIM endpoint against RFC 7644's examples, bad input and other organizations (docs/SCIM.md). */
vi.stubEnv('VIGIL_SCIM_RATE_PER_MINUTE', '10000');

let teardown: () => Promise<void>;
let w: ScimWorld;
const call = scimCall(() => w);
const person = personRow;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  w = await createScimWorld('scim');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await teardown();
});

describe('discovery and authentication', () => {
  it('serves ServiceProviderConfig, Schemas and ResourceTypes as application/scim+json', async () => {
    const config = await call('GET', '/ServiceProviderConfig', undefined, null);
    expect(config.status).toBe(200);
    expect(config.type).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false } });
    const types = await call('GET', '/ResourceTypes');
    expect(types.body.Resources.map((t: { id: string }) => t.id)).toEqual(['User', 'Group']);
    expect((await call('GET', '/ResourceTypes/User')).body.endpoint).toBe('/Users');
    const schemas = await call('GET', '/Schemas');
    expect(schemas.body.schemas).toEqual([SCIM.list]);
    expect(schemas.body.totalResults).toBe(3);
    expect((await call('GET', `/Schemas/${SCIM.enterprise}`)).body.name).toBe('EnterpriseUser');
    expectScimError(await call('GET', '/Schemas/urn:nope'), 404);
  });

  it('refuses a missing key (401) and a key without the scim scope (403) in SCIM error form', async () => {
    const none = await call('GET', '/Users', undefined, null);
    expectScimError(none, 401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectScimError(await call('GET', '/Users', undefined, 'vgl_nope'), 401);
    expectScimError(await call('GET', '/Users', undefined, w.keys.read), 403);
  });
});

describe('RFC 7644 request examples', () => {
  let id = '';
  const bjensen = {
    schemas: [SCIM.user],
    userName: 'bjensen',
    externalId: 'bjensen',
    name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  };

  it('creates a user (§3.3) and answers 201 with Location and meta', async () => {
    const created = await call('POST', '/Users', bjensen);
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.headers.get('location')).toBe(`http://vigil.test/scim/v2/Users/${id}`);
    expect(created.body).toMatchObject({
      schemas: [SCIM.user],
      userName: 'bjensen',
      externalId: 'bjensen',
      active: true,
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', location: `http://vigil.test/scim/v2/Users/${id}` },
    });
    expect(await person(id)).toMatchObject({
      email: 'bjensen@example.com',
      full_name: 'Ms. Barbara J Jensen III',
      type: 'employee',
      end_date: null,
    });
    const [entry] = await rawRows<{ actor_type: string; actor_id: string; action: string }>(
      sql`select actor_type, actor_id, action from audit_log
          where org_id = ${w.a.id} and entity_id = ${id} order by seq limit 1`,
    );
    expect(entry).toEqual({
      actor_type: 'api_key',
      actor_id: w.keys.aId,
      action: 'person.created',
    });
  });

  it('refuses a second POST of the userName with 409 uniqueness (any case), creating nothing', async () => {
    const before = await rawRows(sql`select id from people where org_id = ${w.a.id}`);
    expectScimError(await call('POST', '/Users', bjensen), 409, 'uniqueness');
    expectScimError(
      await call('POST', '/Users', { ...bjensen, userName: 'BJENSEN' }),
      409,
      'uniqueness',
    );
    expectScimError(
      await call('POST', '/Users', { ...bjensen, userName: 'other' }),
      409,
      'uniqueness',
    );
    expect(await rawRows(sql`select id from people where org_id = ${w.a.id}`)).toHaveLength(
      before.length,
    );
  });

  it('filters by userName (§3.4.2.2, case-insensitive) and pages with startIndex and count', async () => {
    const found = await call('GET', '/Users?filter=userName%20eq%20%22BJensen%22');
    expect(found.body).toMatchObject({ schemas: [SCIM.list], totalResults: 1, startIndex: 1 });
    expect(found.body.Resources[0].id).toBe(id);
    const none = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    for (const n of [1, 2, 3])
      await call('POST', '/Users', {
        userName: `pager${n}@example.com`,
        name: { givenName: 'P', familyName: `Ager${n}` },
      });
    const page = await call('GET', '/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'pager1@example.com',
      'pager2@example.com',
    ]);
    const byExternal = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq "bjensen"')}`,
    );
    expect(byExternal.body.totalResults).toBe(1);
    expectScimError(
      await call('GET', `/Users?filter=${encodeURIComponent('userName co "jen"')}`),
      400,
      'invalidFilter',
    );
  });

  it('replaces (§3.5.1) and patches (§3.5.2) a user, and answers 404 for an unknown id', async () => {
    const put = await call('PUT', `/Users/${id}`, {
      ...bjensen,
      title: 'Tour Guide',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ title: 'Tour Guide', displayName: 'Barbara Jensen' });
    const patched = await call(
      'PATCH',
      `/Users/${id}`,
      patchOp(
        { op: 'replace', path: 'name.familyName', value: 'Jensen-Smith' },
        { op: 'add', path: `${SCIM.enterprise}:department`, value: 'Tour Operations' },
      ),
    );
    expect(patched.status).toBe(200);
    expect(patched.body[SCIM.enterprise]).toEqual({ department: 'Tour Operations' });
    expect(await person(id)).toMatchObject({
      full_name: 'Barbara Jensen-Smith',
      department: 'Tour Operations',
    });
    expectScimError(await call('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
    expectScimError(await call('GET', '/Users/not-a-uuid'), 404);
  });
});

describe('bad input changes nothing', () => {
  let id = '';
  beforeAll(async () => {
    id = (await call('POST', '/Users', { userName: 'steady@example.com', title: 'Clerk' })).body.id;
  });

  it('answers SCIM errors and leaves the person as it was', async () => {
    const before = await person(id);
    const version = (await call('GET', `/Users/${id}`)).body.meta.version;
    const cases: [unknown, number, string][] = [
      [patchOp({ op: 'move', path: 'title', value: 'x' }), 400, 'invalidSyntax'],
      [{ Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, 400, 'invalidSyntax'],
      // Atomic: the first operation is valid, the second is not.
      [
        patchOp(
          { op: 'replace', path: 'title', value: 'Boss' },
          { op: 'replace', path: 'active', value: 'maybe' },
        ),
        400,
        'invalidValue',
      ],
      [
        patchOp(
          { op: 'replace', path: 'title', value: 'Boss' },
          { op: 'remove', path: 'userName' },
        ),
        400,
        'invalidValue',
      ],
      [
        patchOp({ op: 'replace', path: 'emails[type co "work"].value', value: 'a@b.co' }),
        400,
        'invalidPath',
      ],
      [patchOp({ op: 'replace', path: 'userName', value: 'bjensen' }), 409, 'uniqueness'],
      [
        patchOp({ op: 'replace', path: 'emails', value: [{ value: 'not-an-email' }] }),
        400,
        'invalidValue',
      ],
    ];
    for (const [body, status, scimType] of cases)
      expectScimError(await call('PATCH', `/Users/${id}`, body), status, scimType);
    expectScimError(await call('PATCH', `/Users/${id}`, '{"schemas":'), 400, 'invalidSyntax');
    expectScimError(
      await scimRequest('PATCH', `/Users/${id}`, {
        key: w.keys.a,
        body: 'x',
        contentType: 'text/plain',
      }),
      415,
    );
    expectScimError(
      await call('PUT', `/Users/${id}`, { name: { givenName: 'No userName' } }),
      400,
      'invalidValue',
    );
    expectScimError(
      await call('POST', '/Users', { userName: 'no-email-anywhere' }),
      400,
      'invalidValue',
    );
    expect(await person(id)).toEqual(before);
    expect((await call('GET', `/Users/${id}`)).body.meta.version).toBe(version);
  });
});

describe('existing people and tenant isolation', () => {
  it('takes over a person imported before SCIM, by email, keeping their id', async () => {
    const existing = await createPerson(
      actorFor(w.a, 'admin'),
      personInputSchema.parse({
        email: 'imported@example.com',
        fullName: 'Imma Ported',
        type: 'contractor',
        endDate: '2020-01-31',
      }),
    );
    const created = await call('POST', '/Users', {
      userName: 'imported@example.com',
      name: { givenName: 'Imma', familyName: 'Ported' },
      userType: 'Contractor',
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(existing.id);
    // A past end date means the identity provider rehired them.
    expect(await person(existing.id)).toMatchObject({ type: 'contractor', end_date: null });
  });

  it("a key of another organization neither sees nor changes this one's users", async () => {
    const id = (await call('GET', `/Users?filter=${encodeURIComponent('userName eq "bjensen"')}`))
      .body.Resources[0].id as string;
    const before = await person(id);
    expect((await call('GET', '/Users', undefined, w.keys.b)).body.totalResults).toBe(0);
    expect(
      (
        await call(
          'GET',
          `/Users?filter=${encodeURIComponent('userName eq "bjensen"')}`,
          undefined,
          w.keys.b,
        )
      ).body.totalResults,
    ).toBe(0);
    expectScimError(await call('GET', `/Users/${id}`, undefined, w.keys.b), 404);
    expectScimError(
      await call(
        'PATCH',
        `/Users/${id}`,
        patchOp({ op: 'replace', value: { active: false } }),
        w.keys.b,
      ),
      404,
    );
    expectScimError(
      await call('PUT', `/Users/${id}`, { userName: 'hijack@b.test' }, w.keys.b),
      404,
    );
    expectScimError(await call('DELETE', `/Users/${id}`, undefined, w.keys.b), 404);
    expect((await call('GET', '/Groups', undefined, w.keys.b)).body.totalResults).toBe(0);
    // The same userName is free in another organization.
    expect(
      (
        await call(
          'POST',
          '/Users',
          { userName: 'bjensen', emails: [{ value: 'bjensen@example.com' }] },
          w.keys.b,
        )
      ).status,
    ).toBe(201);
    expect(await person(id)).toEqual(before);
  });
});
