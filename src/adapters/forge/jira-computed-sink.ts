// ComputedSink on the Jira Cloud REST API v3: bulk app-field writes (issues sharing a value in one
// update) and bulk issue properties (an asynchronous task, polled), each written only when it
// differs from what Jira has; plus the Automation actions' package / priority writes.

import { route } from '@forge/api';
import type { z } from 'zod/v3';
import { AppError } from '../../app/errors';
import type { ComputedSink, ComputedWrite, WriteStats } from '../../app/ports';
import { emptyFields, jsonEqual, PROPERTY_KEY, sameInstant, type ComputedFields } from '../../app/stored-sla';
import type { ChoiceValue } from '../../shared/choice-value';
import type { AppFieldIds } from './field-directory';
import { JiraClientError, type JiraHttp } from './jira-http';
import { taskProgressSchema } from './jira-schemas';
import { LIMITS } from './jira-shared';

/** Reads of a bulk property task before the write counts as failed, and the wait step between them. */
const PROPERTY_TASK_POLLS = 6;
const PROPERTY_TASK_WAIT_MS = 250;

export class ForgeComputedSink implements ComputedSink {
  private bulkProperties = true;

  constructor(
    private readonly http: JiraHttp,
    private readonly fieldIds: () => Promise<AppFieldIds>,
  ) {}

  async writeComputed(writes: readonly ComputedWrite[]): Promise<WriteStats> {
    const f = await this.fieldIds();
    const stats: WriteStats = { fieldWrites: 0, propertyWrites: 0 };
    // Group identical values per field so one update entry covers many issues.
    type Update = { customField: string; value: unknown; issueIds: number[] };
    const fieldChanges: Array<{ issueId: number; field: string; value: unknown }> = [];
    const propertyChanges: Array<{ issueID: number; properties: Record<string, unknown> }> = [];
    for (const w of writes) {
      const issueId = Number(w.facts.id);
      const before: ComputedFields = w.facts.written ?? emptyFields;
      if (!sameInstant(before.reactionDue, w.fields.reactionDue)) fieldChanges.push({ issueId, field: f.reactionDue, value: w.fields.reactionDue });
      if (!sameInstant(before.resolutionDue, w.fields.resolutionDue)) fieldChanges.push({ issueId, field: f.resolutionDue, value: w.fields.resolutionDue });
      if (!jsonEqual(before.state, w.fields.state)) fieldChanges.push({ issueId, field: f.state, value: w.fields.state });
      if (!jsonEqual(w.facts.stored, w.stored)) propertyChanges.push({ issueID: issueId, properties: { [PROPERTY_KEY]: w.stored } });
    }
    const byIssue = new Map<number, Array<{ field: string; value: unknown }>>();
    for (const c of fieldChanges) byIssue.set(c.issueId, [...(byIssue.get(c.issueId) ?? []), c]);
    const issueIds = [...byIssue.keys()];
    for (let i = 0; i < issueIds.length; i += LIMITS.writeIssues) {
      const updates = new Map<string, Update>();
      for (const id of issueIds.slice(i, i + LIMITS.writeIssues)) {
        for (const c of byIssue.get(id)!) {
          const k = `${c.field}\u0000${JSON.stringify(c.value)}`;
          const u = updates.get(k) ?? { customField: c.field, value: c.value, issueIds: [] };
          u.issueIds.push(id);
          updates.set(k, u);
        }
      }
      const params = new URLSearchParams({ generateChangelog: 'false' });
      // Sets values: repeating it after a lost answer sets the same values again.
      await this.http.requestJira(route`/rest/api/3/app/field/value?${params}`, { method: 'POST', body: { updates: [...updates.values()] }, idempotent: true });
      stats.fieldWrites++;
    }
    for (let i = 0; i < propertyChanges.length; i += LIMITS.writeIssues) {
      const slice = propertyChanges.slice(i, i + LIMITS.writeIssues);
      if (slice.length === 1 || !this.bulkProperties) {
        for (const one of slice) await this.putProperty(one.issueID, one.properties[PROPERTY_KEY]);
        stats.propertyWrites += slice.length;
        continue;
      }
      try {
        // 303 = accepted as an asynchronous, non-transactional task: only its end state says whether
        // every property was set. Should the platform follow the redirect, the 2xx body is the task.
        let location: string | null = null;
        const followed = await this.http.requestJira(route`/rest/api/3/issue/properties/multi`, {
          method: 'POST',
          body: { issues: slice },
          allow: [303],
          schema: taskProgressSchema,
          idempotent: true,
          onAllowed: (_status, headers) => {
            location = headers.get('location');
          },
        });
        stats.propertyWrites++;
        await this.awaitPropertyTask(followed, location);
      } catch (e) {
        // 404 is not an answer the spec lists for this route: a Jira (or proxy) without the bulk
        // endpoint. Fall back to one PUT per issue for the rest of this invocation.
        if (!(e instanceof JiraClientError && e.status === 404)) throw e;
        this.bulkProperties = false;
        for (const one of slice) await this.putProperty(one.issueID, one.properties[PROPERTY_KEY]);
        stats.propertyWrites += slice.length;
      }
    }
    return stats;
  }

  /**
   * Polls the bulk property task until it ends (bounded: PROPERTY_TASK_POLLS reads, waits from the
   * retry budget). FAILED, CANCELLED, DEAD or still running is a failed write: the caller's chunk
   * fails and its normal retry writes the same values again (idempotent).
   */
  private async awaitPropertyTask(first: z.infer<typeof taskProgressSchema> | null, location: string | null): Promise<void> {
    let task = first;
    const taskId = task?.id ?? (location ? /\/rest\/api\/3\/task\/([^/?#]+)/.exec(location)?.[1] ?? null : null);
    if (taskId === null) throw new AppError('UPSTREAM', `Jira accepted the bulk property write without a task location (${location ?? 'none'})`);
    for (let read = 0; task === null || task.status === 'ENQUEUED' || task.status === 'RUNNING'; read++) {
      if (read >= PROPERTY_TASK_POLLS) throw new AppError('UPSTREAM', `bulk property task ${taskId} still ${task?.status ?? 'unread'} after ${read} reads`);
      if (read > 0 && !(await this.http.pause(PROPERTY_TASK_WAIT_MS * read))) throw new AppError('UPSTREAM', `bulk property task ${taskId} still ${task?.status ?? 'unread'}: wait budget spent`);
      task = await this.http.requestJira(route`/rest/api/3/task/${taskId}`, { method: 'GET', schema: taskProgressSchema });
    }
    if (task.status !== 'COMPLETE') throw new AppError('UPSTREAM', `bulk property task ${taskId} ended ${task.status}${task.message ? `: ${task.message}` : ''}`);
  }

  private async putProperty(issueId: number, value: unknown): Promise<void> {
    await this.http.requestJira(route`/rest/api/3/issue/${String(issueId)}/properties/${PROPERTY_KEY}`, { method: 'PUT', body: value });
  }

  /** Sets the Service package / SLA priority field as the app (Automation actions); changelog kept, people see who changed it. */
  async setChoice(issueId: string, field: 'package' | 'priority', value: ChoiceValue | null): Promise<void> {
    const f = await this.fieldIds();
    const params = new URLSearchParams({ generateChangelog: 'true' });
    await this.http.requestJira(route`/rest/api/3/app/field/value?${params}`, {
      method: 'POST',
      body: { updates: [{ customField: f[field], issueIds: [Number(issueId)], value }] },
    });
  }
}
