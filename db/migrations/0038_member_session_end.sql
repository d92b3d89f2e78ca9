-- Ends every session of a member of the current organization (docs/SECURITY.md §Authentication):
-- a disable, re-enable or role change bumps the account's session version, so no cookie issued
-- before the change works again. The app role may update only its own user row, so this runs as
-- the owner and touches only an account that is a member of the organization in app.org_id.
CREATE OR REPLACE FUNCTION vigil_end_member_sessions(target uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE users SET session_version = session_version + 1
  WHERE id = target
    AND EXISTS (
      SELECT 1 FROM memberships m WHERE m.user_id = target AND m.org_id = app_current_org()
    );
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vigil_end_member_sessions(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vigil_end_member_sessions(uuid) TO vigil_app;
