import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The embedded IdP (oidc-provider, Koa) and the libSQL driver run in Node as
  // they are; bundling them gains nothing and breaks their dynamic requires.
  serverExternalPackages: ['oidc-provider', '@libsql/client', 'libsql', '@prisma/adapter-libsql'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
