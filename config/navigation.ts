export interface NavItem {
  href: string;
  label: string;
  /** Shown only to signed-in users, or only to admins. */
  audience: 'everyone' | 'signed-in' | 'admin';
}

export const portalNav: NavItem[] = [
  { href: '/apis', label: 'API catalog', audience: 'everyone' },
  { href: '/apps', label: 'My apps', audience: 'signed-in' },
  { href: '/teams', label: 'Teams', audience: 'signed-in' },
  { href: '/admin', label: 'Admin', audience: 'admin' },
];
