-- Outbound events are a tenant table (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('outbound_events');
