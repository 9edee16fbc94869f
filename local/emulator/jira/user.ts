// Users: one user's details and their groups (the latter behind the site's "Browse users and
// groups" grant for the app).
import { APP_ACCOUNT_ID, RestError, groupsOf } from './model';
import type { RouteTable } from './routes';

export const userRoutes = {
  'GET /rest/api/3/user': ({ site, q }) => {
    const id = q.get('accountId') ?? '';
    if (id !== APP_ACCOUNT_ID && !site.user(id)) throw new RestError(404, `Specified user does not exist or you do not have required permissions`);
    return { status: 200, body: site.userJson(id, true) };
  },

  'GET /rest/api/3/user/groups': ({ site, q }) => {
    if (!site.browseUsersAndGroups) throw new RestError(403, 'You do not have the permission to browse users and groups.');
    const id = q.get('accountId') ?? '';
    const u = site.user(id);
    if (!u) throw new RestError(404, 'Specified user does not exist or you do not have required permissions');
    return { status: 200, body: groupsOf(u.role).map((name) => ({ name, groupId: `group-${name}`, self: `${site.siteUrl}/rest/api/3/group?groupId=group-${name}` })) };
  },
} satisfies Partial<RouteTable>;
