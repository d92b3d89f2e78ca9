import type { DataCategory, VendorTier } from '@/server/domain/inventory/vendor';

/** The vendor form's editable state: strings as typed, converted to the API input on submit. */
export interface VendorFormValues {
  name: string;
  country: string;
  services: string;
  dataCategories: DataCategory[];
  contractStart: string;
  contractEnd: string;
  ownerUserId: string;
  certifications: { name: string; expiresOn: string }[];
  subProcessors: { name: string; country: string; service: string }[];
  questionnaire: {
    dataCategories: DataCategory[];
    productionAccess: boolean;
    fundsAccess: boolean;
    staffWithAccess: string;
  };
  override: { tier: VendorTier; reason: string } | null;
}

export const EMPTY_VENDOR: VendorFormValues = {
  name: '',
  country: '',
  services: '',
  dataCategories: [],
  contractStart: '',
  contractEnd: '',
  ownerUserId: '',
  certifications: [],
  subProcessors: [],
  questionnaire: {
    dataCategories: [],
    productionAccess: false,
    fundsAccess: false,
    staffWithAccess: '0',
  },
  override: null,
};

/** A stored vendor (as `vendors.get` returns it) as form state. */
export function vendorFormValues(v: {
  name: string;
  country: string | null;
  services: string;
  dataCategories: string[];
  contractStart: string | null;
  contractEnd: string | null;
  ownerUserId: string | null;
  certifications: { name: string; expiresOn: string }[];
  subProcessors: { name: string; country?: string; service?: string }[];
  questionnaire: {
    dataCategories: DataCategory[];
    productionAccess: boolean;
    fundsAccess: boolean;
    staffWithAccess: number;
  };
  tier: VendorTier;
  tierOverrideReason: string | null;
}): VendorFormValues {
  return {
    name: v.name,
    country: v.country ?? '',
    services: v.services,
    dataCategories: v.dataCategories as DataCategory[],
    contractStart: v.contractStart ?? '',
    contractEnd: v.contractEnd ?? '',
    ownerUserId: v.ownerUserId ?? '',
    certifications: v.certifications.map((c) => ({ name: c.name, expiresOn: c.expiresOn })),
    subProcessors: v.subProcessors.map((s) => ({
      name: s.name,
      country: s.country ?? '',
      service: s.service ?? '',
    })),
    questionnaire: {
      dataCategories: v.questionnaire.dataCategories ?? [],
      productionAccess: Boolean(v.questionnaire.productionAccess),
      fundsAccess: Boolean(v.questionnaire.fundsAccess),
      staffWithAccess: String(v.questionnaire.staffWithAccess ?? 0),
    },
    override: v.tierOverrideReason ? { tier: v.tier, reason: v.tierOverrideReason } : null,
  };
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/**
 * The form's state as the API's vendor input: strings trimmed, empty ones dropped, blank rows
 * left out. `overriding` says whether the override differs from the derived tier (one that does
 * not changes nothing, so it is not sent).
 */
export function vendorInput(values: VendorFormValues, overriding: boolean) {
  const { questionnaire, override } = values;
  return {
    name: values.name.trim(),
    country: blank(values.country),
    services: values.services.trim(),
    dataCategories: values.dataCategories,
    contractStart: blank(values.contractStart),
    contractEnd: blank(values.contractEnd),
    ownerUserId: blank(values.ownerUserId),
    certifications: values.certifications
      .filter((c) => c.name.trim() || c.expiresOn)
      .map((c) => ({ name: c.name.trim(), expiresOn: c.expiresOn })),
    subProcessors: values.subProcessors
      .filter((s) => s.name.trim() || s.country.trim() || s.service.trim())
      .map((s) => ({ name: s.name.trim(), country: blank(s.country), service: blank(s.service) })),
    questionnaire: {
      dataCategories: questionnaire.dataCategories,
      productionAccess: questionnaire.productionAccess,
      fundsAccess: questionnaire.fundsAccess,
      staffWithAccess:
        questionnaire.staffWithAccess.trim() === '' ? 0 : Number(questionnaire.staffWithAccess),
    },
    tierOverride:
      overriding && override ? { tier: override.tier, reason: override.reason } : undefined,
  };
}
