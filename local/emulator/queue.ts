// The Forge async-events queue (`@forge/events` Queue) behind its stargate seam:
// POST /webhook/queue/publish/… (≤ 50 events, ≤ 200 KB, delayInSeconds 0–900, answers 201),
// /webhook/queue/stats/… and /webhook/queue/cancel/…. Events persist in SQLite until delivered;
// delivery is at least once (optionally duplicated), retried when the consumer throws or
// returns an InvocationError, and a delay is measured on the emulator's (simulated) clock.
// Like Forge (DOC:limits-async-events), an installation may push at most 500 events a minute: a
// push past that answers 429, which @forge/events turns into RateLimitError ("Too many requests.").
// The window slides over the platform's clock (`limitNow`), which a drain that delivers delayed
// events early moves forward, so "wait 60 s, then push" works without a test advancing time.
import type { Db } from './db';

export const QUEUE_LIMITS = { maxEvents: 50, maxPayloadKb: 200, maxDelaySeconds: 900, maxRetries: 4, eventsPerMinute: 500 } as const;

export interface QueuedEvent {
  id: string;
  queueName: string;
  jobId: string;
  body: Record<string, unknown>;
  dueAtMs: number;
  seq: number;
  attempts: number;
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
}

export interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

export interface QueueReply {
  status: number;
  body?: unknown;
}

export class QueueStore {
  private readonly events = new Map<string, QueuedEvent>();
  private readonly jobs = new Map<string, JobStats>();
  private readonly upsert;
  private readonly remove;
  private seq = 0;
  /** Instants (platform clock) of the events pushed in the last minute, oldest first. */
  private readonly pushedAt: number[] = [];
  /** Every event accepted / every push refused for the rate, since the last resetUsage(). */
  private usage = { events: 0, pushes: 0, refused: 0, peakEventsPerMinute: 0 };
  /** Whether the per-minute push limit is enforced (on by default, as on Forge). */
  rateLimit = true;

  constructor(
    db: Db,
    private readonly now: () => number,
    private readonly newId: () => string,
    private readonly limitNow: () => number = now,
  ) {
    this.upsert = db.prepare<[string, string]>('INSERT INTO queue (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc');
    this.remove = db.prepare<[string]>('DELETE FROM queue WHERE id = ?');
    for (const row of db.prepare<[], { id: string; doc: string }>('SELECT id, doc FROM queue').all()) {
      if (row.id.startsWith('job:')) {
        this.jobs.set(row.id.slice(4), JSON.parse(row.doc) as JobStats);
        continue;
      }
      const ev = JSON.parse(row.doc) as QueuedEvent;
      this.events.set(ev.id, ev);
      this.seq = Math.max(this.seq, ev.seq);
    }
  }

  private save(ev: QueuedEvent): void {
    this.events.set(ev.id, ev);
    this.upsert.run(ev.id, JSON.stringify(ev));
  }

  private job(jobId: string): JobStats {
    let s = this.jobs.get(jobId);
    if (!s) {
      s = { success: 0, inProgress: 0, failed: 0 };
      this.jobs.set(jobId, s);
    }
    return s;
  }

  private saveJob(jobId: string): void {
    this.upsert.run(`job:${jobId}`, JSON.stringify(this.job(jobId)));
  }

  /** Events pushed (and pushes) since the last resetUsage(); pushes refused by the rate limit. */
  pushUsage(): { events: number; pushes: number; refused: number; peakEventsPerMinute: number } {
    return { ...this.usage };
  }

  resetUsage(): void {
    this.usage = { events: 0, pushes: 0, refused: 0, peakEventsPerMinute: 0 };
  }

  /** Events pushed within the minute before the platform's now. */
  eventsInLastMinute(): number {
    const cutoff = this.limitNow() - 60_000;
    while (this.pushedAt.length > 0 && this.pushedAt[0]! <= cutoff) this.pushedAt.shift();
    return this.pushedAt.length;
  }

  /** Events not yet delivered successfully, earliest first. */
  pending(): QueuedEvent[] {
    return [...this.events.values()].sort((a, b) => a.dueAtMs - b.dueAtMs || a.seq - b.seq);
  }

  due(nowMs: number): QueuedEvent[] {
    return this.pending().filter((e) => e.dueAtMs <= nowMs);
  }

  stats(jobId: string): JobStats | undefined {
    return this.jobs.get(jobId);
  }

  /** The consumer accepted the event. */
  complete(ev: QueuedEvent): void {
    if (!this.events.has(ev.id)) return; // a duplicate delivery of an already completed event
    this.events.delete(ev.id);
    this.remove.run(ev.id);
    const s = this.job(ev.jobId);
    s.inProgress = Math.max(0, s.inProgress - 1);
    s.success++;
    this.saveJob(ev.jobId);
  }

