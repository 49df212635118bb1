import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { Db } from '../../../db';
import { authenticate } from '../provider/accounts';
import { EMBEDDED_MOUNT_PATH } from '../provider/create-provider';
import { responseNonce } from '../../../http/security-headers';
import { isRateLimited } from '../../../rate-limit/rate-limited';
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess } from '../../../rate-limit/policies';
import { escapeHtml, standalonePage } from '../provider/standalone-page';
import { FormError, readForm } from './read-form';

// The POST half of the sign-in and consent pages. The pages themselves are
// portal (Next) pages; their forms post here because finishing an interaction
// needs oidc-provider's signed interaction cookie, read from the Node request.
// The cookie is SameSite=Lax, so a cross-site form cannot finish anything.

const ACTION = new RegExp(`^${EMBEDDED_MOUNT_PATH}/interaction/([\\w-]+)/(login|consent|abort)$`);

export function matchInteractionAction(req: IncomingMessage): { uid: string; action: string } | undefined {
  if (req.method !== 'POST') return undefined;
  const m = ACTION.exec(new URL(req.url ?? '/', 'http://x').pathname);
  return m ? { uid: m[1]!, action: m[2]! } : undefined;
}

function seeOther(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
}

/**
 * A password is checked only inside a sign-in this browser started (its
 * signed interaction cookie names this uid and asks for a login), and only
 * when the rate limits allow the attempt (lib/rate-limit/policies.ts): a
 * guess without an interaction, or over the limit, costs no scrypt and tells
 * nothing about the password.
 */
async function login(provider: Provider, db: Db, req: IncomingMessage, res: ServerResponse, uid: string, address: string) {
  const form = await readForm(req);
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid || interaction.prompt.name !== 'login')
    throw new errors.InvalidRequest('this sign-in is not waiting for a password');
  const attempt = { email: form.get('email') ?? '', address };
  try {
    await assertSignInAllowed(db, attempt);
  } catch (err) {
    if (!isRateLimited(err)) throw err;
    res.writeHead(429, {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(err.retryAfterSeconds),
      'cache-control': 'no-store',
    });
    const back = `${EMBEDDED_MOUNT_PATH}/interaction/${encodeURIComponent(uid)}?${new URLSearchParams({ email: attempt.email })}`;
    res.end(
      standalonePage(
        'Too many attempts',
        `<h1>Too many sign-in attempts</h1><p>${escapeHtml(err.message)}</p><p>You can try again in ${err.retryAfterSeconds} second${err.retryAfterSeconds === 1 ? '' : 's'}.</p><p><a class="button" href="${escapeHtml(back)}">Back to sign-in</a></p>`,
        responseNonce(res),
      ),
    );
    return;
  }
  const person = await authenticate(db, attempt.email, form.get('password') ?? '');
  if (!person) {
    await recordSignInFailure(db, attempt);
    const back = new URLSearchParams({ error: 'credentials', email: attempt.email });
    return seeOther(res, `${EMBEDDED_MOUNT_PATH}/interaction/${uid}?${back}`);
  }
  await recordSignInSuccess(db, attempt);
  await provider.interactionFinished(req, res, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
}

async function consent(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  await readForm(req);
  const interaction = await provider.interactionDetails(req, res);
  const { prompt, params, session, grantId } = interaction;
  if (prompt.name !== 'consent' || !session?.accountId) {
    throw new errors.InvalidRequest('there is no consent to give for this sign-in');
  }
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
  if (!grant) throw new errors.InvalidRequest('the grant for this sign-in has expired');
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const savedGrantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: grantId ? {} : { grantId: savedGrantId } }, { mergeWithLastSubmission: true });
}

async function abort(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  await readForm(req);
  await provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
    { mergeWithLastSubmission: false },
  );
}

export async function handleInteractionAction(
  provider: Provider,
  db: Db,
  req: IncomingMessage,
  res: ServerResponse,
  match: { uid: string; action: string },
  address: string,
): Promise<void> {
  try {
    if (match.action === 'login') return await login(provider, db, req, res, match.uid, address);
    if (match.action === 'consent') return await consent(provider, req, res);
    return await abort(provider, req, res);
  } catch (err) {
    const status = err instanceof FormError ? err.status : 400;
    const expired = err instanceof errors.SessionNotFound;
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(
      standalonePage(
        'Sign-in expired',
        expired
          ? '<h1>This sign-in has expired</h1><p>Sign-in pages are valid for ten minutes and in the browser that opened them.</p><p><a class="button" href="/signin">Start again</a></p>'
          : '<h1>We couldn’t continue this sign-in</h1><p>The form could not be processed.</p><p><a class="button" href="/signin">Start again</a></p>',
        responseNonce(res),
      ),
    );
  }
}
