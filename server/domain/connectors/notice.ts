import { absoluteLink, oneLine, type Notice } from '@/server/domain/notifications/notice';

/**
 * The mail admins get when a provider refuses a connector's credentials: the connector stops
 * until someone acts, so it is said once, when it happens (docs/CONNECTORS.md §Needs attention).
 */
export function connectorAttentionNotice(
  base: string,
  connector: { id: string; name: string },
  message: string,
): Notice {
  return {
    category: 'delivery_failures',
    kind: 'connector.needs_attention',
    subject: oneLine(`Connector needs attention: ${connector.name}`),
    lines: [
      `The connector “${oneLine(connector.name, 80)}” stopped pulling logs.`,
      oneLine(message, 500),
      'It stays stopped until an admin fixes it and resumes it:',
    ],
    link: absoluteLink(base, '/settings/connectors'),
    related: { type: 'connector', id: connector.id },
  };
}
