// Which role a Jira status plays in a regulation, for the clocks and the app alike. Jira status
// names compare case-insensitively; a status the configuration does not name is just 'open'.

import type { SlaConfig } from './types';

export type StatusRole = 'initial' | 'customerWait' | 'resolved' | 'closed' | 'open';

interface Roles {
  readonly byName: Map<string, StatusRole>;
  /** Status names repeat across requests: each spelling is lower-cased and looked up once. */
  readonly bySpelling: Map<string, StatusRole>;
}

const cache = new WeakMap<SlaConfig, Roles>();

function rolesOf(config: SlaConfig): Roles {
  let r = cache.get(config);
  if (!r) {
    const byName = new Map<string, StatusRole>();
    // Later roles win on a conflict the schema already rejects; the order keeps it deterministic.
    for (const role of ['initial', 'customerWait', 'resolved', 'closed'] as const) for (const s of config.statuses[role]) byName.set(s.toLowerCase(), role);
    r = { byName, bySpelling: new Map() };
    cache.set(config, r);
  }
  return r;
}

export function statusRole(config: SlaConfig, status: string): StatusRole {
  const r = rolesOf(config);
  let role = r.bySpelling.get(status);
  if (role === undefined) {
    role = r.byName.get(status.toLowerCase()) ?? 'open';
    if (r.bySpelling.size < 1000) r.bySpelling.set(status, role);
  }
  return role;
}
