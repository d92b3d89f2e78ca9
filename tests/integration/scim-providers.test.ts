import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCIM } from '@/server/domain/scim/protocol';
import { isoDay } from '@/server/domain/time';
import { rawRows, setupTestDatabase } from '../helpers/db';
import {
  createScimWorld,
  expectScimError,
  grantStatuses,
  grantTo,
  patchOp,
  personRow,
  scimCall,
  type ScimWorld,
} from '../helpers/scim-world';

/** Okta's and Entra ID's provisioning requests replayed against /scim/v2 (docs/SCIM.md §Quirks). */
vi.stubEnv('VIGIL_SCIM_RATE_PER_MINUTE', '10000');

let teardown: () => Promise<void>;
let w: ScimWorld;
const call = scimCall(() => w);
const person = personRow;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  w = await createScimWorld('idp');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await teardown();
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
    await grantTo(w, id);
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
      sql`select action, actor_type from audit_log where org_id = ${w.a.id}
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
    await grantTo(w, id);
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
    await grantTo(w, gone);
    expect((await call('DELETE', `/Users/${gone}`)).status).toBe(204);
    expectScimError(await call('GET', `/Users/${gone}`), 404);
    expectScimError(await call('DELETE', `/Users/${gone}`), 404);
    expect(await grantStatuses(gone)).toEqual(['revoked']);
    expect((await person(gone)).end_date).toBe(isoDay(new Date()));
  });
});
