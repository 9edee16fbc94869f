import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ConfigVersionMeta, Envelope, RecomputeProgress, ResolverError } from '../../../src/shared/contract';
import { call, type Res } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import type { HostContext } from '../../shared/host';
import { translator } from '../../shared/i18n';
import { Message, ProgressBar } from '../../shared/ui';
import { AdminContext, SelectField, type AdminCtx } from './admin-context';
import { ActionsSection } from './ActionsSection';
import { ImpactPreview } from './ImpactPreview';
import { RulesSection } from './RulesSection';
import { CalendarSection } from './CalendarSection';
import { CustomersSection, GoalsSection, PackagesSection, PrioritiesSection, StatusesSection } from './ConfigSections';
import { asDraft, edit, scratchConfig, type Draft, type Issue } from './draft';
import { issueMessage, pathInWords, percentBoundsMessage, versionComment } from './issue-words';
import { ADMIN_MESSAGES } from './messages';

type AdminState = Res<'getAdminState'>;
type SaveStatus =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved'; version: number }
  | { phase: 'invalid' }
  | { phase: 'conflict'; by: { version: number; who: string; at: string } | null }
  | { phase: 'failed'; error: ResolverError };

const POLL_MS = 1000;

function isFinished(p: RecomputeProgress | null): boolean {
  return p === null || p.state === 'done' || p.state === 'failed';
}

function useRecomputeProgress(initial: RecomputeProgress | null) {
  const [progress, setProgress] = useState<RecomputeProgress | null>(initial);
  useEffect(() => setProgress(initial), [initial]);
  const jobId = progress?.jobId;
  const running = !isFinished(progress);
  useEffect(() => {
    if (!running || !jobId) return;
    const id = window.setInterval(() => {
      void call('getRecomputeProgress', { jobId }).then((env) => {
        if (env.ok && env.data) setProgress(env.data);
      });
    }, POLL_MS);
    return () => window.clearInterval(id);
  }, [running, jobId]);
  return [progress, setProgress] as const;
}

