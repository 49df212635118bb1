import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';
import lanyard from './eslint-rules/index.mjs';

// Lint for the whole repository: Next's rules (React, hooks, a11y, imports),
// typescript-eslint's recommended set, no import cycles, and Lanyard's own
// boundary rules (docs/architecture.md, "Module boundaries"). Prettier owns
// formatting, so its config switches off every stylistic rule last.

// lib/ is the domain: it never reaches up into pages or components.
const UP_FROM_LIB = {
  group: ['@/app/*', '@/components/*', '**/app/**', '**/components/**'],
  message: 'lib/ must not import from app/ or components/.',
};
// The embedded IdP is entered through its index only (lib/idp/embedded/index.ts).
const EMBEDDED_INTERNALS = {
  group: ['**/idp/embedded/*'],
  message: "Import the embedded IdP from its index ('@/lib/idp/embedded'), not its internals.",
};

const config = [
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'lib/generated/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      '.data/**',
      '.services/**',
    ],
  },
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
  // Module boundaries, as import bans. Later blocks replace earlier ones for
  // the files they match, so each block lists every ban that applies there.
  { files: ['**/*.{ts,tsx,mjs}'], rules: { 'no-restricted-imports': ['error', { patterns: [EMBEDDED_INTERNALS] }] } },
  { files: ['lib/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [EMBEDDED_INTERNALS, UP_FROM_LIB] }] } },
  { files: ['lib/idp/embedded/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [UP_FROM_LIB] }] } },
  prettier,
];

export default config;
