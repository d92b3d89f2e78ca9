import {
  addWebhookSchema,
  listDeliveriesSchema,
  redeliverSchema,
  setWebhookStatusSchema,
  updateWebhookSchema,
  WEBHOOK_MANAGERS,
  WEBHOOK_READERS,
  webhookIdSchema,
} from '@/server/domain/webhooks/inputs';
import { redeliverWebhook, sendTestWebhook } from '@/server/services/webhooks/delivery-commands';
import {
  addWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookStatus,
  updateWebhookEndpoint,
  webhookActor,
} from '@/server/services/webhooks/endpoint-commands';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/server/services/webhooks/queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const webhooksRouter = createRouter({
  list: orgProcedure(WEBHOOK_READERS).query(({ ctx }) => listWebhookEndpoints(ctx.actor)),
  deliveries: orgProcedure(WEBHOOK_READERS)
    .input(listDeliveriesSchema)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.actor, input)),
  add: orgProcedure(WEBHOOK_MANAGERS)
    .input(addWebhookSchema)
    .mutation(({ ctx, input }) => addWebhookEndpoint(webhookActor(ctx.actor), input)),
  update: orgProcedure(WEBHOOK_MANAGERS)
    .input(updateWebhookSchema)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(webhookActor(ctx.actor), input)),
  setStatus: orgProcedure(WEBHOOK_MANAGERS)
    .input(setWebhookStatusSchema)
    .mutation(({ ctx, input }) => setWebhookStatus(webhookActor(ctx.actor), input)),
  rotateSecret: orgProcedure(WEBHOOK_MANAGERS)
    .input(webhookIdSchema)
    .mutation(({ ctx, input }) => rotateWebhookSecret(webhookActor(ctx.actor), input)),
  delete: orgProcedure(WEBHOOK_MANAGERS)
    .input(webhookIdSchema)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(webhookActor(ctx.actor), input)),
  test: orgProcedure(WEBHOOK_MANAGERS)
    .input(webhookIdSchema)
    .mutation(({ ctx, input }) => sendTestWebhook(webhookActor(ctx.actor), input)),
  redeliver: orgProcedure(WEBHOOK_MANAGERS)
    .input(redeliverSchema)
    .mutation(({ ctx, input }) => redeliverWebhook(webhookActor(ctx.actor), input)),
});
