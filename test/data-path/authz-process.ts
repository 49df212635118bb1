import { spawn, type ChildProcess } from 'node:child_process';
import { NODE_TS_ARGS } from '../../scripts/node/node-ts';

// `npm run authz` as a child process, for tests that need the real entry
// point (several replicas, the gRPC and metrics listeners).

export interface AuthzProcess {
  child: ChildProcess;
  http: string;
  grpc?: string;
  metrics?: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startAuthzProcess(env: Record<string, string>): Promise<AuthzProcess> {
  const child = spawn(process.execPath, [...NODE_TS_ARGS, 'scripts/authz.ts'], {
    env: { ...process.env, LANYARD_AUTHZ_PORT: '0', LANYARD_AUTHZ_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`scripts/authz.ts did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', () => {
      if (/^Plans: /m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/authz.ts exited (${code}):\n${out}`));
    });
  });
  const find = (re: RegExp) => re.exec(out)?.[1];
  return {
    child,
    http: find(/check listening on (http:\/\/\S+)/)!,
    grpc: find(/gRPC ext_authz listening on (\S+)/),
    metrics: find(/metrics on (http:\/\/\S+)/),
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
