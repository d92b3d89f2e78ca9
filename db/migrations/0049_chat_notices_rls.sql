-- Chat notices are a tenant table (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('chat_notices');
