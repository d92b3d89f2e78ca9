-- Tenant isolation as a second wall (0001_tenant_rls.sql).
SELECT vigil_enable_tenant_rls('outbox_messages');
