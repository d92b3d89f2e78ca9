import { describe, expect, it } from 'vitest';
import {
  canBeAssigned,
  caseChangeRefusal,
  caseReference,
  checkCaseTransition,
  detectorPrecision,
  parseCaseReference,
  signalStatusForOutcome,
} from './case';
import { closeCaseSchema, openCaseSchema } from './inputs';

describe('case references', () => {
  it('pads to four digits and reads back', () => {
    expect(caseReference(7)).toBe('CASE-0007');
    expect(caseReference(12345)).toBe('CASE-12345');
    expect(parseCaseReference('case-0007')).toBe(7);
    expect(parseCaseReference('CASE-12345')).toBe(12345);
    expect(parseCaseReference('7')).toBeNull();
  });
});

describe('case status transitions', () => {
  it('goes open → investigating → closed, and open → closed', () => {
    expect(checkCaseTransition('open', 'investigating')).toBeNull();
    expect(checkCaseTransition('investigating', 'closed')).toBeNull();
    expect(checkCaseTransition('open', 'closed')).toBeNull();
  });

  it('never goes back, and a closed case is final', () => {
    expect(checkCaseTransition('investigating', 'open')).toMatch(/cannot go/);
    expect(checkCaseTransition('closed', 'open')).toMatch(/final/);
    expect(checkCaseTransition('closed', 'investigating')).toMatch(/final/);
    expect(checkCaseTransition('open', 'open')).toMatch(/already open/);
  });
});

describe('who may act on a case', () => {
  it('lets compliance and admins change open cases only', () => {
    expect(caseChangeRefusal('admin', 'open')).toBeNull();
    expect(caseChangeRefusal('compliance', 'investigating')).toBeNull();
    expect(caseChangeRefusal('compliance', 'closed')).toMatch(/closed/);
    expect(caseChangeRefusal('auditor', 'open')).toMatch(/compliance officers and admins/);
    expect(caseChangeRefusal('manager', 'open')).toMatch(/compliance officers and admins/);
  });

  it('assigns cases to investigators only', () => {
    expect(canBeAssigned('admin')).toBe(true);
    expect(canBeAssigned('compliance')).toBe(true);
    expect(canBeAssigned('manager')).toBe(false);
    expect(canBeAssigned('auditor')).toBe(false);
  });
});

describe('outcomes and precision', () => {
  it('maps outcomes to signal statuses', () => {
    expect(signalStatusForOutcome('substantiated')).toBe('confirmed');
    expect(signalStatusForOutcome('unsubstantiated')).toBe('dismissed');
  });

  it('is confirmed ÷ (confirmed + dismissed), null with no outcomes', () => {
    expect(detectorPrecision({ confirmed: 0, dismissed: 0 })).toBeNull();
    expect(detectorPrecision({ confirmed: 3, dismissed: 1 })).toBe(0.75);
    expect(detectorPrecision({ confirmed: 0, dismissed: 4 })).toBe(0);
    expect(detectorPrecision({ confirmed: 2, dismissed: 0 })).toBe(1);
  });
});

describe('inputs', () => {
  it('refuses a case about nothing', () => {
    const r = openCaseSchema.safeParse({ title: 'Night exports', severity: 'high' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/at least one signal, person or vendor/);
  });

  it('refuses closing without a rationale', () => {
    const caseId = '00000000-0000-4000-8000-000000000000';
    const r = closeCaseSchema.safeParse({ caseId, outcome: 'substantiated', rationale: ' ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Explain the outcome/);
  });
});