  /** The consumer failed: retry later, or give up after the retry budget. Returns false when dropped. */
  retry(ev: QueuedEvent, delayMs: number, reason: string, retryData?: unknown): boolean {
    const current = this.events.get(ev.id);
    if (!current) return false;
    if (current.attempts >= QUEUE_LIMITS.maxRetries + 1) {
      this.events.delete(ev.id);
      this.remove.run(ev.id);
      const s = this.job(ev.jobId);
      s.inProgress = Math.max(0, s.inProgress - 1);
      s.failed++;
      this.saveJob(ev.jobId);
      return false;
    }
    this.save({
      ...current,
      dueAtMs: this.now() + delayMs,
      seq: ++this.seq,
      retryContext: { retryCount: current.attempts, retryReason: reason, ...(retryData !== undefined ? { retryData } : {}) },
    });
    return true;
  }

  markAttempt(ev: QueuedEvent): QueuedEvent {
    const current = this.events.get(ev.id) ?? ev;
    const next = { ...current, attempts: current.attempts + 1 };
    if (this.events.has(ev.id)) this.save(next);
    return next;
  }

  handle(path: string, bodyText: string | undefined): QueueReply {
    let body: Record<string, unknown>;
    try {
      body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : {};
    } catch {
      return { status: 400, body: { message: 'request body is not JSON' } };
    }
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(body, bodyText ?? '');
    const jobId = String(body.jobId ?? '');
    if (path.startsWith('/webhook/queue/stats/')) {
      const s = this.jobs.get(jobId);
      return s ? { status: 200, body: s } : { status: 404, body: { message: `job ${jobId} not found` } };
    }
    if (path.startsWith('/webhook/queue/cancel/')) {
      if (!this.jobs.has(jobId)) return { status: 404, body: { message: `job ${jobId} not found` } };
      for (const ev of [...this.events.values()]) {
        if (ev.jobId !== jobId) continue;
        this.events.delete(ev.id);
        this.remove.run(ev.id);
      }
      const s = this.job(jobId);
      s.inProgress = 0;
      this.saveJob(jobId);
      return { status: 204 };
    }
    return { status: 404, body: { message: `unknown queue path ${path}` } };
  }

  private publish(body: Record<string, unknown>, raw: string): QueueReply {
    const queueName = body.queueName;
    const jobId = body.jobId;
    const payload = body.payload;
    if (typeof queueName !== 'string' || !/^[a-zA-Z0-9-_]+$/.test(queueName)) return { status: 400, body: { message: 'queueName is invalid' } };
    if (typeof jobId !== 'string' || jobId.length === 0) return { status: 400, body: { message: 'jobId is missing' } };
    if (!Array.isArray(payload) || payload.length === 0) return { status: 400, body: { message: 'payload must be a non-empty array of events' } };
    if (payload.length > QUEUE_LIMITS.maxEvents) return { status: 400, body: { message: `a push can carry at most ${QUEUE_LIMITS.maxEvents} events, got ${payload.length}` } };
    const kb = Buffer.byteLength(JSON.stringify(payload)) / 1024;
    if (kb > QUEUE_LIMITS.maxPayloadKb) return { status: 413, body: { errorMessage: `payload is ${kb.toFixed(1)} KB, the limit is ${QUEUE_LIMITS.maxPayloadKb} KB` } };
    void raw;
    const now = this.now();
    const s = this.job(jobId);
    for (const [i, ev] of (payload as Array<{ body?: unknown; delayInSeconds?: number }>).entries()) {
      if (!ev || typeof ev.body !== 'object' || ev.body === null || Array.isArray(ev.body)) {
        return { status: 400, body: { message: `payload[${i}].body must be an object` } };
      }
      const delay = ev.delayInSeconds ?? 0;
      if (delay < 0 || delay > QUEUE_LIMITS.maxDelaySeconds) return { status: 400, body: { message: `payload[${i}].delayInSeconds must be 0–900` } };
      const c = (ev as { concurrency?: unknown }).concurrency;
      if (c !== undefined) {
        const cc = c as { key?: unknown; limit?: unknown };
        if (typeof cc.key !== 'string' || cc.key === '' || typeof cc.limit !== 'number' || !Number.isInteger(cc.limit) || cc.limit < 1) {
          return { status: 400, body: { message: `payload[${i}].concurrency must be { key: string, limit: integer ≥ 1 }` } };
        }
      }
    }
    if (this.rateLimit && this.eventsInLastMinute() + payload.length > QUEUE_LIMITS.eventsPerMinute) {
      this.usage.refused++;
      return { status: 429, body: { message: `more than ${QUEUE_LIMITS.eventsPerMinute} events pushed in one minute` } };
    }
    const at = this.limitNow();
    for (let i = 0; i < payload.length; i++) this.pushedAt.push(at);
    this.usage.events += payload.length;
    this.usage.pushes++;
    this.usage.peakEventsPerMinute = Math.max(this.usage.peakEventsPerMinute, this.eventsInLastMinute());
    for (const ev of payload as Array<{ body: Record<string, unknown>; delayInSeconds?: number }>) {
      this.save({ id: this.newId(), queueName, jobId, body: ev.body, dueAtMs: now + (ev.delayInSeconds ?? 0) * 1000, seq: ++this.seq, attempts: 0 });
      s.inProgress++;
    }
    this.saveJob(jobId);
    return { status: 201, body: {} };
  }
}
