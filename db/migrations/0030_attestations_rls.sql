-- Attestation templates, campaigns and requests are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('attestation_templates');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('attestation_campaigns');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('attestation_requests');
--> statement-breakpoint
-- Requests are closed, never removed: a signed attestation is evidence.
REVOKE DELETE, TRUNCATE ON attestation_requests FROM vigil_app;
