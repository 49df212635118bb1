import {
  CreateResourceServerCommand,
  DescribeResourceServerCommand,
  UpdateResourceServerCommand,
  type CognitoIdentityProviderClient,
  type ResourceServerScopeType,
  type ResourceServerType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isIdpError } from '../errors';
import { toIdpError } from './errors';

// The one resource server whose scopes are Lanyard's API products. Cognito
// keeps its scopes as a list that UpdateResourceServer replaces whole (Name
// too), so every change is describe, edit the list, write it all back.

/** Cognito's ScopeName pattern: printable ASCII without space, `"`, `/` or `\`. */
export const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/;
/** The name given to the resource server if Lanyard has to create it (pattern `[\w\s+=,.@-]+`). */
const SERVER_NAME = 'Lanyard API products';
/** ScopeDescription is required, 1 to 256 characters. */
const MAX_DESCRIPTION = 256;

export interface ResourceServerAccess {
  sdk: CognitoIdentityProviderClient;
  userPoolId: string;
  identifier: string;
}

/** The resource server, or undefined if the pool has none with this identifier yet. */
export async function describeResourceServer({
  sdk,
  userPoolId,
  identifier,
}: ResourceServerAccess): Promise<ResourceServerType | undefined> {
  try {
    const res = await sdk.send(new DescribeResourceServerCommand({ UserPoolId: userPoolId, Identifier: identifier }));
    return res.ResourceServer;
  } catch (err) {
    const mapped = toIdpError(err, `Resource server ${identifier}`);
    if (isIdpError(mapped, 'not_found')) return undefined;
    throw mapped;
  }
}

export function scopeDescription(description: string | undefined, fallback: string): string {
  return (description?.trim() || fallback).slice(0, MAX_DESCRIPTION);
}

/** Writes the server's scope list, creating the server on first use. */
export async function writeScopes(
  { sdk, userPoolId, identifier }: ResourceServerAccess,
  existing: ResourceServerType | undefined,
  scopes: ResourceServerScopeType[],
): Promise<void> {
  try {
    if (!existing) {
      await sdk.send(
        new CreateResourceServerCommand({ UserPoolId: userPoolId, Identifier: identifier, Name: SERVER_NAME, Scopes: scopes }),
      );
      return;
    }
    await sdk.send(
      new UpdateResourceServerCommand({
        UserPoolId: userPoolId,
        Identifier: identifier,
        Name: existing.Name ?? SERVER_NAME,
        Scopes: scopes,
      }),
    );
  } catch (err) {
    throw toIdpError(err, `Resource server ${identifier}`);
  }
}
