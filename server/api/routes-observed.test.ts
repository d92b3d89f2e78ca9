import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every route handler is wrapped by `observed` under its own template (docs/OPERATIONS.md §How
 * requests are timed), so a new route cannot go unmeasured or be counted under another's name.
 */
const APP = path.resolve(import.meta.dirname, '../../app');
// Rendered once at build time; nothing to time per request.
const STATIC = new Set(['/api/v1/openapi.json']);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

describe('route handlers', () => {
  it('are all wrapped with their own route template', () => {
    const problems: string[] = [];
    for (const file of routeFiles(APP)) {
      const template =
        `/${path.relative(APP, path.dirname(file)).split(path.sep).join('/')}`.replace(
          /\/\([^)]+\)/g,
          '',
        );
      if (STATIC.has(template)) continue;
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes(`observed('${template}'`)) problems.push(`${template}: not wrapped`);
      if (/^export (async )?function (GET|POST|PUT|PATCH|DELETE)\b/m.test(text))
        problems.push(`${template}: exports an unwrapped handler`);
    }
    expect(problems).toEqual([]);
  });
});
