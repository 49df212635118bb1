import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import type { CheckResult, DataPathCheckConfig } from '@/lib/data-path/types';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// Shared set-up of the token-check tests: one stand-in issuer per file, a
// clock the tests move, and a check built against both.

export interface CheckHarness {
  readonly idp: LocalIssuer;
  /** Milliseconds since the epoch, as the check sees them. */
  clock: number;
  nowSeconds(): number;
  checkWith(config?: Partial<DataPathCheckConfig>): ReturnType<typeof createDataPathCheck>;
}

export function setupCheckHarness(): CheckHarness {
  let idp: LocalIssuer | undefined;
  const harness: CheckHarness = {
    get idp() {
      if (!idp) throw new Error('the issuer starts in beforeAll');
      return idp;
    },
    clock: Date.now(),
    nowSeconds: () => Math.floor(harness.clock / 1000),
    checkWith: (config = {}) =>
      createDataPathCheck({ issuer: harness.idp.issuer, jwksUri: harness.idp.jwksUri, now: () => harness.clock, ...config }),
  };
  beforeAll(async () => {
    idp = await startLocalIssuer();
  });
  afterAll(() => idp?.stop());
  beforeEach(() => {
    harness.clock = Date.now();
  });
  return harness;
}

export function expectDenied(result: CheckResult, status: number, error: string, description?: RegExp): void {
  expect(result.allow).toBe(false);
  if (result.allow) return;
  expect({ status: result.status, error: result.error }).toEqual({ status, error });
  if (description) expect(result.description).toMatch(description);
}
