import { useId, useState } from 'react';
import { call } from '../../shared/api';
import type { JiraStatusOption } from '../../../src/shared/contract';
import { formatGoal } from '../../shared/format';
import { Message } from '../../shared/ui';
import { DateTextField, FieldIssues, lineProblemText, ListArea, Section, SelectField, TextField, useAdmin } from './admin-context';
import { calendarName, channelsToLines, customersFromCsv, goalRows, linesToChannels, pathOf, rekeyGoals, type CustomerDraft, type Draft, type LineProblem } from './draft';

type Clock = 'reaction' | 'resolution';
type Keying = 'package' | 'priority' | 'matrix';

/** "ru | en" lines for lists of localized texts (extras, products). */
function textsToLines(list: ReadonlyArray<{ ru: string; en: string }>): string {
  return list.map((x) => (x.ru === x.en ? x.ru : `${x.ru} | ${x.en}`)).join('\n');
}
function linesToTexts(text: string): Array<{ ru: string; en: string }> {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const [ru = '', en] = l.split('|').map((s) => s.trim());
    return { ru, en: en || ru };
  });
}

function PackageEditor({ index }: { index: number }) {
  const { t, draft, update, lang } = useAdmin();
  const pkg = draft.packages[index];
  const extrasId = useId();
  const productsId = useId();
  if (!pkg) return null;
  const p = (...rest: Array<string | number>) => pathOf('packages', index, ...rest);
  const set = (change: (x: Draft['packages'][number]) => void) => update((d) => { const x = d.packages[index]; if (x) change(x); });
  return (
    <fieldset className="card" data-package={pkg.id}>
      <legend>{pkg.name[lang] || pkg.id}</legend>
      <div className="row">
        <TextField width="s" label={t('package.id')} value={pkg.id} path={p('id')} onChange={(v) => set((x) => { x.id = v; })} />
        <TextField label={t('name.ru')} value={pkg.name.ru} path={p('name', 'ru')} onChange={(v) => set((x) => { x.name.ru = v; })} />
        <TextField label={t('name.en')} value={pkg.name.en} path={p('name', 'en')} onChange={(v) => set((x) => { x.name.en = v; })} />
        <TextField width="s" type="number" min={0} label={t('package.price')} value={pkg.price === null ? '' : String(pkg.price)} path={p('price')}
          onChange={(v) => set((x) => { x.price = v === '' ? null : Number(v); })} />
      </div>
      <div className="row">
        <SelectField label={t('package.validity')} value={pkg.validity.kind} path={p('validity')}
          options={[{ value: 'unlimited', label: t('validity.unlimited') }, { value: 'months', label: t('validity.months') }, { value: 'contract', label: t('validity.contract') }]}
          onChange={(v) => set((x) => { x.validity = v === 'months' ? { kind: 'months', months: 12 } : v === 'contract' ? { kind: 'contract' } : { kind: 'unlimited' }; })} />
        {pkg.validity.kind === 'months' ? (
          <TextField width="xs" type="number" min={1} max={120} label={t('validity.monthsCount')} value={String(pkg.validity.months)} path={p('validity', 'months')}
            onChange={(v) => set((x) => { x.validity = { kind: 'months', months: Number(v) }; })} />
        ) : null}
        <TextField width="xs" type="number" min={0} label={t('package.skype')} value={String(pkg.skypeContacts)} path={p('skypeContacts')} onChange={(v) => set((x) => { x.skypeContacts = Number(v); })} />
      </div>
      <div className="grid-2">
        <ListArea label={t('package.channels')} hint={t('list.channelsHint')} path={p('channels')} value={pkg.channels} format={channelsToLines}
          parse={(text) => { const r = linesToChannels(text, pkg.channels); return { value: r.channels, problems: r.problems }; }}
          apply={(v) => set((x) => { x.channels = v; })} />
        <div className="field field--l">
          <label htmlFor={extrasId}>{t('package.extras')}</label>
          <textarea id={extrasId} rows={4} defaultValue={textsToLines(pkg.extras)} key={textsToLines(pkg.extras)} aria-describedby={`${extrasId}-h`}
            onBlur={(e) => set((x) => { x.extras = linesToTexts(e.target.value); })} />
          <span id={`${extrasId}-h`} className="hint">{t('list.textsHint')}</span>
          <FieldIssues path={p('extras')} within />
        </div>
        <div className="field field--l">
          <label htmlFor={productsId}>{t('package.products')}</label>
          <textarea id={productsId} rows={2} defaultValue={textsToLines(pkg.products)} key={textsToLines(pkg.products)} aria-describedby={`${productsId}-h`}
            onBlur={(e) => set((x) => { x.products = linesToTexts(e.target.value); })} />
          <span id={`${productsId}-h`} className="hint">{t('list.textsHint')}</span>
          <FieldIssues path={p('products')} within />
        </div>
        <SelectField label={t('package.calendar')} value={pkg.calendarId ?? ''} path={p('calendarId')}
          options={[{ value: '', label: t('package.calendarDefault', { id: draft.calendarId }) }, ...Object.keys(draft.calendars).map((id) => ({ value: id, label: calendarName(draft.calendars[id], id, lang) }))]}
          onChange={(v) => set((x) => { x.calendarId = v || null; })} />
      </div>
      <button type="button" className="button button--subtle" disabled={draft.packages.length <= 1}
        onClick={() => update((d) => { d.packages.splice(index, 1); })}>
        {t('package.remove', { name: pkg.name[lang] || pkg.id })}
      </button>
    </fieldset>
  );
}

