import { invalidPath, invalidSyntax, invalidValue, SCIM, ScimError, scimBoolean } from './protocol';
import { attr, ENTERPRISE_ATTRIBUTES, USER_SETTERS, type ScimUserState } from './user';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path: string | null;
  value: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A PatchOp body (RFC 7644 §3.5.2). `op` is matched case-insensitively because Entra ID sends
 * `"Replace"`, `"Add"` and `"Remove"` (docs/SCIM.md §Quirks).
 */
export function parsePatchBody(body: unknown, maxOperations = 1000): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax('The body must be a PatchOp object.');
  const schemas = attr(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(SCIM.patch))
    throw invalidSyntax(`A PATCH body must name the schema ${SCIM.patch}.`);
  const operations = attr(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw invalidSyntax('A PATCH body needs a non-empty Operations list.');
  if (operations.length > maxOperations)
    throw invalidSyntax(`A PATCH body may carry at most ${maxOperations} operations.`);
  return operations.map((raw, i) => {
    if (!isObject(raw)) throw invalidSyntax(`Operation ${i + 1} is not an object.`);
    const op = String(attr(raw, 'op') ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw invalidSyntax(`Operation ${i + 1}: op must be add, replace or remove.`);
    const path = attr(raw, 'path');
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.length > 500))
      throw invalidPath(`Operation ${i + 1}: path must be a string.`);
    const value = attr(raw, 'value');
    if (op !== 'remove' && value === undefined)
      throw invalidValue(`Operation ${i + 1}: ${op} needs a value.`);
    if (op === 'remove' && !path)
      throw new ScimError(400, 'noTarget', `Operation ${i + 1}: remove needs a path.`);
    return { op, path: path ? path.trim() : null, value };
  });
}

export interface ParsedPath {
  /** Lower-cased attribute, with `.sub` when the path names a sub-attribute. */
  attribute: string;
  /** The value filter inside brackets, if any: `type eq "work"` → { type: 'work' }. */
  filter: { attribute: string; value: string } | null;
}

const PATH =
  /^([A-Za-z][\w-]*)(?:\[\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\])?(?:\.([A-Za-z][\w-]*))?$/i;

/**
 * A PATCH path: `attr`, `attr.sub`, `attr[sub eq "v"]`, `attr[sub eq "v"].sub`, optionally
 * prefixed by a schema URN (`urn:…:enterprise:2.0:User:department`). Filters other than
 * `eq` are refused with invalidPath (docs/SCIM.md §PATCH).
 */
export function parsePath(path: string): ParsedPath {
  let rest = path;
  const urn = /^(urn:ietf:params:scim:schemas:[\w:.]+?:2\.0:(?:User|Group)):/i.exec(path);
  if (urn) rest = path.slice(urn[0].length);
  const match = PATH.exec(rest);
  if (!match) throw invalidPath(`Unsupported path: ${path.slice(0, 200)}`);
  const [, name, filterAttr, filterValue, sub] = match;
  return {
    attribute: (sub ? `${name}.${sub}` : name!).toLowerCase(),
    filter: filterAttr
      ? { attribute: filterAttr.toLowerCase(), value: filterValue!.replace(/\\(.)/g, '$1') }
      : null,
  };
}

/** Spreads a path-less value (`{"active": false}`, `{"name": {...}}`) into (path, value) pairs. */
function spread(value: unknown, prefix = ''): [string, unknown][] {
  if (!isObject(value)) throw invalidValue('An operation without a path needs an object value.');
  const pairs: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === SCIM.enterprise.toLowerCase() || lower === SCIM.user.toLowerCase()) {
      if (v !== null) pairs.push(...spread(v));
    } else if (lower === 'name' && isObject(v) && !prefix) pairs.push(...spread(v, 'name.'));
    else pairs.push([`${prefix}${key}`, v]);
  }
  return pairs;
}

/** Whether a filtered email path names the one email Vigil keeps (the work or primary one). */
function namesKeptEmail(filter: ParsedPath['filter']): boolean {
  if (!filter) return true;
  if (filter.attribute === 'type') return filter.value.toLowerCase() === 'work';
  if (filter.attribute === 'primary') return scimBoolean(filter.value) === true;
  if (filter.attribute === 'value') return true;
  return false;
}

/** The attributes Vigil does not keep are ignored (docs/SCIM.md §Mapping), never refused. */
function applyOne(state: ScimUserState, op: PatchOpName, path: string, value: unknown): void {
  const parsed = parsePath(path);
  let attribute = parsed.attribute;
  if (attribute.startsWith('emails')) {
    if (!namesKeptEmail(parsed.filter)) return;
    if (parsed.filter && attribute === 'emails') {
      // `emails[type eq "work"]` with `{ "value": … }`.
      attribute = 'emails.value';
      if (isObject(value)) value = attr(value, 'value');
    }
  } else if (parsed.filter) return;
  const setter = USER_SETTERS[attribute];
  if (!setter) {
    if (ENTERPRISE_ATTRIBUTES.has(attribute)) return;
    if (attribute === 'name' && op === 'remove')
      Object.assign(state, { givenName: null, familyName: null, displayName: null });
    else if (attribute === 'name' && isObject(value))
      for (const [p, v] of spread(value, 'name.')) applyOne(state, op, p, v);
    return;
  }
  setter(state, op === 'remove' ? null : value);
}

/**
 * Applies a PatchOp to a user (pure). Atomic: the caller keeps the original on any error
 * (RFC 7644 §3.5.2). Okta's deactivation comes without a path (`{"op":"replace","value":
 * {"active":false}}`), so path-less values are spread into their attributes.
 */
export function applyUserPatch(before: ScimUserState, operations: PatchOperation[]): ScimUserState {
  const state = { ...before };
  for (const { op, path, value } of operations) {
    if (path) applyOne(state, op, path, value);
    else for (const [p, v] of spread(value)) applyOne(state, op, p, v);
  }
  return state;
}
