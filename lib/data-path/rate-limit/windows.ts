import type { QuotaWindow } from '../limits/plan-limits';

// Quota windows are calendar windows in UTC: a day runs from 00:00 to 00:00,
// a month from the 1st to the 1st. Every replica computes the same window
// from the clock alone (as envoyproxy/ratelimit does), so their clocks must
// agree (NTP).

export interface CalendarWindow {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

export function quotaWindowAt(window: QuotaWindow, nowMs: number): CalendarWindow {
  if (window === 'day') {
    const start = nowMs - (((nowMs % DAY_MS) + DAY_MS) % DAY_MS);
    return { start, end: start + DAY_MS };
  }
  const d = new Date(nowMs);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return { start, end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}
