import 'server-only';
import { env } from '../env';

// How long usage is kept at each granularity (LANYARD_USAGE_RETENTION_*_DAYS).
// Minute rows feed the last hour's chart; hour rows the day and week; day
// rows the month and beyond.

export interface UsageRetention {
  minuteDays: number;
  hourDays: number;
  dayDays: number;
}

export function usageRetention(): UsageRetention {
  const e = env();
  return {
    minuteDays: e.LANYARD_USAGE_RETENTION_MINUTE_DAYS,
    hourDays: e.LANYARD_USAGE_RETENTION_HOUR_DAYS,
    dayDays: e.LANYARD_USAGE_RETENTION_DAY_DAYS,
  };
}
