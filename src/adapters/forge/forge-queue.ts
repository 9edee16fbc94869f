// QueuePort on @forge/events (queue `sla-recompute`, consumed by the `worker` function).

import { Queue, RateLimitError } from '@forge/events';
import { QueueRateLimitError, type QueueEvent, type QueuePort } from '../../app/ports';

export const RECOMPUTE_QUEUE = 'sla-recompute';
/** Platform limit per push (@forge/events validators). */
export const MAX_EVENTS_PER_PUSH = 50;

export function forgeQueue<T extends Record<string, unknown>>(key: string = RECOMPUTE_QUEUE): QueuePort<T> {
  const queue = new Queue({ key });
  return {
    async push(events: ReadonlyArray<QueueEvent<T>>) {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_PUSH) {
        try {
          await queue.push(
            events.slice(i, i + MAX_EVENTS_PER_PUSH).map((e) => ({
              body: e.body,
              ...(e.delaySeconds ? { delayInSeconds: e.delaySeconds } : {}),
              ...(e.concurrency ? { concurrency: { key: e.concurrency.key, limit: e.concurrency.limit } } : {}),
            })),
          );
        } catch (e) {
          // @forge/events: 429 → RateLimitError ("Too many requests."): 500 events a minute per installation.
          if (e instanceof RateLimitError) throw new QueueRateLimitError(`queue ${key}: ${e.message} (500 events a minute per installation)`);
          throw e;
        }
      }
    },
  };
}