export function AdminApp({ host }: { host: HostContext }) {
  const t = useMemo(() => translator(ADMIN_MESSAGES, host.lang), [host.lang]);
  const projectPage = host.extensionType === 'jira:projectSettingsPage' || host.moduleKey.includes('project');
  const [scope, setScope] = useState<string>(projectPage && host.projectKey ? host.projectKey : 'default');
  // Until the admin picks a scope (or the project page names one), the first answer may move the
  // page from an unconfigured site default to the first scope that has a configuration.
  const scopeChosen = useRef(projectPage && Boolean(host.projectKey));
  const loadTicket = useRef(0);
  const [loaded, setLoaded] = useState<Envelope<AdminState> | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [validating, setValidating] = useState(false);
  const [save, setSave] = useState<SaveStatus>({ phase: 'idle' });
  const [comment, setComment] = useState('');
  const [versions, setVersions] = useState<Envelope<ConfigVersionMeta[]> | null>(null);
  const [initialProgress, setInitialProgress] = useState<RecomputeProgress | null>(null);
  const [progress, setProgress] = useRecomputeProgress(initialProgress);
  const [templateId, setTemplateId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  // Fields whose text has lines that do not parse, by field id: while any is here, nothing is saved.
  const [lineProblems, setLineProblems] = useState<Readonly<Record<string, number>>>({});
  const reportProblems = useCallback((field: string, count: number) => {
    setLineProblems((cur) => {
      if ((cur[field] ?? 0) === count) return cur;
      const next = { ...cur };
      if (count === 0) delete next[field];
      else next[field] = count;
      return next;
    });
  }, []);
  const localProblems = Object.values(lineProblems).reduce((a, b) => a + b, 0);
  // A step that would throw away work (leaving a scope with unsaved edits, restoring a version)
  // waits for an explicit yes; an inline dialog, since a Custom UI iframe may not allow confirm().
  const [pending, setPending] = useState<{ text: string; yes: string; run: () => void } | null>(null);
  const commentId = useId();

  // Issues keep their path as data (fields find theirs by it); the message is put in the page language here.
  const localize = useCallback(
    (list: readonly Issue[]): Issue[] => list.map((i) => ({ path: i.path, message: percentBoundsMessage(i.message, i.path, host.lang) ?? issueMessage(i.message, host.lang) })),
    [host.lang],
  );

  const loadVersions = useCallback((s: string) => {
    void call('listVersions', { scope: s }).then(setVersions);
  }, []);

  const load = useCallback(
    async (s: string) => {
      const ticket = ++loadTicket.current;
      const env = await call('getAdminState', { scope: s });
      // An answer for a scope the admin has already left is dropped.
      if (ticket !== loadTicket.current) return;
      if (!scopeChosen.current && env.ok) {
        scopeChosen.current = true;
        const configured = env.data.scopes.find((x) => x.scope !== 'default' && x.version !== null);
        if (s === 'default' && env.data.version === null && configured) {
          setScope(configured.scope);
          return;
        }
      }
      setLoaded(env);
      if (env.ok) {
        setDraft(asDraft(env.data.config));
        setBaseVersion(env.data.version);
        setInitialProgress(env.data.progress);
        // The progress shown is always this scope's, even when it equals the previous initial value.
        setProgress(env.data.progress);
        // The picker starts at the template this scope's configuration came from, not the first one.
        const from = asDraft(env.data.config)?.template ?? null;
        setTemplateId((cur) => (from && env.data.templates.some((x) => x.id === from) ? from : cur || (env.data.templates[0]?.id ?? '')));
        setDirty(false);
        setIssues([]);
        loadVersions(s);
      }
    },
    [loadVersions, setProgress],
  );

  useEffect(() => {
    void load(scope);
  }, [load, scope]);

  // Validate as the admin types (debounced); the answer for an older draft is dropped.
  const validation = useRef(0);
  useEffect(() => {
    if (!draft || !dirty) return;
    const ticket = ++validation.current;
    setValidating(true);
    const id = window.setTimeout(() => {
      void call('validateConfig', { scope, config: draft }).then((env) => {
        if (ticket !== validation.current) return;
        setValidating(false);
        if (env.ok) setIssues(localize(env.data.issues));
        else if (env.error.issues) setIssues(localize(env.error.issues));
      });
    }, 350);
    return () => window.clearTimeout(id);
  }, [draft, dirty, scope, localize]);

  const update = useCallback((change: (d: Draft) => void) => {
    setDraft((d) => (d ? edit(d, change) : d));
    setDirty(true);
    setSave({ phase: 'idle' });
    setNotice(null);
  }, []);

  const onSave = async () => {
    if (!draft) return;
    if (localProblems > 0) {
      setSave({ phase: 'invalid' });
      return;
    }
    setSave({ phase: 'saving' });
    const env = await call('saveConfig', { scope, config: draft, baseVersion, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    if (env.ok) {
      setBaseVersion(env.data.version);
      setDirty(false);
      setIssues([]);
      setComment('');
      setSave({ phase: 'saved', version: env.data.version });
      setProgress(env.data.progress);
      loadVersions(scope);
      return;
    }
    if (env.error.code === 'INVALID_CONFIG') {
      setIssues(localize(env.error.issues ?? [{ path: '', message: env.error.message }]));
      setSave({ phase: 'invalid' });
    } else if (env.error.code === 'CONFLICT') {
      const c = env.error.conflict;
      setSave({ phase: 'conflict', by: c ? { version: c.version, who: c.savedByName ?? c.savedBy, at: c.savedAt } : null });
    }
    else setSave({ phase: 'failed', error: env.error });
  };

  const onApplyTemplate = async () => {
    if (!templateId) return;
    const env = await call('applyTemplate', { scope, templateId });
    if (!env.ok) {
      setSave({ phase: 'failed', error: env.error });
      return;
    }
    const next = asDraft(env.data.config);
    if (next) {
      setDraft(next);
      setDirty(true);
      setSave({ phase: 'idle' });
      const tpl = loaded?.ok ? loaded.data.templates.find((x) => x.id === templateId) : undefined;
      setNotice(t('template.applied', { name: tpl ? tpl.name[host.lang] : templateId }));
    }
  };

  const askRestore = (v: ConfigVersionMeta) => {
    const current = versions?.ok ? versions.data.find((x) => x.version === baseVersion) : undefined;
    const scopeName = scope === 'default' ? t('scope.default') : scope;
    const text = t('versions.restoreConfirm', {
      version: v.version,
      scope: scopeName,
      current: baseVersion ?? '—',
      when: current ? when(current.savedAt) : '—',
      changes: dirty ? t('versions.restoreDirty') : t('versions.restoreClean'),
    });
    setPending({ text, yes: t('versions.restore', { version: v.version }), run: () => void onRestore(v.version) });
  };

  const onRestore = async (version: number) => {
    const env = await call('restoreVersion', { scope, version });
    if (!env.ok) {
      setSave({ phase: 'failed', error: env.error });
      return;
    }
    await load(scope);
    setProgress(env.data.progress);
    setNotice(t('versions.restored', { version, newVersion: env.data.version }));
  };

  const when = (iso: string) => formatInstant(iso, { locale: host.locale, userZone: host.timeZone, nowMs: Date.now() });

  if (!loaded) return <p role="status" className="subtle">{t('admin.loading')}</p>;
  if (!loaded.ok) {
    const code = loaded.error.code;
    return (
      <main className="admin">
        <h1>{t('admin.title')}</h1>
        <Message tone={code === 'FORBIDDEN' ? 'warning' : 'error'} role="alert">
          <p data-error-code={code}>{code === 'FORBIDDEN' ? t('admin.forbidden') : code === 'UNLICENSED' ? t('admin.unlicensed') : t('admin.loadFailed', { message: loaded.error.message })}</p>
        </Message>
        {code !== 'FORBIDDEN' && code !== 'UNLICENSED' ? (
          <button type="button" className="button" onClick={() => void load(scope)}>{t('admin.retry')}</button>
        ) : null}
      </main>
    );
  }
  const state = loaded.data;
  const versionOf = (key: string) => state.scopes.find((s) => s.scope === key)?.version ?? null;
  const defaultVersion = versionOf('default');
  // Every option says whether it has a configuration, so configured projects stand out.
  const scopeOptions = [
    { value: 'default', label: `${t('scope.default')}${defaultVersion === null ? ` — ${t('scope.notConfigured')}` : ''}` },
    ...state.projects.map((p) => {
      const version = versionOf(p.key);
      const mark = version !== null ? t('scope.own', { version }) : defaultVersion !== null ? t('scope.usesDefault') : t('scope.notConfigured');
      return { value: p.key, label: `${p.name} (${p.key}) — ${mark}` };
    }),
  ];
  const ctx: AdminCtx | null = draft ? { t, lang: host.lang, locale: host.locale, timeZone: host.timeZone, draft, update, issues, reportProblems } : null;
  const labelOf = (key: string) => scopeOptions.find((o) => o.value === key)?.label.split(' — ')[0] ?? key;
  const switchScope = (v: string) => {
    const go = () => {
      scopeChosen.current = true;
      setLineProblems({});
      setScope(v);
    };
    if (dirty && v !== scope) setPending({ text: t('scope.leaveConfirm', { scope: labelOf(scope), next: labelOf(v) }), yes: t('scope.leave'), run: go });
    else go();
  };
  const selectedTemplate = state.templates.find((x) => x.id === templateId);

  return (
    <main className="admin" data-lang={host.lang}>
      <header className="admin__header">
        <h1>{projectPage ? t('admin.projectTitle', { project: host.projectKey ?? scope }) : t('admin.title')}</h1>
        <div className="row">
          {projectPage ? null : (
            <SelectField
              label={t('scope.label')}
              value={scope}
              onChange={switchScope}
              options={scopeOptions}
            />
          )}
          <p className="subtle scope-version" data-version={baseVersion ?? ''}>
            {baseVersion === null ? t('scope.notSaved') : t('scope.version', { version: baseVersion })}
            {scope !== 'default' && baseVersion === null ? ` ${defaultVersion === null ? t('scope.noneApplies') : t('scope.defaultApplies')}` : ''}
          </p>
        </div>
        {draft ? (
          <nav aria-label={t('admin.sections')} className="toc">
            {(['template', 'calendar', 'packages', 'priorities', 'goals', 'statuses', 'customers', 'versions'] as const).map((s) => (
              <a key={s} href={`#${s}`}>{t(`nav.${s}`)}</a>
            ))}
          </nav>
        ) : null}
      </header>

      {pending ? (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{pending.text}</p>
          <div className="row">
            <button type="button" className="button button--primary" onClick={() => { const run = pending.run; setPending(null); run(); }}>{pending.yes}</button>
            <button type="button" className="button" onClick={() => setPending(null)}>{t('confirm.cancel')}</button>
          </div>
        </div>
      ) : null}

      {progress ? (
        <section className="progress-box" aria-labelledby="recompute-h" data-progress-state={progress.state}>
          <h2 id="recompute-h">{t('recompute.title')}</h2>
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : progress.state === 'done' ? 1 : 0} variant={progress.state === 'failed' ? 'breached' : 'running'} label={t('recompute.title')} />
          <p role="status">
            {progress.state === 'done'
              ? t('recompute.done', { done: progress.done, total: progress.total, failed: progress.failed })
              : progress.state === 'failed'
                ? t('recompute.failed', { done: progress.done, total: progress.total, failed: progress.failed })
                : t('recompute.running', { done: progress.done, total: progress.total })}
          </p>
          {progress.state === 'failed' && progress.problem ? <p className="progress-problem">{t('recompute.problem', { problem: progress.problem })}</p> : null}
        </section>
      ) : null}

      <section id="template" className="section" aria-labelledby="template-h">
        <h2 id="template-h">{t('template.title')}</h2>
        <p className="subtle section__intro">{t('template.intro')}</p>
        <div className="row">
          <SelectField label={t('template.pick')} value={templateId} onChange={setTemplateId}
            options={state.templates.map((x) => ({ value: x.id, label: `${x.name[host.lang]} (${x.id})` }))} />
          <button type="button" className="button" onClick={() => void onApplyTemplate()} disabled={!templateId}>{t('template.apply')}</button>
          <button type="button" className="button button--subtle" onClick={() => { setDraft(scratchConfig()); setDirty(true); setNotice(t('template.scratchApplied')); }}>{t('template.scratch')}</button>
        </div>
        {selectedTemplate ? <p className="regulation">{t('template.regulation')}: «{selectedTemplate.regulation}»</p> : null}
        {draft ? null : <Message><p>{t('admin.noConfig')}</p></Message>}
      </section>

      {notice ? <Message tone="success" role="status"><p>{notice}</p></Message> : null}

      {ctx ? (
        <AdminContext.Provider value={ctx}>
          <CalendarSection />
          <PackagesSection />
          <PrioritiesSection />
          <GoalsSection />
          <ActionsSection log={state.actionLog ?? []} />
          <RulesSection />
          <StatusesSection statuses={state.statuses} />
          <CustomersSection />
        </AdminContext.Provider>
      ) : null}

      <section id="versions" className="section" aria-labelledby="versions-h">
        <h2 id="versions-h">{t('versions.title')}</h2>
        {!versions ? <p className="subtle">{t('admin.loading')}</p> : !versions.ok ? <Message tone="error"><p>{versions.error.message}</p></Message> : versions.data.length === 0 ? <p className="subtle">{t('versions.none')}</p> : (
          <table className="table versions">
            <caption className="visually-hidden">{t('versions.title')}</caption>
            <thead><tr><th scope="col">{t('versions.version')}</th><th scope="col">{t('versions.when')}</th><th scope="col">{t('versions.who')}</th><th scope="col">{t('versions.comment')}</th><th scope="col"><span className="visually-hidden">{t('versions.actions')}</span></th></tr></thead>
            <tbody>
              {[...versions.data].sort((a, b) => b.version - a.version).map((v) => (
                <tr key={v.version} data-version={v.version}>
                  <th scope="row">{v.version}{v.version === baseVersion ? ` (${t('versions.current')})` : ''}</th>
                  <td><time dateTime={v.savedAt}>{when(v.savedAt)}</time></td>
                  <td title={v.savedBy}>{v.savedByName ?? v.savedBy}</td>
                  <td>{[versionComment(v.comment, t), v.template ? t('versions.fromTemplate', { template: v.template }) : null].filter(Boolean).join(' · ')}</td>
                  <td>{v.version === baseVersion ? null : <button type="button" className="button" onClick={() => askRestore(v)}>{t('versions.restore', { version: v.version })}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {draft ? (
        <footer className="savebar" aria-label={t('save.region')}>
          {issues.length > 0 ? (
            <div className="savebar__issues" role="alert">
              <strong>{t('save.issues', { count: issues.length })}</strong>
              <ul>{issues.map((i) => <li key={i.path + i.message} data-path={i.path}><strong>{pathInWords(i.path, draft, host.lang)}</strong>: {i.message}</li>)}</ul>
            </div>
          ) : null}
          {save.phase === 'conflict' ? (
            <Message tone="warning" role="alert">
              <p>{t('save.conflict')}</p>
              {save.by ? <p data-conflict-by>{t('save.conflictBy', { version: String(save.by.version), who: save.by.who, at: save.by.at })}</p> : null}
              <button type="button" className="button" onClick={() => void load(scope)}>{t('save.reload')}</button>
            </Message>
          ) : null}
          {save.phase === 'failed' ? <Message tone="error" role="alert"><p>{save.error.code === 'FORBIDDEN' ? t('admin.forbidden') : t('save.failed', { message: save.error.message })}</p></Message> : null}
          {localProblems > 0 ? <p className="field-error" role="alert" data-local-problems={localProblems}>{t('save.localErrors', { count: localProblems })}</p> : null}
          {save.phase === 'invalid' && localProblems === 0 ? <p className="field-error" role="alert">{t('save.invalid')}</p> : null}
          <div className="row savebar__row">
            <div className="field field--l">
              <label htmlFor={commentId}>{t('save.comment')}</label>
              <input id={commentId} value={comment} onChange={(e) => setComment(e.target.value)} />
            </div>
            <button type="button" className="button button--primary" onClick={() => void onSave()} disabled={save.phase === 'saving' || !dirty || localProblems > 0} title={localProblems > 0 ? t('save.blocked') : undefined}>
              {save.phase === 'saving' ? t('save.saving') : t('save.save')}
            </button>
            <ImpactPreview scope={scope} draft={draft} lang={host.lang} locale={host.locale} timeZone={host.timeZone} />
            <span className="subtle" role="status">
              {save.phase === 'saved' ? t('save.saved', { version: save.version }) : dirty ? (validating ? t('save.validating') : issues.length === 0 && localProblems === 0 ? t('save.dirtyValid') : t('save.dirty')) : t('save.clean')}
            </span>
          </div>
        </footer>
      ) : null}
    </main>
  );
}
