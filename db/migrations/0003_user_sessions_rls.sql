-- Sessions are not tenant data: the app role may read only the signed-in user's own sessions;
-- creating and revoking them happens on the privileged sign-in and sign-out paths.
ALTER TABLE user_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_sessions ON user_sessions FOR SELECT USING (user_id = app_current_user());
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON user_sessions FROM vigil_app;
