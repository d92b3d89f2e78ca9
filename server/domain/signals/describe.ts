import { CHAIN_PRESENTERS } from './describe-chain';
import { GITHUB_PRESENTERS } from './describe-github';
import { IDENTITY_PRESENTERS } from './describe-identity';
import { PLACE_PRESENTERS } from './describe-place';
import { REUSE_PRESENTERS } from './describe-reuse';
import { SEQUENCE_PRESENTERS } from './describe-sequence';
import type { Presenter } from './describe-shared';
import { TICKET_PRESENTERS } from './describe-tickets';
import { VOLUME_PRESENTERS } from './describe-volume';
import { genericFacts, type Fact, type Stats } from './facts';
import { severityWord } from './words';

export type { Fact } from './facts';

export interface SignalDescription {
  /** "High: 412 records on Thu 17 Sep — 9.4× this person's usual day (median 44) and …". */
  headline: string;
  /** The numbers behind it, labelled in words. */
  facts: Fact[];
  /** True when the headline is the detector's own explanation (no presenter for the kind). */
  generic: boolean;
}

/**
 * One presenter per detector kind, each saying why the signal has its severity by the rule that set
 * it (docs/DETECTORS.md §Defaults), from the stats the detector stored; split by family.
 */
const PRESENTERS: Record<string, Presenter> = {
  ...VOLUME_PRESENTERS,
  ...PLACE_PRESENTERS,
  ...SEQUENCE_PRESENTERS,
  ...IDENTITY_PRESENTERS,
  ...REUSE_PRESENTERS,
  ...TICKET_PRESENTERS,
  ...CHAIN_PRESENTERS,
  ...GITHUB_PRESENTERS,
};

/**
 * Why a signal has its severity, in words and numbers people read, and its stats as labelled facts
 * (docs/PRODUCT.md §Signals and triage). A kind without a presenter (one added since) leads with
 * the detector's explanation and show every stat under a readable label.
 */
export function describeSignal(
  kind: string,
  severity: string,
  stats: Stats,
  explanation = '',
): SignalDescription {
  const level = severityWord(severity);
  const present = PRESENTERS[kind];
  if (!present) {
    const text = explanation.trim().replace(/\.$/, '');
    return {
      headline: text ? `${level}: ${text}` : level,
      facts: genericFacts(stats),
      generic: true,
    };
  }
  const { why, facts } = present(stats, severity);
  // Detection found it later to be a routine's first run (docs/DETECTORS.md §Routines).
  const routine = typeof stats.learnedRoutine === 'string' ? stats.learnedRoutine : null;
  return {
    headline: `${level}: ${capitalise(why)}`,
    facts: routine ? [...facts, { label: 'Later learned as a routine', value: routine }] : facts,
    generic: false,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether a presenter reads this kind's stats (the rest fall back to the generic one). */
export const hasPresenter = (kind: string) => kind in PRESENTERS;
