import { describe, expect, it } from 'vitest';
import {
  SIGNALS_LISTED,
  criticalDigestNotice,
  criticalSignalsNotice,
  type SignalSummary,
} from './signal-notices';

const base = 'https://vigil.example.com';
const signal = (i: number): SignalSummary => ({
  id: `s-${i}`,
  kind: 'impossible_travel',
  severity: 'critical',
  personName: `Person ${i}`,
});

describe('critical signal notices', () => {
  it('say severity, kind and person for one signal and link to it', () => {
    const n = criticalSignalsNotice(base, [signal(1)]);
    expect(n.subject).toBe('Critical signal: Impossible travel · Person 1');
    expect(n.link).toBe(`${base}/signals/s-1`);
    expect(n.related).toEqual({ type: 'signal', id: 's-1' });
  });

  it('list many, each with its link, and point to the queue for the rest', () => {
    const many = Array.from({ length: SIGNALS_LISTED + 3 }, (_, i) => signal(i));
    const n = criticalSignalsNotice(base, many);
    expect(n.subject).toBe(`${SIGNALS_LISTED + 3} critical signals raised`);
    expect(n.lines).toContain(`- Critical · Impossible travel · Person 0: ${base}/signals/s-0`);
    expect(n.lines).toContain('- and 3 more in the signal queue');
    expect(n.link).toBe(`${base}/signals?severity=critical`);
  });

  it('make a digest for a day', () => {
    const n = criticalDigestNotice(base, '2026-05-01', [signal(1), signal(2)]);
    expect(n).toMatchObject({ category: 'critical_signals', kind: 'signal.digest' });
    expect(n.subject).toBe('Daily digest 2026-05-01: 2 critical signals');
  });
});
