-- Defence in depth found in review: the app role reads its own memberships in every
-- organization (for the switcher) but may change memberships only in the current organization,
-- and it never reads password hashes or lockout state, nor changes anything but a user's name.
DROP POLICY IF EXISTS tenant_isolation ON memberships;
--> statement-breakpoint
CREATE POLICY memberships_read ON memberships FOR SELECT
  USING (org_id = app_current_org() OR user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY memberships_insert ON memberships FOR INSERT WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
CREATE POLICY memberships_update ON memberships FOR UPDATE
  USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
CREATE POLICY memberships_delete ON memberships FOR DELETE USING (org_id = app_current_org());
--> statement-breakpoint
REVOKE SELECT, UPDATE ON users FROM vigil_app;
--> statement-breakpoint
GRANT SELECT (id, email, name, last_login_at, session_version, created_at) ON users TO vigil_app;
--> statement-breakpoint
GRANT UPDATE (name) ON users TO vigil_app;
