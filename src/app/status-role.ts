// Which role a Jira status plays in a regulation: the engine's own rule (domain/sla/status-roles),
// so the app and the clocks always agree.

import { statusRole } from '../domain/sla/status-roles';
import type { SlaConfig } from '../domain/sla/types';

export function isRole(config: SlaConfig, role: 'resolved' | 'closed' | 'customerWait' | 'initial', status: string): boolean {
  return statusRole(config, status) === role;
}