export function PackagesSection() {
  const { t, draft, update, lang } = useAdmin();
  return (
    <Section id="packages" title={t('packages.title')} intro={t('packages.intro')}>
      {draft.packages.map((p, i) => <PackageEditor key={i} index={i} />)}
      <div className="row">
        <button type="button" className="button" onClick={() => update((d) => {
          const n = d.packages.length + 1;
          d.packages.push({ id: `package${n}`, name: { ru: `Пакет ${n}`, en: `Package ${n}` }, description: null, price: null, validity: { kind: 'unlimited' }, channels: [], products: [], extras: [], skypeContacts: 0, calendarId: null });
        })}>+ {t('packages.add')}</button>
        <SelectField label={t('packages.default')} value={draft.defaultPackage} path="defaultPackage" onChange={(v) => update((d) => { d.defaultPackage = v; })}
          options={draft.packages.map((p) => ({ value: p.id, label: p.name[lang] || p.id }))} />
      </div>
    </Section>
  );
}

export function PrioritiesSection() {
  const { t, draft, update, lang } = useAdmin();
  return (
    <Section id="priorities" title={t('priorities.title')} intro={t('priorities.intro')}>
      {draft.priorities.map((pr, i) => {
        const p = (...rest: Array<string | number>) => pathOf('priorities', i, ...rest);
        const set = (change: (x: Draft['priorities'][number]) => void) => update((d) => { const x = d.priorities[i]; if (x) change(x); });
        return (
          <fieldset key={i} className="card" data-priority={pr.id}>
            <legend>{pr.name[lang] || pr.id}</legend>
            <div className="row">
              <TextField width="xs" label={t('priority.id')} value={pr.id} path={p('id')} onChange={(v) => set((x) => { x.id = v; })} />
              <TextField label={t('name.ru')} value={pr.name.ru} path={p('name', 'ru')} onChange={(v) => set((x) => { x.name.ru = v; })} />
              <TextField label={t('name.en')} value={pr.name.en} path={p('name', 'en')} onChange={(v) => set((x) => { x.name.en = v; })} />
            </div>
            <div className="grid-2">
              <TextField width="l" label={t('priority.definitionRu')} value={pr.definition.ru} path={p('definition', 'ru')} onChange={(v) => set((x) => { x.definition.ru = v; })} />
              <TextField width="l" label={t('priority.definitionEn')} value={pr.definition.en} path={p('definition', 'en')} onChange={(v) => set((x) => { x.definition.en = v; })} />
            </div>
            <button type="button" className="button button--subtle" onClick={() => update((d) => { d.priorities.splice(i, 1); if (d.priorities.length === 0) d.defaultPriority = null; })}>
              {t('priority.remove', { name: pr.name[lang] || pr.id })}
            </button>
          </fieldset>
        );
      })}
      <div className="row">
        <button type="button" className="button" onClick={() => update((d) => {
          const n = d.priorities.length + 1;
          d.priorities.push({ id: String(n), name: { ru: `Приоритет ${n}`, en: `Priority ${n}` }, definition: { ru: 'Описание', en: 'Definition' } });
          if (d.defaultPriority === null) d.defaultPriority = String(n);
        })}>+ {t('priorities.add')}</button>
        {draft.priorities.length > 0 ? (
          <SelectField label={t('priorities.default')} value={draft.defaultPriority ?? ''} path="defaultPriority" onChange={(v) => update((d) => { d.defaultPriority = v; })}
            options={draft.priorities.map((p) => ({ value: p.id, label: p.name[lang] || p.id }))} />
        ) : null}
      </div>
    </Section>
  );
}

