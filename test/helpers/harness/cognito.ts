import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { startCognitoStandIn } from '../../stand-ins/cognito';
import { authorizeWithoutSignIn, type HarnessFactory } from '../adapter-harness';

// The Cognito adapter, through the real AWS SDK, against the local stand-in.

export const harness: HarnessFactory = {
  kind: 'cognito',
  async start() {
    const standIn = await startCognitoStandIn();
    return {
      kind: 'cognito',
      adapter: cognitoAdapter(standIn.adapterOptions),
      refusedScopeErrors: ['invalid_scope'],
      authorize: authorizeWithoutSignIn,
      stop: () => standIn.stop(),
    };
  },
};
