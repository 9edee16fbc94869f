import { seededRandom } from '../../../local/emulator/faults';

/**
 * Seeded PRNG (mulberry32): the workload must be identical in every run and on every machine,
 * so that agreement counts and ops/s are comparable between runs and between peers.
 */
export const createRandom: (seed: number) => () => number = seededRandom;

/** Integer in [min, max], both inclusive. */
export function randomInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}
