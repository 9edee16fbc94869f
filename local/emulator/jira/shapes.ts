// The JSON shapes of the Jira Cloud platform spec (v3) for the site's data: users, statuses,
// projects, fields, comments, changelogs and IssueBeans with Jira's `fields` selection rules.
import { ENV_ID } from '../manifest';
import { SiteData } from './site-data';
import {
  APP_ACCOUNT_ID,
  CATEGORY,
  ISSUE_TYPE,
  ORGANIZATIONS_FIELD_ID,
  PRIORITIES,
  jiraDate,
  type CommentDoc,
  type HistoryDoc,
  type IssueDoc,
  type SiteField,
  type SiteProject,
  type SiteStatus,
  type StatusCategoryKey,
} from './model';

export class SiteShapes extends SiteData {
  /** UserDetails (changelog, comments, issue fields); `full` adds what only the User bean has. */
  userJson(accountId: string | null, full = false): unknown {
    if (!accountId) return null;
    if (accountId === APP_ACCOUNT_ID) {
      return { self: `${this.siteUrl}/rest/api/3/user?accountId=${accountId}`, accountId, accountType: 'app', displayName: 'Reglament', active: true, timeZone: 'UTC', avatarUrls: this.avatars(accountId) };
    }
    const u = this.user(accountId);
    return {
      self: `${this.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      accountType: u?.role === 'customer' ? 'customer' : 'atlassian',
      ...(this.showEmails && u ? { emailAddress: u.emailAddress } : {}),
      displayName: u?.displayName ?? accountId,
      active: true,
      timeZone: u?.timeZone ?? 'UTC',
      ...(full && u ? { locale: u.locale } : {}),
      avatarUrls: this.avatars(accountId),
    };
  }

  avatars(id: string): Record<string, string> {
    const base = `${this.siteUrl}/secure/useravatar?ownerId=${encodeURIComponent(id)}`;
    return { '48x48': base, '24x24': `${base}&size=small`, '16x16': `${base}&size=xsmall`, '32x32': `${base}&size=medium` };
  }

  categoryJson(key: StatusCategoryKey): unknown {
    const c = CATEGORY[key];
    return { self: `${this.siteUrl}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
  }

  statusJson(s: SiteStatus): unknown {
    return {
      self: `${this.siteUrl}/rest/api/3/status/${s.id}`,
      description: '',
      iconUrl: `${this.siteUrl}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: this.categoryJson(s.category),
    };
  }

  projectJson(p: SiteProject): Record<string, unknown> {
    return {
      self: `${this.siteUrl}/rest/api/3/project/${p.id}`,
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: p.projectTypeKey ?? 'service_desk',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      avatarUrls: { '48x48': `${this.siteUrl}/secure/projectavatar?pid=${p.id}` },
    };
  }

  fieldJson(f: SiteField): unknown {
    const num = f.id.replace('customfield_', '');
    const custom = `${this.manifest.appId.replace('::app/', '::extension/')}/${ENV_ID}/static/${f.moduleKey}`;
    return {
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: !f.readOnly,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${num}]`, f.name],
      schema: { type: f.type === 'datetime' ? 'datetime' : f.type === 'object' ? 'any' : f.type, custom, customId: Number(num) },
    };
  }

  /** JSM's Organizations field, on a site with a service project (Jira Service Management installed). */
  organizationsFieldJson(): unknown[] {
    if (!this.projects.some((p) => (p.projectTypeKey ?? 'service_desk') === 'service_desk')) return [];
    return [
      {
        id: ORGANIZATIONS_FIELD_ID,
        key: ORGANIZATIONS_FIELD_ID,
        name: 'Organizations',
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: ['cf[10002]', 'Organizations', 'organizations'],
        schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations', customId: 10002 },
      },
    ];
  }

  /** The site's JSM organizations, numbered in the order their first member is listed. */
  organizations(): Array<{ id: string; name: string }> {
    const names = [...new Set(this.users.map((u) => u.organization).filter((n): n is string => typeof n === 'string' && n !== ''))];
    return names.map((name, i) => ({ id: String(i + 1), name }));
  }

  /** A service-desk request's Organizations value: the reporter's organization (JSM shares the request with it). */
  organizationsValue(issue: IssueDoc): unknown {
    const org = this.user(issue.reporter)?.organization;
    const o = org ? this.organizations().find((x) => x.name === org) : undefined;
    if (!o) return [];
    return [{ id: o.id, name: o.name, _links: { self: `${this.siteUrl}/rest/servicedeskapi/organization/${o.id}` } }];
  }

  systemFieldsJson(): unknown[] {
    const sys = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({
      id,
      key: id,
      name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
      schema: { type, system: id },
      ...extra,
    });
    return [
      sys('summary', 'Summary', 'string'),
      sys('description', 'Description', 'string'),
      sys('status', 'Status', 'status'),
      sys('priority', 'Priority', 'priority'),
      sys('reporter', 'Reporter', 'user'),
      sys('assignee', 'Assignee', 'user'),
      sys('created', 'Created', 'datetime'),
      sys('updated', 'Updated', 'datetime'),
      sys('resolution', 'Resolution', 'resolution'),
      sys('resolutiondate', 'Resolved', 'datetime', { clauseNames: ['resolutiondate', 'resolved'] }),
      sys('project', 'Project', 'project'),
      sys('issuetype', 'Issue Type', 'issuetype', { clauseNames: ['issuetype', 'type'] }),
      sys('comment', 'Comment', 'comments-page'),
    ];
  }

