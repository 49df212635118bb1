import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built on first request, not at import: `next build` imports
// this module without the runtime secret.
async function handler(req: Request, ctx: RouteContext): Promise<Response> {
  return (NextAuth(authOptions()) as (req: Request, ctx: RouteContext) => Promise<Response>)(req, ctx);
}

export { handler as GET, handler as POST };
