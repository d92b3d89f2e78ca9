import { invalidValue, SCIM, scimBoolean } from './protocol';

/** What Vigil keeps of a SCIM User: the person's columns plus the mapping row (docs/SCIM.md §Mapping). */
export interface ScimUserState {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** displayName, else name.formatted, as the identity provider sent it. */
  displayName: string | null;
  /** The work (or primary) email; without one, an email-shaped userName stands in. */
  email: string | null;
  title: string | null;
  department: string | null;
  /** The manager's reference as sent (their SCIM id, externalId or userName). */
  manager: string | null;
  userType: string | null;
  active: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS = { userName: 300, name: 200, text: 120, ref: 300, email: 320 };

function text(value: unknown, attribute: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') throw invalidValue(`${attribute} must be a string.`);
  const v = value.trim();
  if (v.length > max) throw invalidValue(`${attribute} is longer than ${max} characters.`);
  return v === '' ? null : v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A key of an object, matched case-insensitively (attribute names are, RFC 7643 §2.1). */
export function attr(o: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The email Vigil keeps from an `emails` array: the primary one, else the work one, else the first. */
export function pickEmail(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  const entries = list.filter(isObject);
  if (entries.length !== list.length) throw invalidValue('emails must be a list of objects.');
  const chosen =
    entries.find((e) => scimBoolean(attr(e, 'primary')) === true) ??
    entries.find((e) => String(attr(e, 'type') ?? '').toLowerCase() === 'work') ??
    entries[0];
  return chosen ? emailValue(attr(chosen, 'value')) : null;
}

export function emailValue(value: unknown): string | null {
  const v = text(value, 'emails.value', LIMITS.email);
  if (v && !EMAIL.test(v)) throw invalidValue('emails.value is not an email address.');
  return v ? v.toLowerCase() : null;
}

/** manager as RFC 7643 §4.3 has it (`{ "value": id }`), or a bare id as some clients send. */
export function managerRef(value: unknown): string | null {
  // Older Entra ID requests send the manager as a one-element list.
  if (Array.isArray(value)) value = value[0] ?? null;
  if (isObject(value)) return text(attr(value, 'value'), 'manager.value', LIMITS.ref);
  return text(value, 'manager', LIMITS.ref);
}

/** Setters for each attribute a client may write, by lower-cased path (schema URN removed). */
export const USER_SETTERS: Record<string, (s: ScimUserState, v: unknown) => void> = {
  username: (s, v) => {
    const userName = text(v, 'userName', LIMITS.userName);
    if (!userName) throw invalidValue('userName is required and cannot be removed.');
    s.userName = userName;
  },
  externalid: (s, v) => void (s.externalId = text(v, 'externalId', LIMITS.ref)),
  displayname: (s, v) => void (s.displayName = text(v, 'displayName', LIMITS.name)),
  'name.formatted': (s, v) => void (s.displayName = text(v, 'name.formatted', LIMITS.name)),
  'name.givenname': (s, v) => void (s.givenName = text(v, 'name.givenName', LIMITS.name)),
  'name.familyname': (s, v) => void (s.familyName = text(v, 'name.familyName', LIMITS.name)),
  title: (s, v) => void (s.title = text(v, 'title', LIMITS.text)),
  usertype: (s, v) => void (s.userType = text(v, 'userType', LIMITS.text)),
  emails: (s, v) => void (s.email = pickEmail(v)),
  'emails.value': (s, v) => void (s.email = emailValue(v)),
  department: (s, v) => void (s.department = text(v, 'department', LIMITS.text)),
  manager: (s, v) => void (s.manager = managerRef(v)),
  'manager.value': (s, v) => void (s.manager = managerRef(v)),
  active: (s, v) => {
    // Removing `active` leaves the account as it is rather than guessing.
    if (v === null || v === undefined) return;
    const active = scimBoolean(v);
    if (active === null) throw invalidValue('active must be true or false.');
    s.active = active;
  },
};

/** Attributes of the enterprise extension (the rest of a path is core). */
export const ENTERPRISE_ATTRIBUTES = new Set(['department', 'manager', 'manager.value']);

/**
 * A User resource as POST and PUT send it, read into the state Vigil keeps. Attributes Vigil
 * does not keep (phoneNumbers, addresses, password…) are ignored, as RFC 7644 §3.3 allows.
 */
export function userFromResource(body: unknown): ScimUserState {
  if (!isObject(body)) throw invalidValue('The body must be a SCIM User object.');
  const state: ScimUserState = {
    userName: '',
    externalId: null,
    givenName: null,
    familyName: null,
    displayName: null,
    email: null,
    title: null,
    department: null,
    manager: null,
    userType: null,
    active: true,
  };
  const set = (path: string, value: unknown) => USER_SETTERS[path]!(state, value);
  if (attr(body, 'userName') === undefined) throw invalidValue('userName is required.');
  for (const key of ['userName', 'externalId', 'displayName', 'title', 'userType', 'emails'])
    set(key.toLowerCase(), attr(body, key));
  const name = attr(body, 'name');
  if (name !== undefined && name !== null) {
    if (!isObject(name)) throw invalidValue('name must be an object.');
    for (const key of ['givenName', 'familyName'])
      set(`name.${key.toLowerCase()}`, attr(name, key));
    if (!state.displayName) set('name.formatted', attr(name, 'formatted'));
  }
  if (attr(body, 'active') !== undefined) set('active', attr(body, 'active'));
  const enterprise = attr(body, SCIM.enterprise);
  if (enterprise !== undefined && enterprise !== null) {
    if (!isObject(enterprise)) throw invalidValue(`${SCIM.enterprise} must be an object.`);
    set('department', attr(enterprise, 'department'));
    set('manager', attr(enterprise, 'manager'));
  }
  return state;
}

/** The person's name: displayName, else given and family name, else userName. */
export function fullNameOf(s: ScimUserState): string {
  const joined = [s.givenName, s.familyName].filter(Boolean).join(' ');
  const name = s.displayName ?? (joined || s.userName);
  return (name.length >= 2 ? name : s.userName.padEnd(2, '_')).slice(0, 200);
}

/** The person's email: the one sent, else an email-shaped userName; a person must have one. */
export function emailOf(s: ScimUserState): string {
  if (s.email) return s.email;
  if (EMAIL.test(s.userName)) return s.userName.toLowerCase();
  throw invalidValue('Send a work email in emails, or a userName that is an email address.');
}

/** Contractors by userType; everyone else provisioned is an employee. */
export function personTypeOf(s: ScimUserState): 'employee' | 'contractor' {
  return s.userType && /contract/i.test(s.userType) ? 'contractor' : 'employee';
}

export interface ScimUserMeta {
  id: string;
  created: Date;
  lastModified: Date;
  version: number;
  location: string;
  /** The manager's SCIM id, when the reference resolved to a person. */
  managerId: string | null;
  /** The person's end date, when the identity provider deactivated them or Vigil recorded one. */
  endDate: string | null;
}

/** The User resource answered for a person (RFC 7643 §4.1, with the enterprise extension). */
export function renderUser(s: ScimUserState, meta: ScimUserMeta) {
  const enterprise: Record<string, unknown> = {};
  if (s.department) enterprise.department = s.department;
  if (meta.managerId) enterprise.manager = { value: meta.managerId };
  const name: Record<string, string> = { formatted: fullNameOf(s) };
  if (s.givenName) name.givenName = s.givenName;
  if (s.familyName) name.familyName = s.familyName;
  return {
    schemas: [SCIM.user, ...(Object.keys(enterprise).length ? [SCIM.enterprise] : [])],
    id: meta.id,
    ...(s.externalId ? { externalId: s.externalId } : {}),
    userName: s.userName,
    name,
    displayName: fullNameOf(s),
    ...(s.title ? { title: s.title } : {}),
    ...(s.userType ? { userType: s.userType } : {}),
    active: s.active,
    emails: [{ value: emailOf(s), type: 'work', primary: true }],
    ...(Object.keys(enterprise).length ? { [SCIM.enterprise]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: meta.created.toISOString(),
      lastModified: meta.lastModified.toISOString(),
      version: `W/"${meta.version}"`,
      location: meta.location,
    },
  };
}
