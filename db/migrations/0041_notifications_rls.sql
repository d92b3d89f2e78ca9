-- Notification tables are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('critical_signal_notices');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('notification_digests');
--> statement-breakpoint
-- Preferences: the organization's members are read to decide who is mailed, but a member writes
-- only their own (docs/NOTIFICATIONS.md §Preferences), even if a query forgot to say so.
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_preferences_read ON notification_preferences FOR SELECT
  USING (org_id = app_current_org());
--> statement-breakpoint
CREATE POLICY notification_preferences_insert ON notification_preferences FOR INSERT
  WITH CHECK (org_id = app_current_org() AND user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY notification_preferences_update ON notification_preferences FOR UPDATE
  USING (org_id = app_current_org() AND user_id = app_current_user())
  WITH CHECK (org_id = app_current_org() AND user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY notification_preferences_delete ON notification_preferences FOR DELETE
  USING (org_id = app_current_org() AND user_id = app_current_user());
