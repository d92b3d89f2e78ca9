import { describe, expect, it } from 'vitest';
import { parseEqFilter } from './filter';
import { applyGroupPatch, groupFromResource } from './group';
import { applyUserPatch, parsePatchBody, parsePath } from './patch';
import { pageOf, SCIM, ScimError } from './protocol';
import { fullNameOf, userFromResource, type ScimUserState } from './user';

const base: ScimUserState = userFromResource({
  schemas: [SCIM.user, SCIM.enterprise],
  userName: 'bjensen@example.com',
  externalId: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  title: 'Tour Guide',
  [SCIM.enterprise]: { department: 'Tour Operations', manager: { value: 'm-1' } },
});

const patch = (...Operations: unknown[]) => parsePatchBody({ schemas: [SCIM.patch], Operations });

function scimTypeOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return e instanceof ScimError ? `${e.status} ${e.scimType}` : String(e);
  }
  return 'no error';
}

describe('SCIM user resources', () => {
  it('reads RFC 7643 §8.2 full user: primary email, enterprise department and manager', () => {
    expect(base).toMatchObject({
      userName: 'bjensen@example.com',
      email: 'bjensen@example.com',
      department: 'Tour Operations',
      manager: 'm-1',
      active: true,
    });
    expect(fullNameOf(base)).toBe('Barbara Jensen');
  });

  it('takes Entra ID string booleans and refuses other values', () => {
    expect(userFromResource({ userName: 'a@b.co', active: 'False' }).active).toBe(false);
    expect(scimTypeOf(() => userFromResource({ userName: 'a@b.co', active: 'nope' }))).toBe(
      '400 invalidValue',
    );
    expect(scimTypeOf(() => userFromResource({ externalId: 'x' }))).toBe('400 invalidValue');
    expect(scimTypeOf(() => userFromResource({ userName: 'a', emails: [{ value: 'no' }] }))).toBe(
      '400 invalidValue',
    );
  });
});

describe('SCIM PATCH', () => {
  it("applies Okta's path-less deactivation", () => {
    const ops = patch({ op: 'replace', value: { active: false } });
    expect(applyUserPatch(base, ops).active).toBe(false);
    expect(base.active).toBe(true);
  });

  it("applies Entra ID's capitalised ops, filtered email paths, URN paths and string booleans", () => {
    const ops = patch(
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'Barbara@Example.com' },
      { op: 'Add', path: 'title', value: 'Lead Guide' },
      { op: 'Replace', path: `${SCIM.enterprise}:department`, value: 'Sales' },
      { op: 'Add', path: `${SCIM.enterprise}:manager`, value: 'm-2' },
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
      { op: 'Replace', path: 'emails[type eq "home"].value', value: 'x@home.org' },
    );
    expect(applyUserPatch(base, ops)).toMatchObject({
      email: 'barbara@example.com',
      title: 'Lead Guide',
      department: 'Sales',
      manager: 'm-2',
      active: false,
    });
  });

  it('spreads path-less values with dotted and URN keys (Entra ID) and name objects', () => {
    const ops = patch({
      op: 'replace',
      value: {
        'name.givenName': 'Babs',
        name: { familyName: 'Smith' },
        [SCIM.enterprise]: { department: 'HR' },
        [`${SCIM.enterprise}:manager`]: { value: 'm-3' },
      },
    });
    const after = applyUserPatch(base, ops);
    expect(fullNameOf(after)).toBe('Babs Smith');
    expect(after).toMatchObject({ department: 'HR', manager: 'm-3' });
  });

  it('removes attributes, but never userName', () => {
    expect(applyUserPatch(base, patch({ op: 'remove', path: 'title' })).title).toBeNull();
    expect(
      applyUserPatch(base, patch({ op: 'remove', path: `${SCIM.enterprise}:manager` })).manager,
    ).toBeNull();
    expect(scimTypeOf(() => applyUserPatch(base, patch({ op: 'remove', path: 'userName' })))).toBe(
      '400 invalidValue',
    );
  });

  it('refuses malformed bodies with the RFC scimType', () => {
    expect(scimTypeOf(() => parsePatchBody({ Operations: [] }))).toBe('400 invalidSyntax');
    expect(scimTypeOf(() => patch({ op: 'move', path: 'title', value: 'x' }))).toBe(
      '400 invalidSyntax',
    );
    expect(scimTypeOf(() => patch({ op: 'remove' }))).toBe('400 noTarget');
    expect(scimTypeOf(() => parsePath('emails[type co "w"].value'))).toBe('400 invalidPath');
    expect(scimTypeOf(() => applyUserPatch(base, patch({ op: 'add', value: 'x' })))).toBe(
      '400 invalidValue',
    );
  });
});

describe('SCIM groups', () => {
  const group = groupFromResource({ displayName: 'Eng', members: [{ value: 'p1' }] });
  it('adds and removes members as Okta and Entra ID send them', () => {
    const after = applyGroupPatch(
      group,
      patch(
        { op: 'Add', path: 'members', value: [{ value: 'p2' }, { value: 'p3' }] },
        { op: 'remove', path: 'members[value eq "p1"]' },
        { op: 'Remove', path: 'members', value: [{ value: 'p3' }] },
        { op: 'replace', value: { id: 'g', displayName: 'Engineering' } },
      ),
    );
    expect(after).toMatchObject({ displayName: 'Engineering', members: ['p2'] });
  });
});

describe('filters and pages', () => {
  it('reads eq filters and refuses others', () => {
    expect(parseEqFilter('userName eq "a\\"b@x.io"', ['username'])).toEqual({
      attribute: 'username',
      value: 'a"b@x.io',
    });
    expect(parseEqFilter('externalId EQ "x"', ['username', 'externalid']).attribute).toBe(
      'externalid',
    );
    expect(scimTypeOf(() => parseEqFilter('userName sw "a"', ['username']))).toBe(
      '400 invalidFilter',
    );
    expect(scimTypeOf(() => parseEqFilter('title eq "a"', ['username']))).toBe('400 invalidFilter');
  });

  it('clamps startIndex and count as RFC 7644 §3.4.2.4 says', () => {
    expect(pageOf(null, null, 200)).toEqual({ startIndex: 1, count: 200 });
    expect(pageOf('0', '-5', 200)).toEqual({ startIndex: 1, count: 0 });
    expect(pageOf('3', '1000', 200)).toEqual({ startIndex: 3, count: 200 });
    expect(scimTypeOf(() => pageOf('x', null, 200))).toBe('400 invalidValue');
  });
});
