-- Least-privilege login (docs/SECURITY.md §Database roles). The app and the CLI connect as a login
-- role that owns nothing and is a member of two NOLOGIN roles: vigil_app (tenant transactions,
-- already bound by row-level security) and vigil_system, which the privileged paths that run
-- before a tenant is known (sign-in, API-key lookup, invitations, the job queue, the CLI) switch
-- to instead of running as the table owner. vigil_system may read and write rows but not change
-- the schema, truncate, or rewrite append-only history; the owner-only work it needs (creating
-- a monthly partition, ending a member's sessions) runs in SECURITY DEFINER functions.
DO $$ BEGIN
  CREATE ROLE vigil_system NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vigil_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigil_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vigil_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vigil_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vigil_system;
--> statement-breakpoint
-- Append-only history stays append-only for the privileged role too (the audit log's trigger
-- refuses even the owner; the others rely on these grants).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, case_events, vendor_review_evidence, access_review_decisions, vendor_status_history FROM vigil_system;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON attestation_requests, evidence_packages FROM vigil_system;
--> statement-breakpoint
-- Tables whose row-level security is enabled but not forced: the owner passed them unchecked, so
-- the privileged role gets the same reach through an explicit policy (vigil_app's policies stay
-- as they are; after SET ROLE vigil_app these no longer apply).
CREATE POLICY system_paths ON organizations TO vigil_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY system_paths ON users TO vigil_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY system_paths ON user_sessions TO vigil_system USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Tenant tables: the superuser these paths ran as before passed row-level security altogether.
-- The privileged role passes it only while no tenant is named (looking up an API key by prefix,
-- an invitation by token, due mail across organizations); once a path names its tenant
-- (setTenant, withSystem's scope) it is held to that tenant like vigil_app.
CREATE OR REPLACE FUNCTION vigil_enable_system_paths(tbl regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP POLICY IF EXISTS system_paths ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY system_paths ON %s TO vigil_system USING (app_current_org() IS NULL OR org_id = app_current_org()) WITH CHECK (app_current_org() IS NULL OR org_id = app_current_org())',
    tbl);
END $$;
--> statement-breakpoint
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
  LOOP
    PERFORM vigil_enable_system_paths(t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Tables created later get both policies from the one call their migration already makes.
CREATE OR REPLACE FUNCTION vigil_enable_tenant_rls(tbl regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org())',
    tbl);
  PERFORM vigil_enable_system_paths(tbl);
END $$;
--> statement-breakpoint
-- Creating a partition needs the parent's owner: the function runs as its owner, and only the
-- privileged role may call it.
CREATE OR REPLACE FUNCTION vigil_ensure_event_partition(month_start date) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_ensure_event_partition(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_ensure_event_partition(date) TO vigil_system;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_end_member_sessions(uuid) TO vigil_system;
--> statement-breakpoint
-- Schema changes are the migrations' alone.
REVOKE ALL ON FUNCTION vigil_enable_tenant_rls(regclass) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_enable_system_paths(regclass) FROM PUBLIC;
