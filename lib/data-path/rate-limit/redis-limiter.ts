import Redis from 'ioredis';
import { RATE_WINDOW_MS } from '../limits/plan-limits';
import { gcraState } from './gcra';
import type { Limiter, LimitState, LimitSubject, LimitVerdict } from './limiter';
import { ceilSeconds } from './memory-limiter';
import { quotaWindowAt } from './windows';

// The shared store: every authz or gateway replica pointed at one Redis
// (LANYARD_REDIS_URL) draws from the same allowance, as Envoy's global
// rate-limit service does. One Lua script per request decides both limits
// and uses them up atomically, so replicas never admit more than the plan
// allows between them. Keys share a hash tag per (client, product), so the
// script's two keys sit in one slot on Redis Cluster too.
//
// The caller's clock decides the windows (replicas must agree, NTP).
// If Redis cannot answer within the timeout the request is admitted and
// reported as failedOpen (like Envoy's failure_mode_deny: false): an outage
// of the counter store must not take the APIs down with it.

const SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local quota = tonumber(ARGV[4])
local quotaEnd = tonumber(ARGV[5])
local rateOk, quotaOk = 1, 1
local tat, nextTat = now, now
if windowMs > 0 then
  local stored = redis.call('GET', KEYS[1])
  if stored then tat = math.max(tonumber(stored), now) end
  nextTat = tat + windowMs / limit
  if nextTat - now > windowMs + 0.000001 then rateOk = 0 end
end
local used = 0
if quota > 0 then
  used = tonumber(redis.call('GET', KEYS[2]) or '0')
  if used >= quota then quotaOk = 0 end
end
if rateOk == 1 and quotaOk == 1 then
  if windowMs > 0 then
    redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
  end
  if quota > 0 then
    used = redis.call('INCR', KEYS[2])
    redis.call('PEXPIREAT', KEYS[2], quotaEnd + 3600000)
  end
end
return { rateOk, quotaOk, string.format('%.3f', tat), string.format('%.3f', nextTat), used }
`;

type Reply = [number, number, string, string, number];

interface LanyardRedis extends Redis {
  lanyardTake(rateKey: string, quotaKey: string, ...args: (string | number)[]): Promise<Reply>;
}

export interface RedisLimiterOptions {
  url: string;
  /** Prefix of every key. Default `lanyard:`. */
  prefix?: string;
  /** Milliseconds before a request fails open. Default 50. */
  timeoutMs?: number;
  /** Called when the store fails (and the request is admitted anyway). */
  onError?: (err: unknown) => void;
}

/** `<prefix>{<client length>:<client>:<product>}`: unambiguous for any ids, one Cluster slot per pair. */
function pairKey(prefix: string, subject: LimitSubject): string {
  return `${prefix}{${subject.clientId.length}:${subject.clientId}:${subject.productId}}`;
}

export function createRedisLimiter(options: RedisLimiterOptions): Limiter {
  const prefix = options.prefix ?? 'lanyard:';
  const redis = new Redis(options.url, {
    // Fail fast instead of queueing while disconnected: the check must not wait on an outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs ?? 50,
    lazyConnect: false,
  }) as LanyardRedis;
  redis.defineCommand('lanyardTake', { numberOfKeys: 2, lua: SCRIPT });
  redis.on('error', (err) => options.onError?.(err));
  const keys = new WeakMap<LimitSubject, string>();

  async function take(subject: LimitSubject, nowMs: number): Promise<LimitVerdict> {
    const { rate, quota } = subject.limits;
    let key = keys.get(subject);
    if (key === undefined) {
      key = pairKey(prefix, subject);
      keys.set(subject, key);
    }
    const windowMs = rate ? RATE_WINDOW_MS[rate.window] : 0;
    const window = quota ? quotaWindowAt(quota.window, nowMs) : undefined;
    let reply: Reply;
    try {
      reply = await redis.lanyardTake(
        `${key}:r`,
        `${key}:q:${window?.start ?? 0}`,
        nowMs,
        windowMs,
        rate?.limit ?? 0,
        quota?.limit ?? 0,
        window?.end ?? 0,
      );
    } catch (err) {
      options.onError?.(err);
      return { allowed: true, failedOpen: true };
    }
    const [rateOk, quotaOk, tatText, nextText, used] = reply;
    const allowed = rateOk === 1 && quotaOk === 1;
    const verdict: { -readonly [K in keyof LimitVerdict]: LimitVerdict[K] } = { allowed };
    if (rate) {
      const tat = allowed ? Number(nextText) : Number(tatText);
      if (rateOk === 1) {
        const state = gcraState(tat, nowMs, rate.limit, windowMs);
        verdict.rate = { remaining: state.remaining, resetSeconds: ceilSeconds(state.resetMs) };
      } else {
        const retry = Math.max(1, ceilSeconds(Number(nextText) - windowMs - nowMs));
        verdict.rate = { remaining: 0, resetSeconds: retry };
        verdict.violated = 'rate';
        verdict.retryAfterSeconds = retry;
      }
    }
    if (quota && window) {
      const state: LimitState & { windowSeconds: number } = {
        remaining: Math.max(0, quota.limit - Number(used)),
        resetSeconds: Math.max(1, ceilSeconds(window.end - nowMs)),
        windowSeconds: (window.end - window.start) / 1000,
      };
      verdict.quota = state;
      if (quotaOk !== 1) {
        verdict.violated = 'quota';
        verdict.retryAfterSeconds = Math.max(verdict.retryAfterSeconds ?? 0, state.resetSeconds);
      }
    }
    return verdict;
  }

  return {
    kind: 'redis',
    take,
    ready: () => (redis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.once('ready', () => resolve()))),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
