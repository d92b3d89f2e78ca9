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
