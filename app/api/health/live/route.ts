// Liveness: the process answers. It never touches the database, so a
// database outage takes replicas out of the balancer (readiness) without
// having them restarted in a loop.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
