import { NextResponse } from 'next/server';
import { db } from '@/lib/db';

// Liveness and readiness in one: the portal answers and its database does.
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await db().$queryRawUnsafe('SELECT 1');
    return NextResponse.json({ status: 'ok' });
  } catch {
    return NextResponse.json({ status: 'unavailable', message: 'The database is not reachable' }, { status: 503 });
  }
}
