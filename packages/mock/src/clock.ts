// The mock's clock: the time it stamps records with (ReCORE's created_at, Pittaly's 登録日時) and that
// expires what expires (D.T.P's 60-minute sessions, ReCORE's points). It runs at the real clock's pace
// from wherever it was set; tests move it forward instead of sleeping (GET/POST /__akinai/clock,
// mock.clock.advance(ms)).

export interface Clock {
  /** Now, in milliseconds since the epoch. */
  now(): number;
  /** Moves the clock forward by `ms` (not backward: what was stamped stays in the past). */
  advance(ms: number): number;
  /** Sets the clock to a moment; it runs on from there. */
  set(moment: Date | string | number): number;
}

export function createClock(start?: Date | string | number): Clock {
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceMs must be a number of milliseconds ≥ 0, got ${ms}.`);
      offset += ms;
      return clock.now();
    },
    set(moment) {
      const time = new Date(moment).getTime();
      if (Number.isNaN(time)) throw new RangeError(`set must be an ISO 8601 date and time, got ${JSON.stringify(moment)}.`);
      offset = time - Date.now();
      return clock.now();
    },
  };
  if (start !== undefined) clock.set(start);
  return clock;
}
