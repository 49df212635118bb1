import { readiness } from '@/lib/maintenance/health';

// Readiness (also at /api/health/ready): the portal answers and its database does.
export const dynamic = 'force-dynamic';

export const GET = readiness;
