// Directory on the Jira Cloud REST API v3: people (language, display name; one GET per person per
// invocation), statuses and the projects the caller may browse.

import { route } from '@forge/api';
import type { z } from 'zod/v3';
import type { Directory } from '../../app/ports';
import type { JiraStatusOption, Locale } from '../../shared/contract';
import type { JiraHttp } from './jira-http';
import { projectPageSchema, statusListSchema, userSchema } from './jira-schemas';
import { category } from './jira-shared';

function localeOf(text: string | undefined): Locale | null {
  if (!text) return null;
  return text.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export class ForgeDirectory implements Directory {
  /** GET /user once per person per invocation: a sweep meets the same agents and customers on many issues. */
  private readonly usersCache = new Map<string, Promise<z.infer<typeof userSchema> | null>>();

  constructor(private readonly http: JiraHttp) {}

  private user(accountId: string): Promise<z.infer<typeof userSchema> | null> {
    const hit = this.usersCache.get(accountId);
    if (hit) return hit;
    const params = new URLSearchParams({ accountId });
    const user = this.http.requestJira(route`/rest/api/3/user?${params}`, { method: 'GET', schema: userSchema, allow: [403, 404] });
    // A failed read is not remembered: the next caller in this invocation asks again.
    user.catch(() => this.usersCache.delete(accountId));
    this.usersCache.set(accountId, user);
    return user;
  }

  async userLocale(accountId: string): Promise<Locale | null> {
    return localeOf((await this.user(accountId))?.locale);
  }
  async listStatuses(): Promise<JiraStatusOption[]> {
    const list = await this.http.requestJira(route`/rest/api/3/status`, { method: 'GET', schema: statusListSchema });
    return list.map((s) => ({ id: s.id, name: s.name, category: category(s.statusCategory?.key) }));
  }

  async listProjects(): Promise<Array<{ key: string; name: string }>> {
    const out: Array<{ key: string; name: string }> = [];
    for (let startAt = 0; startAt < 5000; startAt += 50) {
      const params = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
      const page = await this.http.requestJira(route`/rest/api/3/project/search?${params}`, { method: 'GET', schema: projectPageSchema });
      const values = page.values ?? [];
      out.push(...values.map((p) => ({ key: p.key, name: p.name ?? p.key })));
      if (values.length < 50 || page.isLast !== false) break;
    }
    return out;
  }
  async userDisplayName(accountId: string): Promise<string | null> {
    // The same few people save most versions: one GET per person per invocation.
    return (await this.user(accountId))?.displayName ?? null;
  }
}
