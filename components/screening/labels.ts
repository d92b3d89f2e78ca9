import { z } from 'zod';
import { IDENTIFIER_LABELS } from '@/components/people/labels';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@/server/domain/inventory/identifiers';

export const MATCH_STATUSES = ['open', 'confirmed', 'false_positive'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = {
  open: 'Open',
  confirmed: 'Confirmed',
  false_positive: 'False positive',
};

export const MATCH_STATUS_BADGES: Record<MatchStatus, string> = {
  open: 'badge-warn',
  confirmed: 'badge-danger',
  false_positive: 'badge-ok',
};

export function identifierKindLabel(kind: string): string {
  return (IDENTIFIER_KINDS as readonly string[]).includes(kind)
    ? IDENTIFIER_LABELS[kind as IdentifierKind]
    : kind;
}

export interface MatchedOn {
  /** `name` for a fuzzy name/alias hit, else the identifier kind. */
  kind: string;
  label: string;
  value: string;
}

/** The matcher records hits as `kind:value` (e.g. `email:x@y.z`, `name:Jun Reyes`). */
export function parseMatchedOn(raw: string): MatchedOn {
  const at = raw.indexOf(':');
  const kind = at > 0 ? raw.slice(0, at) : 'name';
  const value = at > 0 ? raw.slice(at + 1) : raw;
  return { kind, label: kind === 'name' ? 'Name or alias' : identifierKindLabel(kind), value };
}

/**
 * How sure the match is, in words: an identifier hit is exact; a name-only hit carries its
 * Jaro-Winkler score, never rounded up to 100% unless the names are equal.
 */
export function describeScore(similarity: number, matchedOn: string[]): string {
  const identifierHit = matchedOn.some((m) => parseMatchedOn(m).kind !== 'name');
  if (identifierHit) return 'Exact identifier match';
  if (similarity >= 1) return 'Exact name match';
  return `${Math.min(99, Math.round(similarity * 100))}% name similarity`;
}

const identifiersSchema = z.array(z.object({ kind: z.string(), value: z.string() }));

/** A watchlist entry's stored identifiers (jsonb), grouped by kind in a stable order. */
export function identifiersByKind(stored: unknown): { kind: string; values: string[] }[] {
  const parsed = identifiersSchema.safeParse(stored);
  if (!parsed.success) return [];
  const groups = new Map<string, string[]>();
  for (const { kind, value } of parsed.data) groups.set(kind, [...(groups.get(kind) ?? []), value]);
  const order = (kind: string) => {
    const i = (IDENTIFIER_KINDS as readonly string[]).indexOf(kind);
    return i === -1 ? IDENTIFIER_KINDS.length : i;
  };
  return [...groups.entries()]
    .map(([kind, values]) => ({ kind, values }))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.kind.localeCompare(b.kind));
}
