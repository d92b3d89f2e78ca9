import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signals } from '@/db/schema';
import { recordSignalEvents } from '@/server/services/outbound/events';

/** Signals raised by the product itself (not by log detectors), tagged with this version. */
export const PRODUCT_SIGNAL_VERSION = 'product-2026.11';

export interface ProductSignal {
  kind: 'watchlist_match' | 'screening_gap' | 'attestation_disclosure' | 'identity_reuse';
  personId: string;
  vendorId: string | null;
  severity: 'low' | 'medium' | 'high' | 'critical';
  dedupeKey: string;
  explanation: string;
  /** jsonb: plain values, or lists and objects a UI can link (identity_reuse's holders). */
  stats: Record<string, unknown>;
  at: Date;
}

/** Upserts on the stable key: refreshes the finding, never reopens one already triaged. */
export async function upsertProductSignal(tx: Tx, orgId: string, s: ProductSignal): Promise<void> {
  const [row] = await tx
    .insert(signals)
    .values({
      orgId,
      kind: s.kind,
      personId: s.personId,
      vendorId: s.vendorId,
      severity: s.severity,
      windowStart: s.at,
      windowEnd: s.at,
      dedupeKey: s.dedupeKey,
      explanation: s.explanation,
      stats: s.stats,
      detectorVersion: PRODUCT_SIGNAL_VERSION,
    })
    .onConflictDoUpdate({
      target: [signals.orgId, signals.dedupeKey],
      set: {
        severity: s.severity,
        explanation: s.explanation,
        stats: s.stats,
        windowEnd: s.at,
        updatedAt: new Date(),
      },
    })
    .returning({ id: signals.id, inserted: sql<boolean>`(xmax = 0)` });
  if (row?.inserted) await recordSignalEvents(tx, orgId, 'signal.created', [row.id]);
}

/** Closes a product signal with a reason (e.g. its watchlist match was reviewed a false positive). */
export async function dismissProductSignal(
  tx: Tx,
  orgId: string,
  dedupeKey: string,
  reason: string,
  userId: string | null,
): Promise<void> {
  await tx
    .update(signals)
    .set({
      status: 'dismissed',
      statusReason: reason,
      statusBy: userId,
      statusAt: new Date(),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(signals.orgId, orgId),
        eq(signals.dedupeKey, dedupeKey),
        sql`${signals.status} <> 'dismissed'`,
      ),
    );
}
