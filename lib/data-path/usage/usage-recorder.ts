import { LATENCY_BUCKETS, latencyBucket, OUTCOMES, type Outcome, type UsageRow } from './usage-row';

// Counts calls in memory, per minute × client × product × outcome, so that
// the check never writes anywhere: recording is two Map lookups and a few
// additions into typed arrays. A flusher (usage-flusher.ts) takes what has
// accumulated every few seconds and writes it in batches. A minute's cell is
// sealed (turned into rows) the first time a call of a later minute arrives.

const OUTCOME_INDEX = new Map(OUTCOMES.map((o, i) => [o, i]));
const N = OUTCOMES.length;

class Cell {
  minute: number;
  calls = new Float64Array(N);
  latency = new Float64Array(N);
  buckets = new Float64Array(N * LATENCY_BUCKETS);
  total = 0;
  constructor(minute: number) {
    this.minute = minute;
  }
}

export interface UsageRecorderOptions {
  /** Rows kept for a sink that is down, beyond which the oldest are dropped. Default 200,000. */
  maxPendingRows?: number;
}

function rowsOf(cell: Cell, clientId: string, productId: string, out: UsageRow[]): void {
  const minute = new Date(cell.minute * 60_000).toISOString();
  for (let o = 0; o < N; o++) {
    const calls = cell.calls[o]!;
    if (calls === 0) continue;
    out.push({
      minute,
      clientId,
      productId,
      outcome: OUTCOMES[o]!,
      calls,
      latencySumMs: Math.round(cell.latency[o]! * 1000) / 1000,
      buckets: Array.from(cell.buckets.subarray(o * LATENCY_BUCKETS, (o + 1) * LATENCY_BUCKETS)),
    });
  }
}

/** What one flush takes: rows of sealed minutes, and the live cells as they were, turned into rows a batch at a time. */
export class DrainedUsage {
  constructor(
    private sealed: UsageRow[],
    private readonly live: Map<string, Map<string, Cell>>,
  ) {}

  /** Up to `max` rows; an empty array when everything was taken. */
  next(max: number): UsageRow[] {
    const out = this.sealed.length <= max ? this.sealed : this.sealed.slice(0, max);
    this.sealed = this.sealed.length <= max ? [] : this.sealed.slice(max);
    for (const [clientId, products] of this.live) {
      if (out.length >= max) break;
      for (const [productId, cell] of products) {
        if (out.length >= max) break;
        rowsOf(cell, clientId, productId, out);
        products.delete(productId);
      }
      if (products.size === 0) this.live.delete(clientId);
    }
    return out;
  }
}

export class UsageRecorder {
  private live = new Map<string, Map<string, Cell>>();
  private sealed: UsageRow[] = [];
  private readonly maxPendingRows: number;
  /** Calls recorded and not yet handed to a flush. */
  pendingCalls = 0;
  /** Rows dropped because the sink stayed down. */
  droppedRows = 0;

  constructor(options: UsageRecorderOptions = {}) {
    this.maxPendingRows = options.maxPendingRows ?? 200_000;
  }

  record(clientId: string, productId: string, outcome: Outcome, latencyMs: number, nowMs: number): void {
    this.recordIndex(clientId, productId, OUTCOME_INDEX.get(outcome)!, latencyMs, nowMs);
  }

  /** `record` with the outcome as its index in OUTCOMES (the hot path's form). */
  recordIndex(clientId: string, productId: string, outcome: number, latencyMs: number, nowMs: number): void {
    const minute = Math.floor(nowMs / 60_000);
    let products = this.live.get(clientId);
    if (products === undefined) this.live.set(clientId, (products = new Map()));
    let cell = products.get(productId);
    if (cell === undefined) products.set(productId, (cell = new Cell(minute)));
    else if (cell.minute !== minute) {
      this.seal(cell, clientId, productId);
      cell.minute = minute;
    }
    cell.calls[outcome]! += 1;
    cell.latency[outcome]! += latencyMs;
    cell.buckets[outcome * LATENCY_BUCKETS + latencyBucket(latencyMs)]! += 1;
    cell.total += 1;
    this.pendingCalls += 1;
  }

  private seal(cell: Cell, clientId: string, productId: string): void {
    if (cell.total > 0) rowsOf(cell, clientId, productId, this.sealed);
    cell.calls.fill(0);
    cell.latency.fill(0);
    cell.buckets.fill(0);
    cell.total = 0;
    this.trim();
  }

  private trim(): void {
    const over = this.sealed.length - this.maxPendingRows;
    if (over > 0) {
      for (const row of this.sealed.splice(0, over)) this.pendingCalls -= row.calls;
      this.droppedRows += over;
    }
  }

  /** Everything recorded so far, to flush; recording goes on into fresh maps at once. */
  drain(): DrainedUsage {
    const drained = new DrainedUsage(this.sealed, this.live);
    this.sealed = [];
    this.live = new Map();
    this.pendingCalls = 0;
    return drained;
  }

  /** Rows a flush could not write, back in line for the next one. */
  restore(rows: UsageRow[]): void {
    this.sealed = rows.concat(this.sealed);
    this.pendingCalls += rows.reduce((n, r) => n + r.calls, 0);
    this.trim();
  }
}
