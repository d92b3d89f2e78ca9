import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { REMOTE_ACCESS_TOOLS } from './defaults';
import { localTime } from './local-time';
import { memoByString } from './memo';
import { fmt, groupBy, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

// One combined pattern rejects the common case (no tool) in a single regex pass per field.
const ANY_TOOL = new RegExp(REMOTE_ACCESS_TOOLS.map((t) => t.pattern.source).join('|'), 'i');

const toolIn = memoByString((text: string): string | null => {
  if (!ANY_TOOL.test(text)) return null;
  for (const tool of REMOTE_ACCESS_TOOLS) if (tool.pattern.test(text)) return tool.name;
  return null;
});

function toolOf(e: DetectorEvent): string | null {
  return (
    (e.userAgent && toolIn(e.userAgent)) ||
    (e.resource && toolIn(e.resource)) ||
    (e.action && toolIn(e.action)) ||
    null
  );
}

/**
 * remote_access_tool (docs/DETECTORS.md §Signal kinds): remote-control software (AnyDesk,
 * TeamViewer, Chrome Remote Desktop, IP-KVM, …) in user agents, resources or process events:
 * someone else may be at the keyboard (a laptop-farm tell). One signal per tool and local day;
 * high, since a legitimate worker rarely drives a corporate session through such a tool.
 */
export function detectRemoteAccessTool(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const hits: { e: DetectorEvent; tool: string }[] = [];
  for (const e of events) {
    const tool = toolOf(e);
    if (tool) hits.push({ e, tool });
  }
  const out: Signal[] = [];
  const groups = groupBy(
    hits,
    (h) => `${h.tool}\u0000${localTime(h.e.occurredAt, person.timezone).day}`,
  );
  for (const [key, list] of groups) {
    const [tool, day] = key.split('\u0000') as [string, string];
    const systems = [
      ...new Set(list.map((h) => h.e.system).filter((s): s is string => !!s)),
    ].sort();
    out.push(
      makeSignal({
        kind: 'remote_access_tool',
        person,
        severity: 'high',
        evidence: list.map((h) => h.e),
        keyParts: [tool, day],
        explanation:
          `${tool} seen in ${fmt(list.length)} events on ${day}` +
          (systems.length ? ` (${systems.join(', ')})` : '') +
          ': remote-control software means someone else may be operating the session.',
        stats: { tool, day, events: list.length },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
