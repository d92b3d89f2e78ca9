import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { EvidenceSection } from '@/server/domain/evidence/sections';
import type { SummaryBlock } from '@/server/domain/evidence/summary';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/**
 * What every population query may refer to. `:org` is the organization, `:start`/`:end` the
 * period as a half-open instant range, `:snapshot` the generation's snapshot time (rows created
 * later are left out).
 */
export type PopulationParams = {
  org: string;
  start: string;
  end: string;
  snapshot: string;
};

export interface KeyColumn {
  column: string;
  type: 'uuid' | 'bigint' | 'int' | 'text';
}

/**
 * One file of a package: a CSV (header row, UTF-8) whose rows a SQL query over the tenant's
 * tables produces. The query text and its parameters go into the manifest verbatim, so an
 * auditor can see (and re-run) what produced the population. Rows stream in keyset pages on
 * `keys`, never all at once.
 */
export interface EvidencePopulation {
  path: string;
  description: string;
  /** CSV header, in order; every column must be selected by `query`. */
  columns: readonly string[];
  /** A unique, ordered key among the selected columns, for keyset paging. */
  keys: readonly KeyColumn[];
  /** SELECT with named parameters :org, :start, :end, :snapshot (see PopulationParams). */
  query: string;
}

/** A section of the package: its files and what it adds to summary.pdf. */
export interface EvidenceSectionModule {
  section: EvidenceSection;
  populations: readonly EvidencePopulation[];
  /** Headline figures, completion rates, a chart and exceptions for summary.pdf. */
  summarize(q: QueryRunner, params: PopulationParams): Promise<SummaryBlock>;
}

/** Runs one statement in a short tenant transaction (so progress writes interleave on PGlite). */
export type QueryRunner = <T extends Record<string, unknown>>(
  text: string,
  params: PopulationParams,
) => Promise<T[]>;

/** Turns `:name` placeholders (not `::type` casts) into bound parameters. */
export function bindNamed(text: string, params: Record<string, string | number | null>): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/(?<!:):([a-z_][a-z0-9_]*)/g)) {
    const name = m[1]!;
    if (!(name in params)) throw new Error(`evidence query uses :${name}, which is not bound`);
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${params[name]}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks, sql.raw(''));
}

export async function runNamed<T>(
  tx: Tx,
  text: string,
  params: Record<string, string | number | null>,
): Promise<T[]> {
  return rowsOf<T>(await tx.execute(bindNamed(text, params)));
}

/** The population query wrapped for one keyset page after `after` (null: the first page). */
export function pageQuery(p: EvidencePopulation, first: boolean, limit: number): string {
  const cols = p.keys.map((k) => `q.${k.column}`).join(', ');
  const vals = p.keys.map((k, i) => `:k${i}::${k.type}`).join(', ');
  const where = first ? '' : `where (${cols}) > (${vals})`;
  return `select * from (${p.query}) q ${where} order by ${cols} limit ${limit}`;
}

const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

/** One cell as text, the same whichever driver read it: instants in ISO 8601 UTC. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    const m = PG_TIMESTAMP.exec(value);
    if (m) return new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString();
    return value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
