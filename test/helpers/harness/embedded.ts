import type { HarnessFactory } from '../adapter-harness';
import { startEmbeddedIdp } from '../embedded-idp';

export const harness: HarnessFactory = {
  kind: 'embedded',
  async start() {
    const idp = await startEmbeddedIdp();
    return { kind: 'embedded', adapter: idp.adapter, refusedScopeErrors: ['invalid_scope'], stop: () => idp.stop() };
  },
};
