import { collectDefaultMetrics, Gauge, Registry, type Metric } from 'prom-client';
import type { LimitsSource } from './limits/limits-source';
import type { UsageFlusher } from './usage/usage-flusher';
import type { UsageRecorder } from './usage/usage-recorder';

// The data path's Prometheus metrics (prom-client registry, text format):
//   lanyard_authz_decisions_total{transport, outcome, reason}
//   lanyard_authz_check_duration_seconds{transport} (histogram)
//   lanyard_ratelimit_hits_total{policy}            requests the plan's limits refused
//   lanyard_ratelimit_store_errors_total            limiter store failures (admitted: fail open)
//   lanyard_limits_table_entries, lanyard_limits_table_age_seconds
//   lanyard_usage_pending_calls, lanyard_usage_flush_lag_seconds,
//   lanyard_usage_flushes_total{result}, lanyard_usage_flushed_rows_total, lanyard_usage_dropped_rows_total
// plus prom-client's process metrics. The check counts into plain numbers
// and typed arrays (prom-client's own inc/observe cost more than a cached
// check); the registry reads them when scraped.

export type Transport = 'http' | 'grpc' | 'in_process';
const TRANSPORTS: readonly Transport[] = ['http', 'grpc', 'in_process'];

/** Outcome and reason pairs, in the order of their counter slots. */
export const DECISIONS = [
  ['allowed', 'ok'],
  ['denied', 'invalid_request'],
  ['denied', 'invalid_token'],
  ['denied', 'insufficient_scope'],
  ['limited', 'rate'],
  ['limited', 'quota'],
  ['unavailable', 'jwks_unavailable'],
] as const;
export const DECISION = {
  allowed: 0,
  invalidRequest: 1,
  invalidToken: 2,
  insufficientScope: 3,
  rate: 4,
  quota: 5,
  unavailable: 6,
} as const;

/** Check latency buckets, in seconds. */
const CHECK_BOUNDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export class DataPathMetrics {
  readonly registry: Registry;
  private readonly decisions = new Float64Array(TRANSPORTS.length * DECISIONS.length);
  private readonly latencyBuckets = new Float64Array(TRANSPORTS.length * (CHECK_BOUNDS.length + 1));
  private readonly latencySum = new Float64Array(TRANSPORTS.length);
  limiterHits = { rate: 0, quota: 0 };
  storeErrors = 0;

  constructor(options: { prefix?: string; defaultMetrics?: boolean; registry?: Registry } = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.registry.registerMetric(this.decisionsMetric());
    this.registry.registerMetric(this.latencyMetric());
    this.registry.registerMetric(
      collected('lanyard_ratelimit_hits_total', 'Requests refused by a plan’s rate limit or quota (429).', 'counter', () => [
        { labels: { policy: 'rate' }, value: this.limiterHits.rate },
        { labels: { policy: 'quota' }, value: this.limiterHits.quota },
      ]),
    );
    this.registry.registerMetric(
      collected(
        'lanyard_ratelimit_store_errors_total',
        'Limiter store failures; the requests were admitted (fail open).',
        'counter',
        () => [{ labels: {}, value: this.storeErrors }],
      ),
    );
  }

  /** Counts one decision; `slot` is a DECISION value. */
  decision(transport: Transport, slot: number, seconds: number): void {
    const t = transport === 'http' ? 0 : transport === 'grpc' ? 1 : 2;
    this.decisions[t * DECISIONS.length + slot]! += 1;
    this.latencySum[t]! += seconds;
    let b = 0;
    while (b < CHECK_BOUNDS.length && seconds > CHECK_BOUNDS[b]!) b++;
    this.latencyBuckets[t * (CHECK_BOUNDS.length + 1) + b]! += 1;
  }

  private decisionsMetric(): Metric {
    return collected('lanyard_authz_decisions_total', 'Data-path decisions by transport, outcome and reason.', 'counter', () =>
      TRANSPORTS.flatMap((transport, t) =>
        DECISIONS.map(([outcome, reason], d) => ({
          labels: { transport, outcome, reason },
          value: this.decisions[t * DECISIONS.length + d]!,
        })),
      ),
    );
  }

  private latencyMetric(): Metric {
    const name = 'lanyard_authz_check_duration_seconds';
    return collected(name, 'Time to decide a request, by transport.', 'histogram', () =>
      TRANSPORTS.flatMap((transport, t) => {
        const values: CollectedValue[] = [];
        let cumulative = 0;
        CHECK_BOUNDS.forEach((le, b) => {
          cumulative += this.latencyBuckets[t * (CHECK_BOUNDS.length + 1) + b]!;
          values.push({ metricName: `${name}_bucket`, labels: { transport, le }, value: cumulative });
        });
        cumulative += this.latencyBuckets[t * (CHECK_BOUNDS.length + 1) + CHECK_BOUNDS.length]!;
        values.push({ metricName: `${name}_bucket`, labels: { transport, le: '+Inf' }, value: cumulative });
        values.push({ metricName: `${name}_sum`, labels: { transport }, value: this.latencySum[t]! });
        values.push({ metricName: `${name}_count`, labels: { transport }, value: cumulative });
        return values;
      }),
    );
  }

  /** Gauges and counters of the limits table and the usage flush. */
  watch(parts: { limits?: LimitsSource; recorder?: UsageRecorder; flusher?: UsageFlusher; now?: () => number }): void {
    const now = parts.now ?? Date.now;
    const { limits, recorder, flusher } = parts;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    if (limits) {
      gauge('lanyard_limits_table_entries', 'Client × product pairs with a plan in the limits table.', () => limits.table.size);
      gauge('lanyard_limits_table_age_seconds', 'Seconds since the limits table was last loaded or confirmed.', () =>
        limits.refreshedAt ? (now() - limits.refreshedAt) / 1000 : -1,
      );
    }
    if (recorder) {
      gauge('lanyard_usage_pending_calls', 'Calls counted and not yet flushed.', () => recorder.pendingCalls);
      this.registry.registerMetric(
        collected('lanyard_usage_dropped_rows_total', 'Usage rows dropped because the sink stayed down.', 'counter', () => [
          { labels: {}, value: recorder.droppedRows },
        ]),
      );
    }
    if (flusher) {
      gauge(
        'lanyard_usage_flush_lag_seconds',
        'Seconds since usage was last flushed in full.',
        () => (now() - flusher.stats.lastSuccessAt) / 1000,
      );
      this.registry.registerMetric(
        collected('lanyard_usage_flushes_total', 'Usage flushes by result.', 'counter', () => [
          { labels: { result: 'ok' }, value: flusher.stats.flushes },
          { labels: { result: 'failed' }, value: flusher.stats.failures },
        ]),
      );
      this.registry.registerMetric(
        collected('lanyard_usage_flushed_rows_total', 'Usage rows written.', 'counter', () => [
          { labels: {}, value: flusher.stats.rowsWritten },
        ]),
      );
    }
  }

  /** The exposition for `GET /metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

interface CollectedValue {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/** A metric whose values are read from elsewhere when the registry is scraped (prom-client's Metric interface). */
function collected(name: string, help: string, type: 'counter' | 'histogram', values: () => CollectedValue[]): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }),
    reset() {},
  };
  return metric as unknown as Metric;
}
