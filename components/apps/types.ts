// What the app pages receive from the portal API (shapes from lib/apps/*).
export type { AppDetail } from '@/lib/apps/app-detail';
export type { AppListItem } from '@/lib/apps/list-apps';
export type { FetchedToken } from '@/lib/token-tool/fetch-token';

export interface CatalogOption {
  apiProductId: string;
  name: string;
  approvalRequired: boolean;
}

export interface TeamOption {
  id: string;
  name: string;
  role: 'owner' | 'member';
}
