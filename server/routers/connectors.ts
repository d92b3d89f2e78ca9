import {
  connectorIdSchema,
  connectorRunsSchema,
  createConnectorSchema,
  replaceConnectorSecretSchema,
  setConnectorIntervalSchema,
} from '@/server/domain/connectors/inputs';
import { CONNECTOR_ADMINS } from '@/server/domain/tenancy/roles';
import {
  createConnector,
  deleteConnector,
  pauseConnector,
  replaceConnectorSecret,
  resumeConnector,
  runConnectorNow,
  setConnectorInterval,
} from '@/server/services/connectors/connector-commands';
import { listConnectorRuns, listConnectors } from '@/server/services/connectors/connector-queries';
import { connectorActor } from '@/server/services/connectors/connector-rows';
import { testConnector } from '@/server/services/connectors/connector-test';
import { createRouter, orgProcedure } from '@/server/trpc/init';

/** Connectors (docs/CONNECTORS.md): admins only, they hold the providers' credentials. */
export const connectorsRouter = createRouter({
  list: orgProcedure(CONNECTOR_ADMINS).query(({ ctx }) => listConnectors(ctx.actor)),
  runs: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorRunsSchema)
    .query(({ ctx, input }) => listConnectorRuns(ctx.actor, input)),
  create: orgProcedure(CONNECTOR_ADMINS)
    .input(createConnectorSchema)
    .mutation(({ ctx, input }) => createConnector(connectorActor(ctx.actor), input)),
  test: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorIdSchema)
    .mutation(({ ctx, input }) => testConnector(connectorActor(ctx.actor), input)),
  runNow: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorIdSchema)
    .mutation(({ ctx, input }) => runConnectorNow(connectorActor(ctx.actor), input)),
  pause: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorIdSchema)
    .mutation(({ ctx, input }) => pauseConnector(connectorActor(ctx.actor), input)),
  resume: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorIdSchema)
    .mutation(({ ctx, input }) => resumeConnector(connectorActor(ctx.actor), input)),
  replaceSecret: orgProcedure(CONNECTOR_ADMINS)
    .input(replaceConnectorSecretSchema)
    .mutation(({ ctx, input }) => replaceConnectorSecret(connectorActor(ctx.actor), input)),
  setInterval: orgProcedure(CONNECTOR_ADMINS)
    .input(setConnectorIntervalSchema)
    .mutation(({ ctx, input }) => setConnectorInterval(connectorActor(ctx.actor), input)),
  remove: orgProcedure(CONNECTOR_ADMINS)
    .input(connectorIdSchema)
    .mutation(({ ctx, input }) => deleteConnector(connectorActor(ctx.actor), input)),
});
