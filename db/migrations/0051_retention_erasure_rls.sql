-- Retention and erasure (docs/PRIVACY.md). The app role owns no table, so the three pieces of
-- owner-only work are SECURITY DEFINER functions owned by the migration role and executed by
-- vigil_app; each checks its own bounds, so the app cannot ask for more than the policy allows.

-- 1. Redaction, the one update the audit log allows (docs/SECURITY.md §Audit chain): before,
-- after and the payload nonce become NULL (and a person actor's label and IP), every other column,
-- the payload digest and the hash stay as they were, so the chain still verifies.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('vigil.audit_redaction', true) = 'on'
    AND NEW.org_id = OLD.org_id AND NEW.seq = OLD.seq AND NEW.id = OLD.id
    AND NEW.occurred_at = OLD.occurred_at AND NEW.actor_type = OLD.actor_type
    AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
    AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type
    AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
    AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
    AND NEW.payload_digest IS NOT DISTINCT FROM OLD.payload_digest
    AND NEW.before IS NULL AND NEW.after IS NULL AND NEW.payload_nonce IS NULL
    AND NEW.redacted_at IS NOT NULL
    AND (OLD.actor_type = 'person'
      OR (NEW.actor_label = OLD.actor_label AND NEW.ip IS NOT DISTINCT FROM OLD.ip))
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_redact_audit_entries(target_org uuid, seqs bigint[]) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  IF target_org IS DISTINCT FROM app_current_org() THEN
    RAISE EXCEPTION 'redaction is for the current organization only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('vigil.audit_redaction', 'on', true);
  UPDATE audit_log SET
    before = NULL, after = NULL, payload_nonce = NULL, redacted_at = now(),
    actor_label = CASE WHEN actor_type = 'person' THEN '[erased]' ELSE actor_label END,
    ip = CASE WHEN actor_type = 'person' THEN NULL ELSE ip END
  WHERE org_id = target_org AND seq = ANY(seqs) AND redacted_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('vigil.audit_redaction', 'off', true);
  RETURN n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_redact_audit_entries(uuid, bigint[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_redact_audit_entries(uuid, bigint[]) TO vigil_app;
--> statement-breakpoint
-- 2. Whole monthly partitions of access_events ending on or before `boundary` (the earliest
-- retention cutoff of all organizations, a month start) are dropped: no DELETE, no bloat. Never
-- a partition younger than the shortest retention allowed (3 months), whatever the caller asks.
-- Partitions are found by the name vigil_ensure_event_partition gives them (access_events_YYYY_MM).
CREATE OR REPLACE FUNCTION vigil_drop_event_partitions(boundary date, dry_run boolean DEFAULT false)
  RETURNS text[]
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  floor_month date := (date_trunc('month', now()) - interval '3 months')::date;
  part record;
  dropped text[] := '{}';
BEGIN
  IF boundary IS NULL OR boundary > floor_month THEN
    boundary := least(coalesce(boundary, floor_month), floor_month);
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('vigil_event_partitions'));
  FOR part IN
    SELECT c.relname AS name
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'access_events'::regclass
      AND c.relname ~ '^access_events_\d{4}_\d{2}$'
      AND (to_date(substring(c.relname from 15), 'YYYY_MM') + interval '1 month')::date <= boundary
    ORDER BY c.relname
  LOOP
    IF NOT dry_run THEN
      EXECUTE format('DROP TABLE %I', part.name);
    END IF;
    dropped := dropped || part.name::text;
  END LOOP;
  RETURN dropped;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_drop_event_partitions(date, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_drop_event_partitions(date, boolean) TO vigil_app;
--> statement-breakpoint
-- 3. Closed cases past retention, with their timeline (append-only for vigil_app) and links.
-- Only the current organization's, only closed ones, never closed less than 6 months ago.
CREATE OR REPLACE FUNCTION vigil_purge_closed_cases(target_org uuid, closed_before timestamptz)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ids uuid[];
BEGIN
  IF target_org IS DISTINCT FROM app_current_org() THEN
    RAISE EXCEPTION 'case purge is for the current organization only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  closed_before := least(closed_before, now() - interval '6 months');
  SELECT coalesce(array_agg(id), '{}') INTO ids FROM cases
  WHERE org_id = target_org AND status = 'closed' AND closed_at < closed_before;
  DELETE FROM case_events WHERE org_id = target_org AND case_id = ANY(ids);
  DELETE FROM case_signals WHERE org_id = target_org AND case_id = ANY(ids);
  DELETE FROM case_people WHERE org_id = target_org AND case_id = ANY(ids);
  DELETE FROM case_vendors WHERE org_id = target_org AND case_id = ANY(ids);
  DELETE FROM cases WHERE org_id = target_org AND id = ANY(ids);
  RETURN cardinality(ids);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_purge_closed_cases(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_purge_closed_cases(uuid, timestamptz) TO vigil_app;
--> statement-breakpoint
-- 4. Erasure inside closed cases: the timeline (append-only for vigil_app) and the case's own
-- text keep their structure, but every mention of the erased person's name or email, matched
-- without regard to case, reads `replacement`. Only the current organization's closed cases:
-- erasure is refused while a case about the person is open.
CREATE OR REPLACE FUNCTION vigil_redact_case_mentions(target_org uuid, needles text[], replacement text)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  needle text;
  pattern text;
  json_pattern text;
  total integer := 0;
  n integer;
BEGIN
  IF target_org IS DISTINCT FROM app_current_org() THEN
    RAISE EXCEPTION 'case redaction is for the current organization only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  FOREACH needle IN ARRAY needles LOOP
    CONTINUE WHEN length(needle) < 4;
    pattern := regexp_replace(needle, '([.*+?^${}()|\[\]\\])', '\\\1', 'g');
    json_pattern := regexp_replace(substr(to_jsonb(needle)::text, 2, length(to_jsonb(needle)::text) - 2),
      '([.*+?^${}()|\[\]\\])', '\\\1', 'g');
    UPDATE case_events e SET
      body = regexp_replace(e.body, pattern, replacement, 'gi'),
      data = regexp_replace(e.data::text, json_pattern, replacement, 'gi')::jsonb
    FROM cases k
    WHERE e.org_id = target_org AND k.org_id = e.org_id AND k.id = e.case_id AND k.status = 'closed'
      AND (e.body ~* pattern OR e.data::text ~* json_pattern);
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    UPDATE cases SET
      title = regexp_replace(title, pattern, replacement, 'gi'),
      summary = regexp_replace(summary, pattern, replacement, 'gi'),
      closing_rationale = regexp_replace(closing_rationale, pattern, replacement, 'gi')
    WHERE org_id = target_org AND status = 'closed'
      AND (title ~* pattern OR summary ~* pattern OR closing_rationale ~* pattern);
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  RETURN total;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_redact_case_mentions(uuid, text[], text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_redact_case_mentions(uuid, text[], text) TO vigil_app;
