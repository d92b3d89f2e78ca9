import { metrics, secondsSince } from './metrics';

/**
 * The few calls services make to count their work (docs/OPERATIONS.md §Metrics), kept here so a
 * service states what happened and this file decides the metric names and labels.
 */
export function recordIngestRun(
  channel: string,
  counts: { received: number; inserted: number; duplicates: number; rejected: number },
  startedMs: number,
): void {
  const m = metrics();
  const seconds = secondsSince(startedMs);
  m.ingestEvents.inc({ channel, outcome: 'inserted' }, counts.inserted);
  m.ingestEvents.inc({ channel, outcome: 'duplicate' }, counts.duplicates);
  m.ingestEvents.inc({ channel, outcome: 'rejected' }, counts.rejected);
  m.ingestDuration.observe({ channel }, seconds);
  if (seconds > 0) m.ingestRate.set({ channel }, Math.round(counts.received / seconds));
}

export function recordDetectionRun(scope: 'batch' | 'since', events: number, startedMs: number) {
  const m = metrics();
  m.detectionDuration.observe({ scope }, secondsSince(startedMs));
  m.detectionEvents.inc(events);
}

export type DeliveryChannel = 'webhook' | 'siem' | 'chat';

export function recordDeliveryFailures(
  channel: DeliveryChannel,
  counts: { retry?: number; dead?: number },
): void {
  const m = metrics();
  if (counts.retry) m.deliveryFailures.inc({ channel, outcome: 'retry' }, counts.retry);
  if (counts.dead) m.deliveryFailures.inc({ channel, outcome: 'dead' }, counts.dead);
}

/** A connector run that ended failed: `siem`, `chat`, or `outbound:<consumer>`. */
export function recordConnectorFailure(connector: string): void {
  metrics().connectorFailures.inc({ connector });
}

export function recordJobRun(
  kind: string,
  outcome: 'done' | 'retry' | 'dead',
  startedMs: number,
): void {
  const m = metrics();
  m.jobRuns.inc({ kind, outcome });
  m.jobDuration.observe({ kind }, secondsSince(startedMs));
}
