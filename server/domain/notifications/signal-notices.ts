import { severityWord, words } from '@/server/domain/signals/words';
import { oneLine, plural, type Notice } from './notice';

/** What a critical-signal message says of a signal: no evidence, stats or raw log data. */
export interface SignalSummary {
  id: string;
  kind: string;
  severity: string;
  personName: string;
}

/** A message lists this many signals and links the queue for the rest. */
export const SIGNALS_LISTED = 20;

function signalLines(base: string, signals: readonly SignalSummary[]): string[] {
  const listed = signals
    .slice(0, SIGNALS_LISTED)
    .map(
      (s) =>
        `- ${severityWord(s.severity)} · ${words(s.kind)} · ${oneLine(s.personName, 120)}: ${base}/signals/${s.id}`,
    );
  const rest = signals.length - listed.length;
  return rest > 0 ? [...listed, `- and ${rest} more in the signal queue`] : listed;
}

const queueLink = (base: string) => `${base}/signals?severity=critical`;

/** Critical signals noticed since the last run, to members who want them at once. */
export function criticalSignalsNotice(base: string, signals: readonly SignalSummary[]): Notice {
  const [only] = signals;
  if (signals.length === 1 && only)
    return {
      category: 'critical_signals',
      kind: 'signal.critical',
      subject: oneLine(`Critical signal: ${words(only.kind)} · ${only.personName}`),
      lines: [
        `Vigil raised a ${only.severity} ${words(only.kind).toLowerCase()} signal about ${oneLine(only.personName, 120)}. Triage it:`,
      ],
      link: `${base}/signals/${only.id}`,
      related: { type: 'signal', id: only.id },
    };
  return {
    category: 'critical_signals',
    kind: 'signal.critical',
    subject: `${plural(signals.length, 'critical signal')} raised`,
    lines: [
      `Vigil raised ${plural(signals.length, 'critical signal')}:`,
      ...signalLines(base, signals),
      '',
      'The critical queue:',
    ],
    link: queueLink(base),
  };
}

/** The daily digest of critical signals for one member (`day` in the organization's zone). */
export function criticalDigestNotice(
  base: string,
  day: string,
  signals: readonly SignalSummary[],
): Notice {
  return {
    category: 'critical_signals',
    kind: 'signal.digest',
    subject: `Daily digest ${day}: ${plural(signals.length, 'critical signal')}`,
    lines: [
      `Critical signals raised since your last digest (${plural(signals.length, 'signal')}):`,
      ...signalLines(base, signals),
      '',
      'The critical queue:',
    ],
    link: queueLink(base),
  };
}
