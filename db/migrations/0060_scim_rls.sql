-- SCIM's users, groups and memberships are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('scim_users');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('scim_groups');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('scim_group_members');
