import { runChatDelivery } from '@/server/services/chat/delivery';
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

export const OUTBOUND_CONSUMERS: OutboundConsumer[] = [
  // Wrapped: the modules import each other, so each binding is read only when a dispatch runs.
  { name: 'chat', run: (orgId) => runChatDelivery(orgId) },
  { name: 'siem', run: (orgId) => siemConsumer.run(orgId) },
  { name: 'webhooks', run: (orgId) => webhooksConsumer.run(orgId) },
];
