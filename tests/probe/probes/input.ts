import { fail, pass, type Probe } from '../probe';

const SQL_METACHARACTERS = [
  "' OR '1'='1",
  "'; drop table people; --",
  '" OR 1=1 --',
  "1' AND pg_sleep(3) IS NULL --",
  '%_\\',
];

function craftedCursor(values: unknown): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** docs/SECURITY.md §Web "Bad input is a 400": hostile text is data, never code or a crash. */
export const inputProbes: Probe[] = [
  {
    id: 'input.nul',
    finding: 'F4',
    title: 'A NUL character in a search or a note is a 400 with a message',
    async run(ctx) {
      const answers = [
        await ctx.compliance.query('people.list', { q: 'a\u0000b' }),
        await ctx.compliance.query('vendors.list', { q: '\u0000' }),
        await ctx.anonymous().mutate('attestations.decline', {
          token: 'x'.repeat(43),
          reason: 'no\u0000thanks',
        }),
      ];
      const wrong = answers.filter((a) => a.status !== 400 || !a.error?.message);
      return wrong.length
        ? fail(wrong.map((a) => `${a.status} ${a.error?.message ?? ''}`).join('; '), 3)
        : pass('400 with a message on all three', 3);
    },
  },
  {
    id: 'input.cursor',
    finding: 'F4',
    title: 'A crafted page cursor is a 400, never a 500',
    async run(ctx) {
      const cursors = [
        craftedCursor(['not-a-time', 'not-a-uuid']),
        craftedCursor([1e308, null]),
        craftedCursor({ a: 1 }),
        '!!!not-base64!!!',
      ];
      const wrong: string[] = [];
      for (const cursor of cursors) {
        for (const path of ['people.list', 'signals.list', 'audit.list']) {
          const answer = await ctx.compliance.query(path, { cursor });
          if (answer.status >= 500) wrong.push(`${path} → ${answer.status}`);
        }
      }
      return wrong.length ? fail(wrong.join(', '), 12) : pass('12 crafted cursors: no 500', 12);
    },
  },
  {
    id: 'input.sql-metacharacters',
    title: 'SQL metacharacters in searches are searched for, not run',
    async run(ctx) {
      const wrong: string[] = [];
      const started = Date.now();
      for (const q of SQL_METACHARACTERS) {
        for (const path of ['people.list', 'vendors.list']) {
          const answer = await ctx.compliance.query(path, { q });
          const items = Object.values((answer.data ?? {}) as object).find(Array.isArray) as
            unknown[] | undefined;
          if (answer.status !== 200 || (items && items.length > 0))
            wrong.push(`${path}("${q}") → ${answer.status}, ${items?.length ?? '?'} rows`);
        }
      }
      // pg_sleep(3) would add three seconds to the run if it were executed.
      if (Date.now() - started > 2_900) wrong.push('a search took as long as an injected sleep');
      return wrong.length ? fail(wrong.join('; '), 10) : pass('10 searches: 200, no rows', 10);
    },
  },
];
