import type { ConnectorKind } from '@/server/domain/connectors/kinds';
import type { HttpAnswer } from '../http-get';

/**
 * One provider a connector pulls from (docs/CONNECTORS.md §Adding a kind). A source only fetches:
 * the runner (../run.ts) owns retries, checkpoints, ingest and status, so a new kind is this
 * interface and nothing more.
 */
export interface ConnectorSource<Settings = unknown> {
  kind: ConnectorKind;
  /** The provider's name in messages ("Okta"). */
  provider: string;
  /** Reads stored settings (they may predate a field). */
  parseSettings(raw: unknown): Settings;
  /** Where it pulls from, as the settings page shows it. */
  describe(settings: Settings): string;
  /** The provider's base URL, for HTTP sources: checked against the outbound policy when added. */
  baseUrl?(settings: Settings): string;
  /**
   * One page from `cursor` (null: the first poll). Throws `SourceHttpError` for an answer that is
   * not a page (the runner decides whether to retry) and `SourceError` for one it cannot read.
   */
  fetchPage(context: SourceContext<Settings>, cursor: string | null): Promise<FetchedPage>;
}

export interface SourceContext<Settings> {
  settings: Settings;
  /** The opened credential: never logged, never stored outside the sealed column. */
  secret: string;
  now: Date;
  get(url: string, headers: Record<string, string>): Promise<HttpAnswer>;
}

export interface FetchedPage {
  /** Raw records as the provider sent them, for the kind's ingest parser. */
  records: unknown[];
  /** Where the next page starts; null when the provider gave no way on (keep the old cursor). */
  nextCursor: string | null;
}

/** The provider answered with a status other than success. */
export class SourceHttpError extends Error {
  override name = 'SourceHttpError';
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The provider's answer could not be read (not JSON, not a list …): the run fails. */
export class SourceError extends Error {
  override name = 'SourceError';
}