  commentJson(issue: IssueDoc, c: CommentDoc): unknown {
    return {
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
      id: c.id,
      author: this.userJson(c.author),
      updateAuthor: this.userJson(c.author),
      body: c.body,
      created: jiraDate(c.created),
      updated: jiraDate(c.updated),
      jsdPublic: c.jsdPublic,
      ...(c.jsdPublic ? {} : { properties: [{ key: 'sd.public.comment', value: { internal: true } }] }),
    };
  }

  historyJson(h: HistoryDoc, fieldIds?: Set<string>): unknown {
    return {
      id: h.id,
      author: this.userJson(h.author),
      created: jiraDate(h.created),
      // The spec types from/to as strings: an absent value is left out rather than sent as null.
      items: h.items
        .filter((i) => !fieldIds || fieldIds.has(i.fieldId) || fieldIds.has(i.field))
        .map(({ from, to, ...rest }) => ({ ...rest, ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) })),
    };
  }

  customValueJson(f: SiteField, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (f.type === 'datetime' && typeof v === 'string') return jiraDate(Date.parse(v));
    return v;
  }

  fieldsJson(issue: IssueDoc, wanted: (id: string) => boolean): Record<string, unknown> {
    const status = this.status(issue.statusId)!;
    const project = this.project(issue.projectKey)!;
    const priority = PRIORITIES.find((p) => p.id === issue.priorityId) ?? PRIORITIES[2]!;
    const out: Record<string, unknown> = {};
    const put = (id: string, v: () => unknown): void => {
      if (wanted(id)) out[id] = v();
    };
    put('summary', () => issue.summary);
    put('description', () => issue.description ?? null);
    put('status', () => this.statusJson(status));
    put('statuscategorychangedate', () => jiraDate(issue.statusCategoryChangeDate));
    put('priority', () => ({ self: `${this.siteUrl}/rest/api/3/priority/${priority.id}`, iconUrl: `${this.siteUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id }));
    put('reporter', () => this.userJson(issue.reporter));
    put('creator', () => this.userJson(issue.creator));
    put('assignee', () => this.userJson(issue.assignee));
    put('created', () => jiraDate(issue.created));
    put('updated', () => jiraDate(issue.updated));
    put('resolutiondate', () => (issue.resolutionDate === null ? null : jiraDate(issue.resolutionDate)));
    put('resolution', () =>
      issue.resolutionDate === null ? null : { self: `${this.siteUrl}/rest/api/3/resolution/10000`, id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
    );
    put('project', () => this.projectJson(project));
    put('issuetype', () => ({ self: `${this.siteUrl}/rest/api/3/issuetype/${ISSUE_TYPE.id}`, ...ISSUE_TYPE, iconUrl: `${this.siteUrl}/images/icons/issuetypes/task.svg` }));
    put('labels', () => issue.labels ?? []);
    put('comment', () => ({
      comments: issue.comments.map((c) => this.commentJson(issue, c)),
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}/comment`,
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    }));
    for (const f of this.fields) put(f.id, () => this.customValueJson(f, issue.custom[f.id]));
    if ((project.projectTypeKey ?? 'service_desk') === 'service_desk') put(ORGANIZATIONS_FIELD_ID, () => this.organizationsValue(issue));
    return out;
  }

  /** IssueBean for the given `fields` list (Jira's rules: *all, *navigable, -x exclusions). */
  issueJson(issue: IssueDoc, fieldsParam: string[] | undefined, opts: { expand?: string[]; properties?: string[]; defaultAll: boolean }): Record<string, unknown> {
    const list = (fieldsParam ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f.length > 0);
    const include = new Set(list.filter((f) => !f.startsWith('-')));
    const exclude = new Set(list.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
    const all = include.has('*all') || include.has('*navigable') || (include.size === 0 && opts.defaultAll);
    const resolveId = (id: string): string => this.field(id)?.id ?? id;
    const includeIds = new Set([...include].map(resolveId));
    const wanted = (id: string): boolean => !exclude.has(id) && (all || includeIds.has(id));
    const fields = this.fieldsJson(issue, wanted);
    const out: Record<string, unknown> = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: String(issue.id),
      self: `${this.siteUrl}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
    };
    if (Object.keys(fields).length > 0 || all || include.size > 0) out.fields = fields;
    if (opts.expand?.includes('changelog')) {
      out.changelog = { startAt: 0, maxResults: issue.histories.length, total: issue.histories.length, histories: issue.histories.map((h) => this.historyJson(h)) };
    }
    if (opts.properties && opts.properties.length > 0) {
      const props: Record<string, unknown> = {};
      const keys = opts.properties.includes('*all') ? Object.keys(issue.properties) : opts.properties;
      for (const k of keys) if (k in issue.properties) props[k] = issue.properties[k];
      out.properties = props;
    }
    return out;
  }

  /** A search hit when only `id` was asked for (plus any requested issue properties). */
  idOnlyJson(issue: IssueDoc, properties: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { id: String(issue.id) };
    if (properties.length > 0) out.properties = this.issueJson(issue, [], { properties, defaultAll: false }).properties;
    return out;
  }
}
