// The customer act (resolver getCustomerAct): one customer's month in the regulation's own terms,
// from the stored report rows of the projects the viewer may browse (as getReport reads them), with
// the configuration of the project (or the site default) for package validity, quota and names.

import { actCustomers, customerAct } from '../domain/report';
import type { CustomerActView } from '../shared/contract';
import { formatInstant, parseInstant } from '../domain/time/zone';
import { DEFAULT_SCOPE, type ActiveConfigs } from './config-store';
import { AppError } from './errors';
import { visibleRows, type ReportDeps } from './report-service';
import { loadReportRows } from './report-rows';

export interface CustomerActRequest {
  readonly month: string;
  /** Absent: the act of the first customer of the month (the page then offers the others). */
  readonly customer?: string | undefined;
  readonly projectKey?: string | undefined;
}


const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export async function getCustomerAct(deps: ReportDeps, configs: ActiveConfigs, req: CustomerActRequest, nowMs: number): Promise<CustomerActView> {
  if (configs.empty) throw new AppError('NOT_CONFIGURED', 'Reglament is not configured yet: apply a template on the admin page');
  const m = MONTH.exec(req.month);
  if (!m) throw new AppError('BAD_REQUEST', `month: expected YYYY-MM, got ${JSON.stringify(req.month)}`, [{ path: 'month', message: 'expected YYYY-MM' }]);
  const active = req.projectKey === undefined ? (configs.byScope.get(DEFAULT_SCOPE) ?? configs.byScope.values().next().value ?? null) : configs.forProject(req.projectKey);
  if (!active) throw new AppError('NOT_CONFIGURED', `project ${req.projectKey}: no SLA configuration applies`);
  const config = active.config;
  const zone = config.calendars[config.calendarId]?.timezone ?? 'UTC';
  const visible = await deps.userJira.listProjects();
  const projects = req.projectKey === undefined ? visible : visible.filter((p) => p.key === req.projectKey);
  if (req.projectKey !== undefined && projects.length === 0) {
    throw new AppError('FORBIDDEN', `project ${req.projectKey}: not found or you may not browse it`, [{ path: 'projectKey', message: 'not found or not browsable' }]);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const fromMs = parseInstant(`${req.month}-01`, zone)!;
  const toMs = parseInstant(`${next}-01`, zone)!;
  const { rows } = await loadReportRows(deps, projects.map((p) => p.key), fromMs, toMs);
  // Only requests the viewer may open (issue security), as in getReport.
  const inMonth = await visibleRows(deps, rows.filter((r) => r.month === req.month && r.createdMs <= nowMs), 'month');
  const customers = actCustomers(inMonth, req.month);
  const customer = req.customer ?? customers[0];
  const act = customer === undefined ? null : customerAct(config, inMonth, customer, req.month);
  const names: CustomerActView['names'] = { package: {}, priority: {} };
  for (const p of config.packages) names.package[p.id] = p.name;
  for (const p of config.priorities) names.priority[p.id] = p.name;
  return {
    month: req.month,
    timezone: zone,
    regulation: config.name,
    customers,
    act,
    asOf: act?.asOfMs == null ? null : formatInstant(zone, act.asOfMs),
    names,
  };
}
