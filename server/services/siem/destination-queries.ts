import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { auditLog, outboundEvents, siemDestinations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { OutboundEventType } from '@/server/domain/outbound/events';
import { storedSiemConfigSchema } from '@/server/domain/siem/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

/**
 * The settings page's list: each destination's settings (the token only as its hint), status and
 * lag, the records after its checkpoints it still has to send.
 */
export async function listSiemDestinations(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx
      .select()
      .from(siemDestinations)
      .where(eq(siemDestinations.orgId, actor.orgId))
      .orderBy(asc(siemDestinations.createdAt));
    // One after another: the queries share the transaction's connection.
    const out = [];
    for (const r of rows) {
      const signals = r.sources.includes('signals')
        ? await tx
            .select({ n: count() })
            .from(outboundEvents)
            .where(
              and(
                eq(outboundEvents.orgId, actor.orgId),
                gt(outboundEvents.seq, r.outboundSeq),
                ...(r.eventTypes.length > 0
                  ? [inArray(outboundEvents.type, r.eventTypes as OutboundEventType[])]
                  : []),
              ),
            )
        : [{ n: 0 }];
      const audit = r.sources.includes('audit')
        ? await tx
            .select({ n: count() })
            .from(auditLog)
            .where(and(eq(auditLog.orgId, actor.orgId), gt(auditLog.seq, r.auditSeq)))
        : [{ n: 0 }];
      const config = storedSiemConfigSchema.parse(r.config);
      out.push({
        id: r.id,
        name: r.name,
        kind: r.kind,
        target:
          config.kind === 'syslog'
            ? `${config.syslog.transport}://${config.syslog.host}:${config.syslog.port} (${config.syslog.format})`
            : config.hec.url,
        tokenHint: r.tokenHint,
        sources: r.sources,
        eventTypes: r.eventTypes,
        status: r.status,
        failures: r.failures,
        nextAttemptAt: r.nextAttemptAt,
        lastSuccessAt: r.lastSuccessAt,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        checkpoints: { signals: r.outboundSeq, audit: r.auditSeq },
        lag: { signals: Number(signals[0]?.n ?? 0), audit: Number(audit[0]?.n ?? 0) },
        createdAt: r.createdAt,
      });
    }
    return out;
  });
}
