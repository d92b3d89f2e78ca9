import { z } from 'zod';
import { DEFAULT_INTERVAL_MINUTES } from './kinds';
import { oktaSettingsSchema } from './okta';

/**
 * What an admin (the settings page) or an operator (the CLI) may send about connectors
 * (docs/CONNECTORS.md). One branch per kind: its settings schema comes from the kind's file.
 */
const nameSchema = z
  .string()
  .trim()
  .min(1, 'Name the connector, e.g. “Okta production”')
  .max(80, 'At most 80 characters');

const secretSchema = z
  .string()
  .trim()
  .min(8, 'Paste the whole token')
  .max(4000, 'That is longer than any token');

export const intervalMinutesSchema = z.coerce
  .number()
  .int('Whole minutes')
  .min(1, 'At least every minute')
  .max(1440, 'At least once a day');

const common = {
  name: nameSchema,
  secret: secretSchema,
  intervalMinutes: intervalMinutesSchema.default(DEFAULT_INTERVAL_MINUTES),
};

export const createConnectorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('okta'), ...common, settings: oktaSettingsSchema }),
]);
export type CreateConnectorInput = z.output<typeof createConnectorSchema>;

export const connectorIdSchema = z.object({ id: z.uuid() });
export type ConnectorIdInput = z.output<typeof connectorIdSchema>;

export const replaceConnectorSecretSchema = z.object({ id: z.uuid(), secret: secretSchema });
export type ReplaceConnectorSecretInput = z.output<typeof replaceConnectorSecretSchema>;

export const setConnectorIntervalSchema = z.object({
  id: z.uuid(),
  intervalMinutes: intervalMinutesSchema,
});
export type SetConnectorIntervalInput = z.output<typeof setConnectorIntervalSchema>;

export const connectorRunsSchema = z.object({
  id: z.uuid(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ConnectorRunsInput = z.output<typeof connectorRunsSchema>;

/** The CLI names connectors, not ids. */
export const connectorNameSchema = nameSchema;
