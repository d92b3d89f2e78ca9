import { Fact } from '@/components/ui/facts';
import { formatDate } from '@/components/ui/format';
import { StatusBadge, TierBadge } from '@/components/vendors/badges';
import { categoryList, TIER_LABELS } from '@/components/vendors/labels';
import type { VendorDetail } from './types';

/** The vendor's profile and how its risk tier was derived (both from the vendor read). */
export function VendorFacts({ v }: { v: VendorDetail }) {
  const overridden = Boolean(v.tierOverrideReason) && v.tier !== v.inherentTier;
  const q = v.questionnaire;
  return (
    <div className="grid cols-2 mt-16">
      <div className="card">
        <h2 className="mb-12">Profile</h2>
        <dl className="facts">
          <Fact label="Status">
            <StatusBadge status={v.status} />
          </Fact>
          <Fact label="Country">{v.country ?? '—'}</Fact>
          <Fact label="Owner">{v.ownerEmail ?? <span className="muted">No owner</span>}</Fact>
          <Fact label="Contract">
            {v.contractStart || v.contractEnd
              ? `${formatDate(v.contractStart)} – ${formatDate(v.contractEnd)}`
              : '—'}
          </Fact>
          <Fact label="Next review">{formatDate(v.nextReviewAt)}</Fact>
          <Fact label="Data processed">{categoryList(v.dataCategories)}</Fact>
          <Fact label="Services">
            {v.services ? (
              <span className="pre-line">{v.services}</span>
            ) : (
              <span className="muted">Not described</span>
            )}
          </Fact>
        </dl>
      </div>
      <div className="card">
        <h2 className="mb-12">Risk tier</h2>
        <div className="stack gap-8">
          <div className="row gap-8">
            <TierBadge tier={v.tier} />
            {overridden ? (
              <span className="small" data-testid="tier-override">
                derived {TIER_LABELS[v.inherentTier].toLowerCase()}, overridden because{' '}
                <q>{v.tierOverrideReason}</q>
              </span>
            ) : (
              <span className="small muted">derived from the questionnaire</span>
            )}
          </div>
          <div className="small">
            {overridden ? (
              <span className="muted">
                The questionnaire alone gives <TierBadge tier={v.derivedTier.tier} /> because:
              </span>
            ) : (
              <span className="muted">Why:</span>
            )}
            <ul className="flush mt-4 indent">
              {v.derivedTier.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
          <dl className="facts">
            <Fact label="Data it can touch">{categoryList(q.dataCategories)}</Fact>
            <Fact label="Production access">{q.productionAccess ? 'Yes' : 'No'}</Fact>
            <Fact label="Funds or keys access">{q.fundsAccess ? 'Yes' : 'No'}</Fact>
            <Fact label="Staff with access">{q.staffWithAccess}</Fact>
          </dl>
        </div>
      </div>
    </div>
  );
}
