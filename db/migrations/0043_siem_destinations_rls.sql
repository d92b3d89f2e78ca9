-- SIEM destinations are a tenant table (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('siem_destinations');
