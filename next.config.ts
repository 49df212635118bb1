import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The embedded IdP (oidc-provider, Koa) and the libSQL driver run in Node as
  // they are; bundling them gains nothing and breaks their dynamic requires.
  serverExternalPackages: [
    'oidc-provider',
    '@libsql/client',
    'libsql',
    '@prisma/adapter-libsql',
    '@prisma/adapter-pg',
    '@okta/okta-sdk-nodejs',
    '@aws-sdk/client-cognito-identity-provider',
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // The build type-checks what it ships (tsconfig.build.json leaves out the
  // tests, which `npm test` checks with tsconfig.json).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default nextConfig;
