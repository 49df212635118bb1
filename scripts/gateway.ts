import { parseGatewayEnv, completeCheckConfig } from '../lib/data-path/authz-config';
import { createDataPathCheck } from '../lib/data-path/create-check';
import { startDemoGateway } from '../lib/data-path/demo-gateway';
import { upstreamHeadersFromEnv } from '../lib/data-path/upstream-headers';
import { loadEnvFiles } from '../lib/server/load-env-files';

// `npm run gateway`: the demo gateway in front of the demo Tracks and Petstore
// APIs, checking tokens in process (default: the embedded IdP of LANYARD_URL)
// or through the ext_authz-shaped check at LANYARD_GATEWAY_AUTHZ_URL.

async function main() {
  loadEnvFiles();
  const settings = parseGatewayEnv(process.env);
  const check = settings.check ? createDataPathCheck(await completeCheckConfig(settings.check)) : undefined;
  const gateway = await startDemoGateway({
    port: settings.port,
    host: settings.host,
    check,
    authzUrl: settings.authzUrl,
    basePath: settings.basePath,
    allowedOrigins: settings.allowedOrigins,
    upstreamHeaders: upstreamHeadersFromEnv(process.env),
  });
  const checkedBy = settings.authzUrl ? `the check at ${settings.authzUrl}` : `tokens of ${settings.check!.issuer}`;
  console.log(`Lanyard demo gateway on ${gateway.url}${settings.basePath ?? ''} (/tracks, /petstore; ${checkedBy})`);

  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
