/** A clock tests can move. Starts at the real time so JWT libraries and cookies stay sane. */
export interface TestClock {
  now(): Date;
  advance(seconds: number): void;
  set(date: Date): void;
}

export function createTestClock(start = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (seconds) => {
      current += seconds * 1000;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}
