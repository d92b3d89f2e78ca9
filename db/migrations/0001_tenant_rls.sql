-- Row-level security: the second wall behind org_id scoping in code (docs/SECURITY.md §Row-level security).
-- The app runs its tenant transactions as vigil_app (SET LOCAL ROLE), which owns nothing.
DO $$ BEGIN
  CREATE ROLE vigil_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vigil_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigil_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vigil_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vigil_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vigil_app;
--> statement-breakpoint
-- After a transaction the setting reads '' rather than NULL, hence nullif.
CREATE OR REPLACE FUNCTION app_current_org() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- Every tenant table calls this in the migration that creates it.
CREATE OR REPLACE FUNCTION vigil_enable_tenant_rls(tbl regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org())',
    tbl);
END $$;
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('invitations');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('api_keys');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('audit_log');
--> statement-breakpoint
-- A user sees their own memberships in every organization (for the organization switcher).
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships
  USING (org_id = app_current_org() OR user_id = app_current_user())
  WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
-- organizations and users are not tenant tables: RLS binds vigil_app, while the owner (used only
-- by sign-in, invitation acceptance and the CLI) is left unforced so it can find a user by email.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations
  USING (id = app_current_org()
    OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = organizations.id AND m.user_id = app_current_user()))
  WITH CHECK (id = app_current_org());
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Users are visible to themselves and to members of the current organization; the app role
-- may update only its own row (name, password) and never inserts or deletes users.
CREATE POLICY users_read ON users FOR SELECT
  USING (id = app_current_user()
    OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = app_current_org()));
--> statement-breakpoint
CREATE POLICY users_update_self ON users FOR UPDATE
  USING (id = app_current_user()) WITH CHECK (id = app_current_user());
--> statement-breakpoint
-- The throttle table is consulted before anyone is signed in; the app role never touches it.
REVOKE ALL ON auth_throttle FROM vigil_app;
--> statement-breakpoint
-- Audit rows are append-only: no grant, and a trigger that refuses even the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM vigil_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
