import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
// @ts-expect-error: a plain ESM module without type declarations
import rule from '../../eslint-rules/no-server-in-client.mjs';

// The lint rule that keeps server code out of client bundles, on fixture
// modules: one marked server-only, one that imports it, one plain.

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const filename = path.join(import.meta.dirname, 'fixtures', 'component.tsx');

tester.run('no-server-in-client', rule, {
  valid: [
    { filename, code: "'use client';\nimport { greeting } from './plain';" },
    { filename, code: "'use client';\nimport type { secret } from './secret-store';" },
    { filename, code: "'use client';\nimport { type length } from './uses-store';" },
    // A server component may import anything.
    { filename, code: "import { length } from './uses-store';\nimport { readFileSync } from 'node:fs';" },
  ],
  invalid: [
    { filename, code: "'use client';\nimport { secret } from './secret-store';", errors: [{ messageId: 'serverImport' }] },
    {
      filename,
      code: "'use client';\nimport { length } from './uses-store';",
      errors: [{ messageId: 'serverImport', data: { chain: './uses-store → test/lint/fixtures/secret-store.ts → server-only' } }],
    },
    { filename, code: "'use client';\nimport { readFileSync } from 'node:fs';", errors: [{ messageId: 'serverImport' }] },
  ],
});
