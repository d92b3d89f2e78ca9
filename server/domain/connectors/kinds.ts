import { z } from 'zod';
import type { IngestFormat } from '@/server/domain/ingest/parse-events';
import { oktaSettingsSchema } from './okta';

/**
 * The kinds of connector (docs/CONNECTORS.md §Model). A new kind adds its name here, its settings
 * schema in its own domain file (as `okta.ts` does) and its source in
 * `server/services/connectors/sources/`; nothing else changes.
 */
export const CONNECTOR_KINDS = ['okta'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export const CONNECTOR_STATUSES = ['active', 'paused', 'needs_attention'] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export const CONNECTOR_RUN_OUTCOMES = [
  'running',
  'succeeded',
  'failed',
  'needs_attention',
] as const;
export type ConnectorRunOutcome = (typeof CONNECTOR_RUN_OUTCOMES)[number];

export const CONNECTOR_RUN_TRIGGERS = ['schedule', 'manual', 'cli'] as const;
export type ConnectorRunTrigger = (typeof CONNECTOR_RUN_TRIGGERS)[number];

/** What every kind declares: its label, its settings and the parser its records go through. */
export interface ConnectorKindInfo {
  label: string;
  /** The existing ingest parser that reads this kind's records (docs/INGEST.md). */
  format: IngestFormat;
  settings: z.ZodType<Record<string, unknown>>;
  /** What the secret is, for the form and the messages ("API token"). */
  secretLabel: string;
}

export const CONNECTOR_KIND_INFO: Record<ConnectorKind, ConnectorKindInfo> = {
  okta: {
    label: 'Okta System Log',
    format: 'okta',
    settings: oktaSettingsSchema,
    secretLabel: 'API token',
  },
};

export const DEFAULT_INTERVAL_MINUTES = 15;
