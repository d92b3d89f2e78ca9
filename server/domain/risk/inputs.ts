import { z } from 'zod';

/** The form sends the whole weights object; the domain schema validates it (one schema). */
export const riskWeightsInputSchema = z.object({
  weights: z.record(z.string(), z.unknown()),
});
export type RiskWeightsInput = z.output<typeof riskWeightsInputSchema>;

export const previewRiskWeightsSchema = riskWeightsInputSchema.extend({
  top: z.number().int().min(1).max(50).default(10),
});
export type PreviewRiskWeightsInput = z.output<typeof previewRiskWeightsSchema>;

export const personRiskSchema = z.object({ personId: z.uuid() });
export type GetPersonRiskInput = z.output<typeof personRiskSchema>;

export const vendorRiskSchema = z.object({
  vendorId: z.uuid(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type GetVendorRiskInput = z.output<typeof vendorRiskSchema>;

/** `vigil risk --limit`. */
export const riskReportSchema = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(20),
});
export type RiskReportInput = z.output<typeof riskReportSchema>;
