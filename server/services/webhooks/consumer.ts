import type { OutboundConsumer } from '@/server/services/outbound/consumers';
import { deliverDueWebhooks } from './deliver';
import { fanOutWebhooks } from './fan-out';

/** Webhooks as a reader of the outbound stream (docs/INTEGRATIONS.md §Webhooks). */
export const webhooksConsumer: OutboundConsumer = {
  name: 'webhooks',
  async run(orgId) {
    const fannedOut = await fanOutWebhooks(orgId);
    const sent = await deliverDueWebhooks(orgId);
    return { fannedOut, ...sent };
  },
};
