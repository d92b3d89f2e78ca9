import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are committed and applied by db/migrate.ts, never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
