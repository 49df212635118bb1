import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';

// A real Redis for the limiter tests: the one scripts/test.sh started
// (LANYARD_TEST_REDIS_URL), or else Debian's redis-server started here on a
// free loopback port without persistence, and stopped afterwards. Each test
// file uses its own key prefix, so files can share one server.

export interface TestRedis {
  url: string;
  prefix: string;
  client: Redis;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startTestRedis(): Promise<TestRedis> {
  const prefix = `lanyard-test:${process.pid}:${Date.now()}:`;
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  let url = process.env.LANYARD_TEST_REDIS_URL;
  if (!url) {
    const port = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), 'lanyard-redis-'));
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve, reject) => {
      child!.once('error', (err) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${err.message}`)));
      child!.once('spawn', () => resolve());
    });
    url = `redis://127.0.0.1:${port}`;
  }
  const client = new Redis(url, { maxRetriesPerRequest: 5, retryStrategy: (n) => (n > 50 ? null : 100) });
  // Refused connections while the server starts are retried; the ping below waits for it.
  client.on('error', () => undefined);
  await client.ping();
  return {
    url,
    prefix,
    client,
    async stop() {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
      client.disconnect();
      if (child) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child!.once('exit', resolve));
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
