import {
  chatKindSchema,
  connectSlackSchema,
  connectTeamsSchema,
  setSlackChannelSchema,
} from '@/server/domain/chat/inputs';
import { TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import {
  connectSlack,
  connectTeams,
  disconnectChat,
  setSlackChannel,
} from '@/server/services/chat/connection-commands';
import { listChatConnections } from '@/server/services/chat/connection-queries';
import { sendChatTest } from '@/server/services/chat/test-message';
import { createRouter, orgProcedure } from '@/server/trpc/init';

// Chat connections hold tokens and decide where approvals go: admins only (docs/INTEGRATIONS.md §Slack).
export const integrationsRouter = createRouter({
  list: orgProcedure(TENANT_ADMIN).query(({ ctx }) => listChatConnections(ctx.actor)),
  connectSlack: orgProcedure(TENANT_ADMIN)
    .input(connectSlackSchema)
    .mutation(({ ctx, input }) => connectSlack(ctx.actor, input)),
  connectTeams: orgProcedure(TENANT_ADMIN)
    .input(connectTeamsSchema)
    .mutation(({ ctx, input }) => connectTeams(ctx.actor, input)),
  setSlackChannel: orgProcedure(TENANT_ADMIN)
    .input(setSlackChannelSchema)
    .mutation(({ ctx, input }) => setSlackChannel(ctx.actor, input)),
  disconnect: orgProcedure(TENANT_ADMIN)
    .input(chatKindSchema)
    .mutation(({ ctx, input }) => disconnectChat(ctx.actor, input)),
  sendTest: orgProcedure(TENANT_ADMIN)
    .input(chatKindSchema)
    .mutation(({ ctx, input }) => sendChatTest(ctx.actor, input)),
});
