import type { ConnectorKind } from '@/server/domain/connectors/kinds';
import { oktaSource } from './okta';
import type { ConnectorSource } from './types';

/** Every kind's source; a new kind adds one line here (docs/CONNECTORS.md §Adding a kind). */
export const CONNECTOR_SOURCES: Record<ConnectorKind, ConnectorSource> = {
  okta: oktaSource,
};

export const sourceOf = (kind: ConnectorKind): ConnectorSource => CONNECTOR_SOURCES[kind];
