import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'db/migrations/**',
      'next-env.d.ts',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // One order everywhere (CONTRIBUTING.md §Imports): Node, packages, @/ paths, relative.
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import/no-duplicates': 'error',
    },
  },
  {
    // Directions that never reverse (docs/ARCHITECTURE.md).
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@/db/*',
            '@/server/services/*',
            '@/server/routers/*',
            '@/app/*',
            '@/components/*',
            '**/db/**',
            '**/services/**',
          ],
        },
      ],
    },
  },
  {
    // The database layer sits at the bottom: it may read the domain's enums, nothing above it.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@/server/services/*',
            '@/server/routers/*',
            '@/server/trpc/*',
            '@/server/cli/*',
            '@/server/jobs/*',
            '@/app/*',
            '@/components/*',
            '../*',
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@/db/*', '**/db/**'] }],
    },
  },
];
export default config;
