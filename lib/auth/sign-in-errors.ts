// What next-auth's error codes mean to a person, for the sign-in error page.

export interface SignInErrorCopy {
  title: string;
  explanation: string;
}

const COPY: Record<string, SignInErrorCopy> = {
  OAuthCallback: {
    title: 'We couldn’t complete your sign-in',
    explanation:
      'The answer from your identity provider did not match the sign-in this browser started (its state or PKCE check failed), or it had expired. Nothing was signed in. Start again from this browser.',
  },
  OAuthSignin: {
    title: 'We couldn’t reach your identity provider',
    explanation: 'The sign-in could not be started. The identity provider may be down or misconfigured; try again in a minute.',
  },
  AccessDenied: {
    title: 'Sign-in cancelled',
    explanation: 'The sign-in was cancelled or access was refused at your identity provider.',
  },
  OAuthAccountNotLinked: {
    title: 'This email already belongs to another account',
    explanation: 'Your email address is linked to a sign-in from a different identity provider. Ask a portal admin for help.',
  },
  Configuration: {
    title: 'Sign-in is misconfigured',
    explanation: 'The portal’s sign-in settings are incomplete. A portal admin can find the details in the server log.',
  },
  SessionRequired: {
    title: 'Please sign in',
    explanation: 'That page is only available to signed-in users.',
  },
};

const FALLBACK: SignInErrorCopy = {
  title: 'Sign-in failed',
  explanation: 'Something went wrong while signing you in. Start again; if it keeps happening, contact a portal admin.',
};

export function signInErrorCopy(code: string | undefined): SignInErrorCopy {
  return (code && COPY[code]) || FALLBACK;
}
