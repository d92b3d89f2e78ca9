import { describe, expect, it } from 'vitest';
import {
  APPROVE_ACTION,
  DENY_ACTION,
  parseStepButtonValue,
  slackApprovalMessage,
  stepButtonValue,
  teamsCard,
  type ApprovalFacts,
} from './messages';
import { channelNotice } from './notices';

const G = '11111111-1111-4111-8111-111111111111';
const S = '22222222-2222-4222-8222-222222222222';

const facts: ApprovalFacts = {
  grantId: G,
  stepId: S,
  stepLabel: 'System owner',
  person: { name: 'Maria <Santos>', email: 'maria@example.test' },
  requestedBy: 'manager@example.test',
  system: 'AWS Production',
  privilege: 'ReadOnlyAccess',
  sensitivity: 'medium',
  justification: 'Read logs',
  durationDays: 14,
  gate: ['Identity not verified.'],
  url: 'https://vigil.example/access/x',
};

describe('chat messages', () => {
  it('carries grant and step in the buttons, and reads them back strictly', () => {
    const msg = slackApprovalMessage(facts, true);
    const actions = msg.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([APPROVE_ACTION, DENY_ACTION]);
    expect(parseStepButtonValue(actions.elements[0]!.value)).toEqual({ grantId: G, stepId: S });
    expect(parseStepButtonValue(`${G}:${S}:x`)).toBeNull();
    expect(parseStepButtonValue('nope')).toBeNull();
    expect(stepButtonValue(G, S)).toBe(`${G}:${S}`);
  });

  it('escapes names, shows the gate, and leaves the buttons out in notify-only mode', () => {
    const msg = slackApprovalMessage(facts, false);
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain('Maria &lt;Santos&gt;');
    expect(text).toContain('Identity not verified.');
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('builds a Teams Adaptive Card', () => {
    const card = teamsCard({
      title: 'T',
      summary: 'S',
      facts: [{ label: 'a', value: 'b' }],
      url: 'u',
    });
    const attachment = (
      card.attachments as { contentType: string; content: { type: string } }[]
    )[0]!;
    expect(card.type).toBe('message');
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content.type).toBe('AdaptiveCard');
  });

  it('posts critical new signals, escalations and opened cases, nothing else', () => {
    const signal = (severity: string) => ({
      signal: {
        id: G,
        kind: 'bulk_export',
        severity,
        status: 'open',
        explanation: 'Exported 5,000 records',
        windowStart: '2026-12-01T10:00:00.000Z',
        windowEnd: '2026-12-01T11:00:00.000Z',
        url: 'https://vigil.example/signals/x',
      },
      person: null,
    });
    expect(channelNotice('signal.created', signal('critical'))?.title).toMatch(/^Critical signal/);
    expect(channelNotice('signal.created', signal('high'))).toBeNull();
    expect(channelNotice('signal.escalated', signal('high'))?.title).toMatch(/escalated/);
    expect(channelNotice('access.approved', {})).toBeNull();
    expect(channelNotice('signal.created', { junk: true })).toBeNull();
  });
});
