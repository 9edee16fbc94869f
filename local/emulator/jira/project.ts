// Projects and statuses: the paged project search (only projects the caller may browse) and the
// site's status list.
import type { RouteTable } from './routes';

export const projectRoutes = {
  'GET /rest/api/3/project/search': ({ site, p, q, path }) => {
    const startAt = Number(q.get('startAt') ?? 0);
    const maxResults = Math.min(Number(q.get('maxResults') ?? 50), 100);
    const keys = q.getAll('keys').flatMap((k) => k.split(','));
    const visible = site.projects.filter((pr) => (keys.length === 0 || keys.includes(pr.key)) && site.hasProject(p, 'BROWSE_PROJECTS', pr));
    const page = visible.slice(startAt, startAt + maxResults);
    const isLast = startAt + page.length >= visible.length;
    return {
      status: 200,
      body: {
        self: `${site.siteUrl}${path}?startAt=${startAt}&maxResults=${maxResults}`,
        ...(isLast ? {} : { nextPage: `${site.siteUrl}${path}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
        maxResults,
        startAt,
        total: visible.length,
        isLast,
        values: page.map((pr) => site.projectJson(pr)),
      },
    };
  },

  'GET /rest/api/3/status': ({ site }) => ({ status: 200, body: site.statuses.map((s) => site.statusJson(s)) }),
} satisfies Partial<RouteTable>;
