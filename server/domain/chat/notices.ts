import { OUTBOUND_EVENT_DATA, type OutboundEventType } from '@/server/domain/outbound/events';
import type { NoticeFacts } from './messages';

/**
 * Which events a connection posts to its channel (docs/INTEGRATIONS.md §Slack): critical new
 * signals, escalations and opened cases. Everything else (and a signal below critical) is not
 * chat material and yields null. Approval steps are handled apart (they go to the approver).
 */
export function channelNotice(type: OutboundEventType, data: unknown): NoticeFacts | null {
  if (type === 'signal.created' || type === 'signal.escalated') {
    const parsed = OUTBOUND_EVENT_DATA[type].safeParse(data);
    if (!parsed.success) return null;
    const { signal, person } = parsed.data;
    if (type === 'signal.created' && signal.severity !== 'critical') return null;
    const who = person ? person.name : 'an unknown actor';
    const facts = [
      { label: 'Severity', value: signal.severity },
      { label: 'Kind', value: signal.kind },
      { label: 'Person', value: person?.email ? `${person.name} (${person.email})` : who },
    ];
    if (type === 'signal.escalated' && parsed.data.case)
      facts.push({ label: 'Case', value: parsed.data.case.reference });
    return {
      title:
        type === 'signal.created'
          ? `Critical signal: ${signal.kind.replace(/_/g, ' ')} (${who})`
          : `Signal escalated to a case: ${signal.kind.replace(/_/g, ' ')} (${who})`,
      summary: signal.explanation,
      facts,
      url: type === 'signal.escalated' && parsed.data.case ? parsed.data.case.url : signal.url,
    };
  }
  if (type === 'case.opened') {
    const parsed = OUTBOUND_EVENT_DATA['case.opened'].safeParse(data);
    if (!parsed.success) return null;
    const c = parsed.data.case;
    return {
      title: `Case opened: ${c.reference} ${c.title}`,
      summary: `Severity ${c.severity}, ${parsed.data.signals} signal(s)${parsed.data.by ? `, opened by ${parsed.data.by}` : ''}.`,
      facts: [],
      url: c.url,
    };
  }
  return null;
}
