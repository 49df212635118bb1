// One clock read per check: performance.now() measures the check's latency,
// and the wall-clock time the limiter and the usage minute need is derived
// from it with an offset refreshed every second (a clock read can cost
// ~100 ns here, a sizeable share of a cached check).

let offset = Date.now() - performance.now();
let timer: ReturnType<typeof setInterval> | undefined;

function keepInStep(): void {
  if (timer) return;
  timer = setInterval(() => {
    offset = Date.now() - performance.now();
  }, 1_000);
  timer.unref();
}

/** Wall-clock milliseconds for a performance.now() reading. */
export function wallClock(perfNow: number): number {
  keepInStep();
  return perfNow + offset;
}
