-- Access events: range-partitioned by month on occurred_at (docs/SCALING.md), keyed by
-- org first. The unique key includes the partition key, as PostgreSQL requires; a source event id
-- always arrives with the same time, so it still dedupes re-ingested events.
CREATE TABLE access_events (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL,
  source text NOT NULL,
  source_event_id text NOT NULL,
  batch_id uuid NOT NULL,
  person_id uuid,
  actor_key text NOT NULL,
  actor text NOT NULL,
  system_id uuid,
  system_name text,
  action text NOT NULL,
  resource text,
  record_count integer NOT NULL DEFAULT 1 CHECK (record_count >= 0),
  ticket_id text,
  ip text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  city text,
  lat double precision,
  lon double precision,
  device_id text,
  user_agent text,
  session_id text,
  outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure')),
  is_proxy boolean NOT NULL DEFAULT false,
  raw jsonb,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, occurred_at, id),
  UNIQUE (org_id, source, source_event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
--> statement-breakpoint
-- Person timelines and detector baselines read one person's events by time.
CREATE INDEX access_events_person_idx ON access_events (org_id, person_id, occurred_at);
--> statement-breakpoint
-- Incremental detection reads the events of the batches it has not yet seen.
CREATE INDEX access_events_batch_idx ON access_events (org_id, batch_id);
--> statement-breakpoint
-- Linking an actor back-fills only the events still unresolved.
CREATE INDEX access_events_unresolved_idx ON access_events (org_id, actor_key) WHERE person_id IS NULL;
--> statement-breakpoint
-- Anything outside the monthly partitions lands here rather than failing the batch.
CREATE TABLE access_events_default PARTITION OF access_events DEFAULT;
--> statement-breakpoint
ALTER TABLE access_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE access_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON access_events
  USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('access_events_default');
--> statement-breakpoint
-- Monthly partitions are made on demand by the ingest path (as the owner, before it inserts), each
-- with the same row-level security as every tenant table.
CREATE OR REPLACE FUNCTION vigil_ensure_event_partition(month_start date) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  part text := 'access_events_' || to_char(month_start, 'YYYY_MM');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('vigil_event_partitions'));
  IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF access_events FOR VALUES FROM (%L) TO (%L)',
    part, month_start, (month_start + interval '1 month')::date);
  PERFORM vigil_enable_tenant_rls(part::regclass);
END $$;
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('actor_identities');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('ingest_batches');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('signals');
