import { siemConsumer } from '@/server/services/siem/jobs';
import { webhooksConsumer } from '@/server/services/webhooks/consumer';

/**
 * What reads the outbound event stream (docs/INTEGRATIONS.md §Events). Each consumer keeps its own
 * checkpoints per destination and records its own delivery state, so one failing destination
 * never holds back another; `run` must be idempotent (the queue is at-least-once).
 */
export interface OutboundConsumer {
  name: string;
  run(orgId: string): Promise<Record<string, number>>;
}

export const OUTBOUND_CONSUMERS: OutboundConsumer[] = [siemConsumer, webhooksConsumer];
