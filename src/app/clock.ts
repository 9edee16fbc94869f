// The one place the app reads the wall clock. The local host sets `globalThis.__reglament_clock__`
// to simulate time; Forge never does, so production reads Date.now().

export interface Clock {
  now(): number;
}

declare global {
  var __reglament_clock__: Clock | undefined;
}

export const systemClock: Clock = {
  now: () => Date.now(),
};

/** The clock the composition root uses: the local host's simulated one when present. */
export function currentClock(): Clock {
  const simulated = globalThis.__reglament_clock__;
  return simulated && typeof simulated.now === 'function' ? simulated : systemClock;
}
