import { Badge } from '@/components/ui/badge';
import { APP_TYPE_INFO, type AppType } from '@/lib/apps/app-types';

/** An application's type wherever the app is shown (lists, its page, the try-it console). */
export function AppTypeBadge({ type }: { type: string }) {
  const info = APP_TYPE_INFO[type as AppType] ?? APP_TYPE_INFO.service;
  return (
    <Badge tone={type === 'service' ? 'neutral' : 'brand'} className="whitespace-nowrap">
      <span data-testid="app-type">{info.label}</span>
    </Badge>
  );
}
