import { authorizeWithPerson } from '../code-flow';
import type { HarnessFactory } from '../adapter-harness';
import { addIdpUser, startEmbeddedIdp } from '../embedded-idp';

const person = { email: 'conformance@example.com', password: 'conformance password' };

export const harness: HarnessFactory = {
  kind: 'embedded',
  async start() {
    const idp = await startEmbeddedIdp();
    await addIdpUser(idp.testDb, { id: 'u-conformance', name: 'Con Formance', ...person });
    return {
      kind: 'embedded',
      adapter: idp.adapter,
      refusedScopeErrors: ['invalid_scope'],
      authorize: (url) => authorizeWithPerson(url, person),
      stop: () => idp.stop(),
    };
  },
};
