import { readiness } from '@/lib/maintenance/health';

// Readiness for a load balancer or Kubernetes: 503 while the database is unreachable, so traffic goes elsewhere.
export const dynamic = 'force-dynamic';

export const GET = readiness;
