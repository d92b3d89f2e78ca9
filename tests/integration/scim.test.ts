import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import type { ApiKeyScope } from '@/server/domain/auth/secrets';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { SCIM } from '@/server/domain/scim/protocol';
import { isoDay } from '@/server/domain/time';
import { createApiKey } from '@/server/services/auth/api-keys';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { scimRequest, type ScimAnswer } from '../helpers/scim-client';

vi.stubEnv('VIGIL_SCIM_RATE_PER_MINUTE', '10000');

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const keys = { a: '', aId: '', b: '', read: '' };
let systemId = '';

async function key(org: TestOrg, scopes: ApiKeyScope[]) {
  return createApiKey(
    actorFor(org, 'admin'),
    createApiKeySchema.parse({ name: `idp ${randomBytes(3).toString('hex')}`, scopes }),
  );
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('scima', { pseudonymize: false });
  b = await createTestOrg('scimb', { pseudonymize: false });
  const made = await key(a, ['scim']);
  keys.a = made.key;
  keys.aId = made.id;
  keys.b = (await key(b, ['scim'])).key;
  keys.read = (await key(a, ['read', 'ingest'])).key;
  const system = await createSystem(
    actorFor(a, 'admin'),
    systemInputSchema.parse({
      name: 'Payments',
      privileges: [{ name: 'admin', sensitivity: 'high' }],
    }),
  );
  systemId = system.id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await teardown();
});

const call = (method: string, path: string, body?: unknown, key: string | null = keys.a) =>
  scimRequest(method, path, { key, body });

function expectScimError(answer: ScimAnswer, status: number, scimType?: string) {
  expect(answer.type).toMatch(/^application\/scim\+json/);
  expect(answer.status).toBe(status);
  expect(answer.body.schemas).toEqual([SCIM.error]);
  expect(answer.body.status).toBe(String(status));
  expect(typeof answer.body.detail).toBe('string');
  if (scimType) expect(answer.body.scimType).toBe(scimType);
}

async function person(id: string) {
  const [row] = await rawRows<Record<string, unknown>>(
    sql`select email, full_name, title, department, manager_id, end_date::text as end_date, type
        from people where id = ${id}`,
  );
  return row!;
}

