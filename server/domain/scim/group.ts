import { type PatchOperation, parsePath } from './patch';
import { invalidValue, SCIM } from './protocol';
import { attr } from './user';

export interface ScimGroupState {
  displayName: string;
  externalId: string | null;
  /** Member SCIM ids (people's ids). */
  members: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(value: unknown, attribute: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidValue(`${attribute} must be a string.`);
  const v = value.trim();
  if (v.length > max) throw invalidValue(`${attribute} is longer than ${max} characters.`);
  return v || null;
}

function memberIds(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > 10_000) throw invalidValue('At most 10000 members per request.');
  return list.map((m) => {
    const id = isObject(m) ? attr(m, 'value') : m;
    if (typeof id !== 'string' || !id.trim()) throw invalidValue('members[].value is required.');
    return id.trim();
  });
}

/** A Group resource as POST and PUT send it (RFC 7643 §4.2). */
export function groupFromResource(body: unknown): ScimGroupState {
  if (!isObject(body)) throw invalidValue('The body must be a SCIM Group object.');
  const displayName = text(attr(body, 'displayName'), 'displayName', 200);
  if (!displayName) throw invalidValue('displayName is required.');
  return {
    displayName,
    externalId: text(attr(body, 'externalId'), 'externalId', 300),
    members: [...new Set(memberIds(attr(body, 'members')))],
  };
}

/**
 * Applies a PatchOp to a group (pure): displayName, externalId and members, the operations
 * Okta's and Entra ID's group push send (add/remove `members`, remove
 * `members[value eq "id"]`, path-less replace of displayName).
 */
export function applyGroupPatch(before: ScimGroupState, ops: PatchOperation[]): ScimGroupState {
  const state = { ...before, members: [...before.members] };
  const apply = (op: PatchOperation['op'], path: string, value: unknown) => {
    const parsed = parsePath(path);
    if (parsed.attribute === 'displayname') {
      const name = text(op === 'remove' ? null : value, 'displayName', 200);
      if (!name) throw invalidValue('displayName is required and cannot be removed.');
      state.displayName = name;
    } else if (parsed.attribute === 'externalid')
      state.externalId = text(op === 'remove' ? null : value, 'externalId', 300);
    else if (parsed.attribute === 'members' || parsed.attribute === 'members.value') {
      const named = parsed.filter?.attribute === 'value' ? [parsed.filter.value] : [];
      if (op === 'remove') {
        // Without a filter or a value, remove takes every member (RFC 7644 §3.5.2.2).
        const gone = new Set([...named, ...memberIds(value)]);
        state.members =
          gone.size === 0 && !parsed.filter ? [] : state.members.filter((m) => !gone.has(m));
      } else {
        const ids = memberIds(value);
        state.members =
          op === 'replace' ? [...new Set(ids)] : [...new Set([...state.members, ...ids])];
      }
    }
    // Other attributes of a group are not kept (docs/SCIM.md §Groups).
  };
  for (const { op, path, value } of ops) {
    if (path) {
      apply(op, path, value);
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value))
        if (k.toLowerCase() !== SCIM.group.toLowerCase()) apply(op, k, v);
    } else throw invalidValue('An operation without a path needs an object value.');
  }
  return state;
}

export function renderGroup(
  s: ScimGroupState,
  meta: { id: string; created: Date; lastModified: Date; version: number; location: string },
  memberLocation: (id: string) => string,
) {
  return {
    schemas: [SCIM.group],
    id: meta.id,
    ...(s.externalId ? { externalId: s.externalId } : {}),
    displayName: s.displayName,
    members: s.members.map((id) => ({ value: id, $ref: memberLocation(id), type: 'User' })),
    meta: {
      resourceType: 'Group',
      created: meta.created.toISOString(),
      lastModified: meta.lastModified.toISOString(),
      version: `W/"${meta.version}"`,
      location: meta.location,
    },
  };
}
