import { z } from 'zod';
import type { Stats } from './facts';

// The linked things a signal's stats name (docs/PRODUCT.md §The signal page), read back through a
// schema since a stored row may predate a field: an incident chain's parts, the other holders of a
// reused identifier, a ticket mismatch's lookups. Anything malformed is left out, never thrown.

const UUID = z.uuid();

const chainPartSchema = z.object({
  signalId: z.string().optional(),
  kind: z.string(),
  severity: z.string(),
  dedupeKey: z.string(),
  windowStart: z.iso.datetime({ offset: true }),
  windowEnd: z.iso.datetime({ offset: true }).optional(),
  roles: z.array(z.string()).optional(),
});
export type StoredChainPart = z.output<typeof chainPartSchema>;

const listOf = <T extends z.ZodType>(item: T, raw: unknown): z.output<T>[] =>
  Array.isArray(raw)
    ? raw.flatMap((v) => {
        const r = item.safeParse(v);
        return r.success ? [r.data] : [];
      })
    : [];

/** An incident chain's parts (`stats.parts`, docs/DETECTORS.md §Chains), in time order. */
export function chainPartsOf(stats: Stats): StoredChainPart[] {
  return listOf(chainPartSchema, stats.parts)
    .map((p) => ({
      ...p,
      signalId: p.signalId && UUID.safeParse(p.signalId).success ? p.signalId : undefined,
    }))
    .sort(
      (a, b) =>
        Date.parse(a.windowStart) - Date.parse(b.windowStart) ||
        (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0),
    );
}

const holderSchema = z.object({ personId: z.uuid(), type: z.string() });

/** The other people and watchlist entries holding a reused identifier (docs/DETECTORS.md §Identity reuse). */
export function reuseHoldersOf(stats: Stats): {
  sharedWith: z.output<typeof holderSchema>[];
  watchlistEntryIds: string[];
} {
  return {
    sharedWith: listOf(holderSchema, stats.sharedWith),
    watchlistEntryIds: listOf(UUID, stats.watchlistEntryIds),
  };
}

const mismatchSchema = z.object({
  ticket: z.string(),
  about: z.array(z.string()),
  aboutCount: z.number().int().nonnegative(),
  opened: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type StoredTicketMismatch = z.output<typeof mismatchSchema>;

/** A ticket_mismatch signal's lookups (`stats.mismatches`, docs/DETECTORS.md §Ticket feed). */
export function ticketMismatchesOf(stats: Stats): StoredTicketMismatch[] {
  return listOf(mismatchSchema, stats.mismatches);
}
