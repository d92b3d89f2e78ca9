import type { EvidenceSection } from '@/server/domain/evidence/sections';
import type { EvidenceSectionModule } from '../population';
import { accessSection } from './access';
import { accessReviewsSection } from './access-reviews';
import { attestationsSection } from './attestations';
import { inventorySection } from './inventory';
import { signalsCasesSection } from './signals-cases';
import { vendorReviewsSection } from './vendor-reviews';

/**
 * The sections a package can hold. Adding one is writing one EvidenceSectionModule and listing
 * it here (docs/EVIDENCE.md). The audit-log segment is built by the package writer itself, since
 * it carries the chain.
 */
export const SECTION_MODULES: readonly EvidenceSectionModule[] = [
  inventorySection,
  accessSection,
  accessReviewsSection,
  vendorReviewsSection,
  attestationsSection,
  signalsCasesSection,
];

export function sectionModule(section: EvidenceSection): EvidenceSectionModule | undefined {
  return SECTION_MODULES.find((m) => m.section === section);
}

/** Sections the form may offer: a registered module, or the audit segment. */
export function availableSections(): EvidenceSection[] {
  return [...SECTION_MODULES.map((m) => m.section), 'audit'];
}
