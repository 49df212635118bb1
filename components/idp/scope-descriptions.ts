// How the embedded IdP explains each OIDC scope on its consent page.
export const scopeDescriptions: Record<string, string> = {
  openid: 'Confirm who you are',
  email: 'See your email address',
  profile: 'See your name',
  groups: 'See the groups you belong to (this sets your role in the portal)',
  offline_access: 'Keep you signed in when you’re away',
};
