import { Badge } from '@/components/ui/badge';

const tone = { approved: 'green', pending: 'amber', rejected: 'red' } as const;
const text = { approved: 'Approved', pending: 'Pending approval', rejected: 'Rejected' } as const;

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const s = (status in tone ? status : 'pending') as keyof typeof tone;
  return <Badge tone={tone[s]}>{label ? `${label} · ${text[s].toLowerCase()}` : text[s]}</Badge>;
}
