import { Badge } from '@/components/ui/badge';

const tone = { success: 'green', failure: 'red', denied: 'amber' } as const;

export function AuditOutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={tone[outcome as keyof typeof tone] ?? 'neutral'}>{outcome}</Badge>;
}
