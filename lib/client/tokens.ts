import type { AccessTokenView, CreatedAccessToken } from '../access-tokens/tokens';
import type { TokenKind, TokenScope } from '../access-tokens/scopes';
import { api } from './api';

// The browser's calls for access tokens: personal ones on /account, service ones for admins.

const base = (kind: TokenKind) => (kind === 'personal' ? '/api/account/tokens' : '/api/admin/tokens');

export const listTokens = (kind: TokenKind) => api<{ tokens: AccessTokenView[] }>(base(kind));
export const createToken = (kind: TokenKind, input: { name: string; scopes: TokenScope[]; expiresInDays: number }) =>
  api<CreatedAccessToken>(base(kind), { method: 'POST', body: input });
export const revokeToken = (kind: TokenKind, id: string) =>
  api<AccessTokenView>(`${base(kind)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
