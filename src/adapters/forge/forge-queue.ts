// QueuePort on @forge/events (queue `sla-recompute`, consumed by the `worker` function).

import { Queue } from '@forge/events';
import type { QueueEvent, QueuePort } from '../../app/ports';

export const RECOMPUTE_QUEUE = 'sla-recompute';
/** Platform limit per push (@forge/events validators). */
export const MAX_EVENTS_PER_PUSH = 50;

export function forgeQueue<T extends Record<string, unknown>>(key: string = RECOMPUTE_QUEUE): QueuePort<T> {
  const queue = new Queue({ key });
  return {
    async push(events: ReadonlyArray<QueueEvent<T>>) {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_PUSH) {
        await queue.push(
          events.slice(i, i + MAX_EVENTS_PER_PUSH).map((e) => ({ body: e.body, ...(e.delaySeconds ? { delayInSeconds: e.delaySeconds } : {}) })),
        );
      }
    },
  };
}
