import {
  identifierKindSchema,
  normalizeIdentifier,
  type IdentifierKind,
} from '../inventory/identifiers';
import { HASHED_PREFIX, isShareableKind } from './identifiers';

// STIX 2.1 patterns over a person's identifiers (docs/IMPOSTORS.md §STIX patterns):
//   email                      [email-addr:value = 'x@y.z']
//   github, linkedin, telegram [user-account:account_type = 'github' AND user-account:account_login = 'h']
//   any other kind             [x-vigil-identifier:kind = 'phone' AND x-vigil-identifier:value = '+1…']
//   hashed, every kind         [x-vigil-identifier:kind = 'email' AND x-vigil-identifier:hashes.'SHA-256' = '…']
// A profile's identifiers are OR-ed observation expressions: any one of them is the profile.

export interface PatternIdentifier {
  kind: IdentifierKind;
  /** Normalized value, or `sha256:<hex>` for a hashed one. */
  value: string;
}

const ACCOUNT_KINDS = new Set<string>(['github', 'linkedin', 'telegram']);
export const CUSTOM_OBJECT = 'x-vigil-identifier';

/** A STIX pattern string literal: single quotes, with `\` and `'` escaped. */
export const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function observation(id: PatternIdentifier): string {
  if (id.value.startsWith(HASHED_PREFIX))
    return `[${CUSTOM_OBJECT}:kind = ${quote(id.kind)} AND ${CUSTOM_OBJECT}:hashes.'SHA-256' = ${quote(id.value.slice(HASHED_PREFIX.length))}]`;
  if (id.kind === 'email') return `[email-addr:value = ${quote(id.value)}]`;
  if (ACCOUNT_KINDS.has(id.kind))
    return `[user-account:account_type = ${quote(id.kind)} AND user-account:account_login = ${quote(id.value)}]`;
  return `[${CUSTOM_OBJECT}:kind = ${quote(id.kind)} AND ${CUSTOM_OBJECT}:value = ${quote(id.value)}]`;
}

/** The pattern of one profile; identifiers sorted so a re-export writes the same string. */
export function buildPattern(identifiers: readonly PatternIdentifier[]): string {
  return [...new Set(identifiers.map(observation))].sort().join(' OR ');
}

// --- Parsing -----------------------------------------------------------------------------------

/** The STIX 2.1 cyber-observable types a pattern may name; custom ones start with `x-`. */
export const SCO_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

type Token =
  | { t: 'punct'; v: '[' | ']' | '(' | ')' | ',' }
  | { t: 'op'; v: string }
  | { t: 'word'; v: string }
  | { t: 'path'; type: string; path: string }
  | { t: 'literal'; v: string | number | boolean; str: boolean };

const OPS = ['!=', '<>', '<=', '>=', '=', '<', '>'];
const WORD_OPS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const PATH =
  /^([a-z0-9][a-z0-9-]*[a-z0-9]):((?:[a-z0-9_]+|'(?:[^'\\]|\\.)*')(?:\[(?:\*|\d+)\])?(?:\.(?:[a-z0-9_]+|'(?:[^'\\]|\\.)*')(?:\[(?:\*|\d+)\])?)*)/;

function readString(src: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      const next = src[i + 1];
      if (next !== '\\' && next !== "'") throw new Error(`bad escape at ${i}`);
      value += next;
      i++;
    } else if (ch === "'") return { value, end: i + 1 };
    else value += ch;
  }
  throw new Error('unterminated string');
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const ch = src[i]!;
    if ('[](),'.includes(ch)) {
      tokens.push({ t: 'punct', v: ch as '[' });
      i++;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    if (ch === "'") {
      const s = readString(src, i);
      tokens.push({ t: 'literal', v: s.value, str: true });
      i = s.end;
      continue;
    }
    // Typed literals: t'timestamp', b'base64', h'hex'.
    if (/^[tbh]'/.test(rest)) {
      const s = readString(src, i + 1);
      tokens.push({ t: 'literal', v: s.value, str: false });
      i = s.end;
      continue;
    }
    const path = PATH.exec(rest);
    if (path) {
      tokens.push({ t: 'path', type: path[1]!, path: path[2]! });
      i += path[0].length;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: 'literal', v: Number(num[0]), str: false });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(rest);
    if (word) {
      const w = word[0];
      if (w === 'true' || w === 'false') tokens.push({ t: 'literal', v: w === 'true', str: false });
      else tokens.push({ t: 'word', v: w });
      i += w.length;
      continue;
    }
    throw new Error(`unexpected "${ch}" at ${i}`);
  }
  return tokens;
}

