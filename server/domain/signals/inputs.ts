import { z } from 'zod';
import { cursorSchema } from '../cursor';
import { SEVERITIES } from '../detectors/types';
import { SIGNAL_STATUSES } from '../risk/person-input';

export const listSignalsSchema = z.object({
  status: z.enum([...SIGNAL_STATUSES, 'all']).default('open'),
  /** Signals whose behaviour ended on this UTC day (the overview chart's drill-down). */
  day: z.iso.date().optional(),
  kind: z.string().trim().max(60).optional(),
  severity: z.enum(SEVERITIES).optional(),
  personId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListSignalsInput = z.output<typeof listSignalsSchema>;

export const signalIdSchema = z.object({ signalId: z.uuid() });
export type SignalIdInput = z.output<typeof signalIdSchema>;

// Escalation opens or joins a case (case-service), which marks the signal `escalated`.
export const triageSignalSchema = z
  .object({
    signalId: z.uuid(),
    action: z.enum(['acknowledge', 'dismiss', 'reopen']),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((t) => t.action !== 'dismiss' || (t.reason?.length ?? 0) >= 5, {
    message: 'Say why it is a false positive (at least 5 characters)',
    path: ['reason'],
  });
export type TriageSignalInput = z.output<typeof triageSignalSchema>;

export const personTimelineSchema = z.object({
  personId: z.uuid(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type PersonTimelineInput = z.output<typeof personTimelineSchema>;

/** `vigil signals --kind`: a detector kind as the CLI accepts it. */
export const signalKindArgSchema = z.string().regex(/^[a-z_]{1,60}$/);
/** `vigil signals --person`: the person's email. */
export const personEmailArgSchema = z.email();
