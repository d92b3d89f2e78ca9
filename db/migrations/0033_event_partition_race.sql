-- Two writers needing the same new month could both try to create its partition: the advisory
-- lock serialized them, but to_regclass after it read a catalog cache that had not yet seen the
-- other writer's commit, so the second CREATE failed with "already exists". After the lock the
-- catalog is now read with a fresh snapshot, and a partition that appeared anyway is accepted.
CREATE OR REPLACE FUNCTION vigil_ensure_event_partition(month_start date) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  part text := 'access_events_' || to_char(month_start, 'YYYY_MM');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('vigil_event_partitions'));
  IF EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = part AND n.nspname = current_schema()
  ) THEN RETURN; END IF;
  BEGIN
    EXECUTE format('CREATE TABLE %I PARTITION OF access_events FOR VALUES FROM (%L) TO (%L)',
      part, month_start, (month_start + interval '1 month')::date);
  EXCEPTION WHEN duplicate_table THEN
    RETURN;
  END;
  PERFORM vigil_enable_tenant_rls(part::regclass);
END $$;