const WHAT: Record<Token['t'], string> = {
  path: 'an object path (type:property)',
  literal: 'a value',
  punct: 'punctuation',
  op: 'an operator',
  word: 'a keyword',
};

interface Comparison {
  type: string;
  path: string;
  op: string;
  value: string | number | boolean | null;
}

/** A recursive-descent reader of the STIX 2.1 pattern grammar; collects each observation's tests. */
class Reader {
  private i = 0;
  readonly observations: Comparison[][] = [];
  private current: Comparison[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek = () => this.tokens[this.i];
  private next = () => this.tokens[this.i++];
  private isWord = (w: string) => {
    const t = this.peek();
    return t?.t === 'word' && t.v.toUpperCase() === w;
  };
  private expect(kind: Token['t'], v?: string) {
    const t = this.next();
    if (!t || t.t !== kind || (v !== undefined && 'v' in t && t.v !== v))
      throw new Error(`expected ${v ?? WHAT[kind]}${t ? '' : ' before the end'}`);
    return t;
  }

  pattern() {
    this.observationExpressions();
    if (this.i < this.tokens.length) throw new Error('unexpected text after the pattern');
  }

  private observationExpressions() {
    this.observationOr();
    while (this.isWord('FOLLOWEDBY')) {
      this.next();
      this.observationOr();
    }
  }
  private observationOr() {
    this.observationAnd();
    while (this.isWord('OR')) {
      this.next();
      this.observationAnd();
    }
  }
  private observationAnd() {
    this.observation();
    while (this.isWord('AND')) {
      this.next();
      this.observation();
    }
  }
  private observation() {
    const t = this.next();
    if (t?.t === 'punct' && t.v === '[') {
      this.current = [];
      this.comparisonOr();
      this.expect('punct', ']');
      this.observations.push(this.current);
    } else if (t?.t === 'punct' && t.v === '(') {
      this.observationExpressions();
      this.expect('punct', ')');
    } else throw new Error('expected [ or (');
    this.qualifiers();
  }
  private qualifiers() {
    for (;;) {
      if (this.isWord('WITHIN')) {
        this.next();
        this.expect('literal');
        if (!this.isWord('SECONDS')) throw new Error('expected SECONDS');
        this.next();
      } else if (this.isWord('REPEATS')) {
        this.next();
        this.expect('literal');
        if (!this.isWord('TIMES')) throw new Error('expected TIMES');
        this.next();
      } else if (this.isWord('START')) {
        this.next();
        this.expect('literal');
        if (!this.isWord('STOP')) throw new Error('expected STOP');
        this.next();
        this.expect('literal');
      } else return;
    }
  }
  private comparisonOr() {
    this.comparisonAnd();
    while (this.isWord('OR')) {
      this.next();
      this.comparisonAnd();
    }
  }
  private comparisonAnd() {
    this.test();
    while (this.isWord('AND')) {
      this.next();
      this.test();
    }
  }
  private test() {
    const t = this.peek();
    if (t?.t === 'punct' && t.v === '(') {
      this.next();
      this.comparisonOr();
      this.expect('punct', ')');
      return;
    }
    if (this.isWord('EXISTS')) {
      this.next();
      this.expect('path');
      return;
    }
    const path = this.expect('path') as Extract<Token, { t: 'path' }>;
    if (!SCO_TYPES.has(path.type) && !path.type.startsWith('x-'))
      throw new Error(`unknown object type "${path.type}"`);
    let negated = false;
    if (this.isWord('NOT')) {
      this.next();
      negated = true;
    }
    const op = this.next();
    if (op?.t === 'op') {
      const lit = this.expect('literal') as Extract<Token, { t: 'literal' }>;
      this.current.push({
        type: path.type,
        path: path.path,
        op: negated ? `NOT ${op.v}` : op.v,
        value: lit.str ? lit.v : null,
      });
      return;
    }
    if (op?.t === 'word' && WORD_OPS.has(op.v.toUpperCase())) {
      if (op.v.toUpperCase() === 'IN') {
        this.expect('punct', '(');
        this.expect('literal');
        while (this.peek()?.t === 'punct' && (this.peek() as { v: string }).v === ',') {
          this.next();
          this.expect('literal');
        }
        this.expect('punct', ')');
      } else this.expect('literal');
      return;
    }
    throw new Error(`expected a comparison operator after ${path.type}:${path.path}`);
  }
}

export type ParsedPattern =
  { ok: true; identifiers: PatternIdentifier[] } | { ok: false; error: string };

const valuesOf = (tests: Comparison[], path: string) =>
  tests
    .filter((c) => c.path === path && c.op === '=' && typeof c.value === 'string')
    .map((c) => c.value as string);

/**
 * Reads the identifiers out of a STIX 2.1 pattern: equality tests on the paths of the table
 * above. A syntax error, an unknown object type, or a pattern naming no identifier Vigil screens
 * on is an error; values are normalized as the watchlist's own are.
 */
export function parsePattern(pattern: string): ParsedPattern {
  const reader = (() => {
    try {
      const r = new Reader(tokenize(pattern));
      r.pattern();
      return r;
    } catch (error) {
      return (error as Error).message;
    }
  })();
  if (typeof reader === 'string') return { ok: false, error: `invalid STIX pattern: ${reader}` };
  const found: PatternIdentifier[] = [];
  const problems: string[] = [];
  const add = (kindText: string, raw: string, hashed: boolean) => {
    const kind = identifierKindSchema.safeParse(kindText);
    if (!kind.success || !isShareableKind(kind.data)) {
      problems.push(`unknown identifier kind "${kindText}"`);
      return;
    }
    if (hashed) {
      const hex = raw.toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hex)) problems.push(`"${raw}" is not a SHA-256 hash`);
      else found.push({ kind: kind.data, value: `${HASHED_PREFIX}${hex}` });
      return;
    }
    const normalized = normalizeIdentifier(kind.data, raw);
    if (normalized.ok) found.push({ kind: kind.data, value: normalized.value });
    else problems.push(normalized.error);
  };
  for (const tests of reader.observations) {
    const ofType = (type: string) => tests.filter((c) => c.type === type);
    for (const v of valuesOf(ofType('email-addr'), 'value')) add('email', v, false);
    const accounts = ofType('user-account');
    const accountTypes = valuesOf(accounts, 'account_type');
    const logins = valuesOf(accounts, 'account_login');
    if (logins.length && accountTypes.length === 1) {
      if (ACCOUNT_KINDS.has(accountTypes[0]!))
        for (const v of logins) add(accountTypes[0]!, v, false);
    }
    const custom = ofType(CUSTOM_OBJECT);
    const kinds = valuesOf(custom, 'kind');
    const values = valuesOf(custom, 'value');
    const hashes = valuesOf(custom, "hashes.'SHA-256'");
    if (values.length || hashes.length) {
      if (kinds.length !== 1) {
        problems.push(`${CUSTOM_OBJECT} needs exactly one kind in each observation`);
        continue;
      }
      for (const v of values) add(kinds[0]!, v, false);
      for (const v of hashes) add(kinds[0]!, v, true);
    }
  }
  if (problems.length) return { ok: false, error: problems.join('; ') };
  if (!found.length)
    return { ok: false, error: 'the pattern names no identifier Vigil screens on' };
  const seen = new Set<string>();
  return {
    ok: true,
    identifiers: found.filter((f) => {
      const key = `${f.kind}:${f.value}`;
      return seen.has(key) ? false : (seen.add(key), true);
    }),
  };
}
