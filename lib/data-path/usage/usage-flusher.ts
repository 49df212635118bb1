import type { UsageRecorder } from './usage-recorder';
import type { UsageRow } from './usage-row';

// Moves what the recorder counted to the portal's database every few
// seconds, in batches (never a write per request), without holding up the
// checks that run meanwhile: rows are built and sent a batch at a time, and
// the flusher gives the event loop back between batches. A batch the sink
// refuses goes back to the recorder, with everything after it, for the next
// flush. Sinks: the portal's ingest endpoint over HTTP (remoteUsageSink), or
// inside the portal its database (lib/usage/ingest-usage.ts).

export type UsageSink = (rows: UsageRow[]) => Promise<void>;

export interface UsageFlusherOptions {
  recorder: UsageRecorder;
  sink: UsageSink;
  /** Default 10 s. */
  intervalMs?: number;
  /** Rows per batch. Default 1,000 (the ingest endpoint takes up to 2,000). */
  batchSize?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export interface UsageFlusher {
  /** Flushes now; resolves when done (or failed, the rows kept). Concurrent calls share one flush. */
  flush(): Promise<void>;
  start(): void;
  /** Stops the timer and flushes what is left. */
  stop(): Promise<void>;
  readonly stats: {
    readonly lastSuccessAt: number;
    readonly flushes: number;
    readonly failures: number;
    readonly rowsWritten: number;
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createUsageFlusher(options: UsageFlusherOptions): UsageFlusher {
  const { recorder, sink } = options;
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 1_000;
  const stats = { lastSuccessAt: now(), flushes: 0, failures: 0, rowsWritten: 0 };
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function run(): Promise<void> {
    const drained = recorder.drain();
    for (;;) {
      const rows = drained.next(batchSize);
      if (rows.length === 0) break;
      try {
        await sink(rows);
        stats.rowsWritten += rows.length;
      } catch (err) {
        stats.failures += 1;
        options.onError?.(err);
        const rest: UsageRow[] = rows;
        for (let more = drained.next(batchSize); more.length; more = drained.next(batchSize)) rest.push(...more);
        recorder.restore(rest);
        return;
      }
      await yieldToEventLoop();
    }
    stats.flushes += 1;
    stats.lastSuccessAt = now();
  }

  function flush(): Promise<void> {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    flush,
    start() {
      if (timer) return;
      timer = setInterval(() => void flush(), options.intervalMs ?? 10_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
    },
    stats,
  };
}

/** The portal's ingest endpoint (`POST <portal>/api/data-path/v1/usage`, bearer token). */
export function remoteUsageSink(url: string, token: string, fetchImpl: typeof fetch = fetch): UsageSink {
  return async (rows) => {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`the usage endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  };
}