/** An active grant on Payments for the person, as an approved request would leave it. */
async function grantTo(orgId: string, personId: string) {
  await rawRows(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification)
    select ${orgId}, ${personId}, ${systemId}, p.id, 'active', 'import', 'seed'
    from privileges p where p.org_id = ${orgId} and p.system_id = ${systemId}`);
}

async function grantStatuses(personId: string) {
  const rows = await rawRows<{ status: string }>(
    sql`select status from access_grants where person_id = ${personId} order by created_at`,
  );
  return rows.map((r) => r.status);
}

const patchOp = (...Operations: unknown[]) => ({ schemas: [SCIM.patch], Operations });

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
    expectScimError(await call('GET', '/Users', undefined, keys.read), 403);
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
          where org_id = ${a.id} and entity_id = ${id} order by seq limit 1`,
    );
    expect(entry).toEqual({ actor_type: 'api_key', actor_id: keys.aId, action: 'person.created' });
  });

  it('refuses a second POST of the userName with 409 uniqueness (any case), creating nothing', async () => {
    const before = await rawRows(sql`select id from people where org_id = ${a.id}`);
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
    expect(await rawRows(sql`select id from people where org_id = ${a.id}`)).toHaveLength(
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

describe("Okta's provisioning sequence", () => {
  it('joiner → mover → leaver: the deactivation ends the person today and revokes their grants', async () => {
    const userName = 'test.user@okta.local';
    const lookup = await call(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`,
    );
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const okta = {
      schemas: [SCIM.user],
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const created = await call('POST', '/Users', okta);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    await grantTo(a.id, id);
    expect((await call('GET', `/Users/${id}`)).body.userName).toBe(userName);
    // Okta's profile push is a PUT of the whole user.
    const moved = await call('PUT', `/Users/${id}`, {
      ...okta,
      id,
      title: 'Engineer',
      displayName: 'Test User',
    });
    expect(moved.body.title).toBe('Engineer');
    expect(await grantStatuses(id)).toEqual(['active']);
    const deactivated = await call(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'replace', value: { active: false } }),
    );
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await person(id)).toMatchObject({ end_date: isoDay(new Date()), title: 'Engineer' });
    expect(await grantStatuses(id)).toEqual(['revoked']);
    const audit = await rawRows<{ action: string; actor_type: string }>(
      sql`select action, actor_type from audit_log where org_id = ${a.id}
          and (entity_id = ${id} or after->>'personId' = ${id}) order by seq`,
    );
    expect(audit.map((e) => e.action)).toEqual([
      'person.created',
      'person.updated',
      'person.updated',
      'access.grant_revoked',
      'scim.user_deactivated',
    ]);
    expect(new Set(audit.map((e) => e.actor_type))).toEqual(new Set(['api_key']));
    // Reactivation clears the end date; revoked grants stay revoked.
    const back = await call(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'replace', value: { active: true } }),
    );
    expect(back.body.active).toBe(true);
    expect((await person(id)).end_date).toBeNull();
    expect(await grantStatuses(id)).toEqual(['revoked']);
  });

  it('pushes a group, renames it and changes its members', async () => {
    const member = (await call('POST', '/Users', { userName: 'grp.member@okta.local' })).body
      .id as string;
    const created = await call('POST', '/Groups', {
      schemas: [SCIM.group],
      displayName: 'Test SCIMv2',
      members: [],
    });
    expect(created.status).toBe(201);
    const gid = created.body.id as string;
    expect(
      (
        await call(
          'PATCH',
          `/Groups/${gid}`,
          patchOp({ op: 'replace', value: { id: gid, displayName: 'Renamed' } }),
        )
      ).status,
    ).toBe(204);
    await call(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({
        op: 'add',
        path: 'members',
        value: [{ value: member, display: 'grp.member@okta.local' }],
      }),
    );
    expect((await call('GET', `/Groups/${gid}`)).body).toMatchObject({
      displayName: 'Renamed',
      members: [{ value: member, type: 'User' }],
    });
    await call(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'remove', path: `members[value eq "${member}"]` }),
    );
    expect((await call('GET', `/Groups/${gid}`)).body.members).toEqual([]);
    expect((await call('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expectScimError(await call('GET', `/Groups/${gid}`), 404);
  });
});

describe("Entra ID's provisioning sequence", () => {
  let managerId = '';
  let id = '';

  it('creates a user with the enterprise extension and a manager', async () => {
    managerId = (
      await call('POST', '/Users', { userName: 'boss@contoso.test', displayName: 'Bo Boss' })
    ).body.id;
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    expect(
      (await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body
        .totalResults,
    ).toBe(0);
    const created = await call('POST', '/Users', {
      schemas: [SCIM.user, SCIM.enterprise],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [SCIM.enterprise]: { department: 'Finance', manager: { value: managerId } },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body[SCIM.enterprise]).toEqual({
      department: 'Finance',
      manager: { value: managerId },
    });
    expect(await person(id)).toMatchObject({
      email: 'test_user_fd0ea19b@testuser.com',
      manager_id: managerId,
    });
  });

  it('applies capitalised ops, filtered email paths, URN paths and string booleans', async () => {
    await grantTo(a.id, id);
    const moved = await call(
      'PATCH',
      `/Users/${id}`,
      patchOp(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@contoso.test' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Replace', path: 'displayName', value: 'Updated Name' },
        { op: 'Add', path: `${SCIM.enterprise}:department`, value: 'Treasury' },
        { op: 'Remove', path: `${SCIM.enterprise}:manager` },
      ),
    );
    expect(moved.status).toBe(200);
    expect(await person(id)).toMatchObject({
      email: 'updatedemail@contoso.test',
      full_name: 'Updated Name',
      department: 'Treasury',
      manager_id: null,
    });
    await call(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'Add', path: `${SCIM.enterprise}:manager`, value: managerId }),
    );
    expect((await person(id)).manager_id).toBe(managerId);
    const left = await call(
      'PATCH',
      `/Users/${id}`,
      patchOp({ op: 'Replace', path: 'active', value: 'False' }),
    );
    expect(left.body.active).toBe(false);
    expect(await grantStatuses(id)).toEqual(['revoked']);
    expect((await person(id)).end_date).toBe(isoDay(new Date()));
  });

  it('reads groups without members and removes members by value', async () => {
    const gid = (
      await call('POST', '/Groups', {
        schemas: [SCIM.group],
        externalId: 'g-1',
        displayName: 'Finance Team',
        meta: { resourceType: 'Group' },
      })
    ).body.id;
    const listed = await call(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "finance team"')}`,
    );
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0].members).toBeUndefined();
    await call(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: managerId },
          { $ref: null, value: id },
        ],
      }),
    );
    await call(
      'PATCH',
      `/Groups/${gid}`,
      patchOp({ op: 'Remove', path: 'members', value: [{ $ref: null, value: managerId }] }),
    );
    expect(
      (await call('GET', `/Groups/${gid}`)).body.members.map((m: { value: string }) => m.value),
    ).toEqual([id]);
    expectScimError(
      await call(
        'PATCH',
        `/Groups/${gid}`,
        patchOp({
          op: 'Add',
          path: 'members',
          value: [{ value: '00000000-0000-4000-8000-000000000000' }],
        }),
      ),
      400,
      'invalidValue',
    );
  });

  it('DELETE ends the person, revokes grants and forgets the SCIM id; the person stays', async () => {
    const gone = (await call('POST', '/Users', { userName: 'leaver@contoso.test' })).body
      .id as string;
    await grantTo(a.id, gone);
    expect((await call('DELETE', `/Users/${gone}`)).status).toBe(204);
    expectScimError(await call('GET', `/Users/${gone}`), 404);
    expectScimError(await call('DELETE', `/Users/${gone}`), 404);
    expect(await grantStatuses(gone)).toEqual(['revoked']);
    expect((await person(gone)).end_date).toBe(isoDay(new Date()));
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
        key: keys.a,
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
      actorFor(a, 'admin'),
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
    expect((await call('GET', '/Users', undefined, keys.b)).body.totalResults).toBe(0);
    expect(
      (
        await call(
          'GET',
          `/Users?filter=${encodeURIComponent('userName eq "bjensen"')}`,
          undefined,
          keys.b,
        )
      ).body.totalResults,
    ).toBe(0);
    expectScimError(await call('GET', `/Users/${id}`, undefined, keys.b), 404);
    expectScimError(
      await call(
        'PATCH',
        `/Users/${id}`,
        patchOp({ op: 'replace', value: { active: false } }),
        keys.b,
      ),
      404,
    );
    expectScimError(await call('PUT', `/Users/${id}`, { userName: 'hijack@b.test' }, keys.b), 404);
    expectScimError(await call('DELETE', `/Users/${id}`, undefined, keys.b), 404);
    expect((await call('GET', '/Groups', undefined, keys.b)).body.totalResults).toBe(0);
    // The same userName is free in another organization.
    expect(
      (
        await call(
          'POST',
          '/Users',
          { userName: 'bjensen', emails: [{ value: 'bjensen@example.com' }] },
          keys.b,
        )
      ).status,
    ).toBe(201);
    expect(await person(id)).toEqual(before);
  });
});
