// Which role a Jira status plays in a regulation. Jira status names compare case-insensitively,
// as the engine does (domain/sla/compute-clocks), so the app and the clocks agree.

import type { SlaConfig } from '../domain/sla/types';

export function isRole(config: SlaConfig, role: 'resolved' | 'closed' | 'customerWait' | 'initial', status: string): boolean {
  const s = status.toLowerCase();
  return config.statuses[role].some((x) => x.toLowerCase() === s);
}
