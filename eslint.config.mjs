import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';
import lanyard from './eslint-rules/index.mjs';

// Lint for the whole repository: Next's rules (React, hooks, a11y, imports),
// typescript-eslint's recommended set, no import cycles, and Lanyard's own
// boundary rules (docs/architecture.md, "Module boundaries"). Prettier owns
// formatting, so its config switches off every stylistic rule last.

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.data/**'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    plugins: { lanyard },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `let x; server(() => x); x = await …`: read in a closure before its one assignment, so it cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'lanyard/no-server-in-client': 'error',
    },
  },
  {
    // lib/ is the domain: it never reaches up into pages or components.
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/*', '@/components/*', '**/app/**', '**/components/**'],
              message: 'lib/ must not import from app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  prettier,
];

export default config;
