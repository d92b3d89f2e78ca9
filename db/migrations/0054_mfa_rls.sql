-- Second factors are not tenant data: the app role may read only the signed-in user's own
-- passkeys and recovery codes, never a TOTP secret (sealed as it is); enrolment, use and removal
-- happen on the privileged paths, like sessions (docs/SECURITY.md §Authentication).
ALTER TABLE user_passkeys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_passkeys ON user_passkeys FOR SELECT USING (user_id = app_current_user());
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON user_passkeys FROM vigil_app;
--> statement-breakpoint
ALTER TABLE user_recovery_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_recovery_codes ON user_recovery_codes FOR SELECT USING (user_id = app_current_user());
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON user_recovery_codes FROM vigil_app;
--> statement-breakpoint
ALTER TABLE user_totp ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON user_totp FROM vigil_app;
--> statement-breakpoint
-- The privileged paths (sign-in's second step, enrolment, an admin's reset) run as vigil_system
-- (docs/SECURITY.md §Database roles), which reaches these tables through its own policy.
CREATE POLICY system_paths ON user_passkeys TO vigil_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY system_paths ON user_recovery_codes TO vigil_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY system_paths ON user_totp TO vigil_system USING (true) WITH CHECK (true);