/** The goal in words under its input, when it parses ("4wd" → "4 working days"). */
function goalHint(value: string, locale: string): string | undefined {
  const words = formatGoal(value, locale);
  return words !== value ? words : undefined;
}

function GoalTable({ clock }: { clock: Clock }) {
  const { t, draft, update, lang, locale } = useAdmin();
  const by = draft.goalsBy[clock];
  const table = draft.goals[clock];
  const clockName = t(`clock.${clock}`);
  const enabled = table !== undefined;
  const nameOf = (kind: 'package' | 'priority', id: string) =>
    (kind === 'package' ? draft.packages.find((p) => p.id === id)?.name[lang] : draft.priorities.find((p) => p.id === id)?.name[lang]) ?? id;
  const setGoal = (outer: string, inner: string | null, v: string) =>
    update((d) => {
      const tb = (d.goals[clock] ??= {});
      if (inner === null) tb[outer] = v;
      else {
        const row = tb[outer];
        tb[outer] = { ...(typeof row === 'object' ? row : {}), [inner]: v };
      }
    });

  return (
    <fieldset className="card" data-goals={clock}>
      <legend>{t('goals.clock', { clock: clockName })}</legend>
      <div className="row">
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => update((d) => {
            if (e.target.checked) rekeyGoals(d, clock, d.goalsBy[clock] ?? (d.priorities.length > 0 ? 'priority' : 'package'));
            else { delete d.goals[clock]; delete d.goalsBy[clock]; }
          })} />
          {t('goals.enabled', { clock: clockName })}
        </label>
        {enabled ? (
          <SelectField label={t('goals.keyedBy')} value={by ?? 'package'} path={pathOf('goalsBy', clock)} onChange={(v) => update((d) => rekeyGoals(d, clock, v as Keying))}
            options={[{ value: 'package', label: t('goals.byPackage') }, { value: 'priority', label: t('goals.byPriority') }, { value: 'matrix', label: t('goals.byMatrix') }]} />
        ) : null}
      </div>
      <FieldIssues path={pathOf('goals', clock)} />
      {enabled && by ? (
        <table className="table goals">
          <caption className="visually-hidden">{t('goals.clock', { clock: clockName })}</caption>
          <thead>
            <tr>
              <th scope="col">{by === 'priority' ? t('goals.priority') : t('goals.package')}</th>
              {by === 'matrix' ? draft.priorities.map((p) => <th key={p.id} scope="col">{p.name[lang] || p.id}</th>) : <th scope="col">{t('goals.goal')}</th>}
            </tr>
          </thead>
          <tbody>
            {goalRows(draft, by).map((outer) => {
              const rowName = nameOf(by === 'priority' ? 'priority' : 'package', outer);
              const cell = table?.[outer];
              return (
                <tr key={outer}>
                  <th scope="row">{rowName}</th>
                  {by === 'matrix' ? (
                    draft.priorities.map((p) => (
                      <td key={p.id}>
                        <TextField hideLabel width="s" label={t('goals.cellMatrix', { clock: clockName, pkg: rowName, prio: p.name[lang] || p.id })}
                          value={typeof cell === 'object' ? (cell[p.id] ?? '') : ''} path={pathOf('goals', clock, outer, p.id)} onChange={(v) => setGoal(outer, p.id, v)}
                          hint={goalHint(typeof cell === 'object' ? (cell[p.id] ?? '') : '', locale)} />
                      </td>
                    ))
                  ) : (
                    <td>
                      <TextField hideLabel width="s" label={t('goals.cell', { clock: clockName, row: rowName })} value={typeof cell === 'string' ? cell : ''}
                        path={pathOf('goals', clock, outer)} onChange={(v) => setGoal(outer, null, v)} hint={goalHint(typeof cell === 'string' ? cell : '', locale)} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </fieldset>
  );
}

export function GoalsSection() {
  const { t, draft, update } = useAdmin();
  return (
    <Section id="goals" title={t('goals.title')} intro={t('goals.intro')}>
      <GoalTable clock="reaction" />
      <GoalTable clock="resolution" />
      <div className="row">
        <TextField width="s" type="number" min={0} max={99} label={t('goals.atRisk')} value={String(Math.round(draft.atRiskThreshold * 100))} path="atRiskThreshold" hint={t('goals.atRiskHint')}
          onChange={(v) => update((d) => { d.atRiskThreshold = v === '' ? 0 : Number(v) / 100; })} />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={draft.autoClose !== null} onChange={(e) => update((d) => { d.autoClose = e.target.checked ? { period: '14d' } : null; })} />
            {t('autoClose.enabled')}
          </label>
        </div>
        {draft.autoClose ? (
          <TextField width="s" label={t('autoClose.period')} value={draft.autoClose.period} path={pathOf('autoClose', 'period')} hint={t('autoClose.hint')}
            onChange={(v) => update((d) => { d.autoClose = { period: v }; })} />
        ) : null}
        <TextField width="s" type="number" min={1} max={1440} label={t('goals.minimumAnswer')} hint={t('goals.minimumAnswerHint')}
          value={draft.minimumAnswerMinutes === null ? '' : String(draft.minimumAnswerMinutes)} path="minimumAnswerMinutes"
          onChange={(v) => update((d) => { d.minimumAnswerMinutes = v === '' ? null : Number(v); })} />
      </div>
      <fieldset className="card">
        <legend>{t('ack.title')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={draft.acknowledgement.enabled} onChange={(e) => update((d) => { d.acknowledgement.enabled = e.target.checked; })} />
          {t('ack.enabled')}
        </label>
        <div className="grid-2">
          <TextField width="l" label={t('ack.textRu')} value={draft.acknowledgement.text.ru} path={pathOf('acknowledgement', 'text', 'ru')} hint={t('ack.hint')}
            onChange={(v) => update((d) => { d.acknowledgement.text.ru = v; })} />
          <TextField width="l" label={t('ack.textEn')} value={draft.acknowledgement.text.en} path={pathOf('acknowledgement', 'text', 'en')}
            onChange={(v) => update((d) => { d.acknowledgement.text.en = v; })} />
        </div>
      </fieldset>
    </Section>
  );
}

const ROLES = ['initial', 'customerWait', 'resolved', 'closed'] as const;
type Role = (typeof ROLES)[number];

export function StatusesSection({ statuses: initial }: { statuses: readonly JiraStatusOption[] }) {
  const { t, draft, update } = useAdmin();
  const [statuses, setStatuses] = useState<readonly JiraStatusOption[]>(initial);
  const [reload, setReload] = useState<'idle' | 'loading' | string>('idle');
  const reloadStatuses = async () => {
    setReload('loading');
    const env = await call('listJiraStatuses', {});
    if (env.ok) {
      setStatuses(env.data);
      setReload('idle');
    } else setReload(env.error.message);
  };
  const roleOf = (name: string): Role | '' => ROLES.find((r) => draft.statuses[r].some((s) => s.toLowerCase() === name.toLowerCase())) ?? '';
  const configuredMissing = ROLES.flatMap((r) => draft.statuses[r].filter((s) => !statuses.some((st) => st.name.toLowerCase() === s.toLowerCase())).map((s) => ({ s, r })));
  const setRole = (name: string, role: Role | '') =>
    update((d) => {
      for (const r of ROLES) d.statuses[r] = d.statuses[r].filter((s) => s.toLowerCase() !== name.toLowerCase());
      if (role) d.statuses[role].push(name);
    });
  const agent = draft.agentRule;
  return (
    <Section id="statuses" title={t('statuses.title')} intro={t('statuses.intro')}>
      <table className="table">
        <caption className="visually-hidden">{t('statuses.title')}</caption>
        <thead><tr><th scope="col">{t('statuses.status')}</th><th scope="col">{t('statuses.role')}</th></tr></thead>
        <tbody>
          {statuses.map((st) => (
            <tr key={st.id} data-status={st.name}>
              <th scope="row">{st.name} <span className="subtlest">({t(`category.${st.category}`)})</span></th>
              <td>
                <SelectField hideLabel label={t('statuses.roleOf', { status: st.name })} value={roleOf(st.name)} onChange={(v) => setRole(st.name, v as Role | '')}
                  options={[{ value: '', label: t('role.none') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]} />
              </td>
            </tr>
          ))}
          {configuredMissing.map(({ s, r }) => (
            <tr key={`missing-${s}`}>
              <th scope="row">{s}</th>
              <td>{t(`role.${r}`)} — <span className="field-error">{t('statuses.missing')}</span> <button type="button" className="button button--subtle" onClick={() => setRole(s, '')}>{t('statuses.unmap', { status: s })}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {ROLES.map((r) => <FieldIssues key={r} path={pathOf('statuses', r)} within />)}
      <div className="row">
        <button type="button" className="button" disabled={reload === 'loading'} onClick={() => void reloadStatuses()}>{t('statuses.reload')}</button>
        {reload !== 'idle' && reload !== 'loading' ? <span className="field-error" role="alert">{reload}</span> : null}
      </div>
      <fieldset className="card">
        <legend>{t('agents.title')}</legend>
        {(['notReporter', 'groups', 'accounts'] as const).map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name="agent-rule" checked={agent.kind === kind} onChange={() => update((d) => {
              d.agentRule = kind === 'groups' ? { kind, groups: ['jira-servicedesk-users'] } : kind === 'accounts' ? { kind, accountIds: [''] } : { kind };
            })} />
            {t(`agents.${kind}`)}
          </label>
        ))}
        {agent.kind === 'groups' ? (
          <TextField width="l" label={t('agents.groupList')} value={agent.groups.join(', ')} path={pathOf('agentRule', 'groups')}
            onChange={(v) => update((d) => { d.agentRule = { kind: 'groups', groups: v.split(',').map((s) => s.trim()).filter(Boolean) }; })} />
        ) : null}
        {agent.kind === 'accounts' ? (
          <TextField width="l" label={t('agents.accountList')} value={agent.accountIds.join(', ')} path={pathOf('agentRule', 'accountIds')}
            onChange={(v) => update((d) => { d.agentRule = { kind: 'accounts', accountIds: v.split(',').map((s) => s.trim()).filter(Boolean) }; })} />
        ) : null}
      </fieldset>
    </Section>
  );
}

function CustomerRow({ c, i }: { c: CustomerDraft; i: number }) {
  const { t, draft, update, lang } = useAdmin();
  const p = (...rest: Array<string | number>) => pathOf('customers', i, ...rest);
  const isOrg = 'organization' in c.match;
  const matchValue = 'organization' in c.match ? c.match.organization : c.match.emailDomain;
  const set = (change: (x: CustomerDraft) => void) => update((d) => { const x = d.customers[i]; if (x) change(x); });
  const n = i + 1;
  return (
    <tr data-customer={matchValue}>
      <td>
        <SelectField hideLabel label={t('customers.matchKind', { n })} value={isOrg ? 'organization' : 'emailDomain'}
          options={[{ value: 'organization', label: t('customers.organization') }, { value: 'emailDomain', label: t('customers.domain') }]}
          onChange={(v) => set((x) => { x.match = v === 'organization' ? { organization: matchValue } : { emailDomain: matchValue }; })} />
      </td>
      <td><TextField hideLabel label={t('customers.who', { n })} value={matchValue} path={p('match')} onChange={(v) => set((x) => { x.match = isOrg ? { organization: v } : { emailDomain: v }; })} /></td>
      <td><SelectField hideLabel label={t('customers.package', { n })} value={c.package} path={p('package')} onChange={(v) => set((x) => { x.package = v; })}
        options={draft.packages.map((pk) => ({ value: pk.id, label: pk.name[lang] || pk.id }))} /></td>
      <td><DateTextField hideLabel label={t('customers.from', { n })} value={c.validFrom} path={p('validFrom')} onChange={(v) => set((x) => { x.validFrom = v; })} /></td>
      <td><DateTextField hideLabel label={t('customers.to', { n })} value={c.validTo} path={p('validTo')} onChange={(v) => set((x) => { x.validTo = v; })} /></td>
      <td><button type="button" className="button button--subtle" aria-label={t('customers.remove', { n })} onClick={() => update((d) => { d.customers.splice(i, 1); })}>×</button></td>
    </tr>
  );
}

export function CustomersSection() {
  const { t, draft, update } = useAdmin();
  const fileId = useId();
  const [csv, setCsv] = useState<{ added: number; problems: LineProblem[] } | null>(null);
  const onFile = async (file: File) => {
    const r = customersFromCsv(await file.text(), draft.packages.map((p) => p.id));
    if (r.customers.length > 0) update((d) => { d.customers.push(...r.customers); });
    setCsv({ added: r.customers.length, problems: r.problems });
  };
  return (
    <Section id="customers" title={t('customers.title')} intro={t('customers.intro')}>
      {draft.customers.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('customers.title')}</caption>
          <thead>
            <tr><th scope="col">{t('customers.matchBy')}</th><th scope="col">{t('customers.whoCol')}</th><th scope="col">{t('customers.packageCol')}</th><th scope="col">{t('customers.fromCol')}</th><th scope="col">{t('customers.toCol')}</th><th scope="col"><span className="visually-hidden">{t('customers.actions')}</span></th></tr>
          </thead>
          <tbody>{draft.customers.map((c, i) => <CustomerRow key={i} c={c} i={i} />)}</tbody>
        </table>
      ) : <p className="subtle">{t('customers.none')}</p>}
      <div className="row">
        <button type="button" className="button" onClick={() => update((d) => { d.customers.push({ match: { organization: '' }, package: d.defaultPackage, validFrom: null, validTo: null, note: null }); })}>+ {t('customers.add')}</button>
        <div className="field">
          <label htmlFor={fileId}>{t('customers.csv')}</label>
          <input id={fileId} type="file" accept=".csv,text/csv" aria-describedby={`${fileId}-h`} onChange={(e) => { const f = e.target.files?.[0]; if (f) void onFile(f); }} />
          <span id={`${fileId}-h`} className="hint">{t('customers.csvHint')}</span>
        </div>
      </div>
      {csv ? (
        <Message tone={csv.problems.length > 0 ? 'warning' : 'success'} role="status">
          <p>{t('customers.csvAdded', { count: csv.added })}</p>
          {csv.problems.length > 0 ? <ul>{csv.problems.map((p) => <li key={`${p.line}-${p.code}`}>{lineProblemText(t, p)}</li>)}</ul> : null}
        </Message>
      ) : null}
    </Section>
  );
}
