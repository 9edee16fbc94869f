// The regulation-grade rules (issue 15) an admin writes as JSON: the escalation ladder per clock and
// the update clock ("keep the customer informed every N working hours"). The backend validates them
// with the rest of the configuration and names the field of any mistake; this section only turns the
// text into the draft and says when it is not JSON. Self-contained texts (ru/en, same keys).
import { useEffect, useId, useState } from 'react';
import { translator, type Messages } from '../../shared/i18n';
import { FieldIssues, Section, useAdmin } from './admin-context';
import type { Draft } from './draft';

const en = {
  title: 'Escalation ladder and update clock',
  intro: 'Levels before and after each clock\'s due instant, each with its actions, fire once per clock cycle; the update clock asks for an answer to the customer every N working hours. Leave a box empty for none.',
  escalation: 'Escalation ladder (JSON)',
  escalationHint: 'Per clock (reaction, resolution, followUp) a list of levels: {"id": "late", "at": "50%" | "-1h" | "due" | "+2h", "repeat": "2h", "actions": [{"kind": "notify", "to": {"assignee": true, "groups": ["support-leads"]}}, {"kind": "reassign", "accountId": "…"}, {"kind": "priority", "jiraPriority": "Highest"}, {"kind": "transition", "status": "Escalated"}, {"kind": "label", "label": "sla-late"}, {"kind": "comment"}]}',
  updates: 'Update clock (JSON)',
  updatesHint: 'Keyed like goals: {"by": "priority", "every": {"1": "2h", "2": "4h"}}; packages or priorities left out have no update clock.',
  notJson: 'Not JSON: {message}. The box keeps your text; the configuration keeps its previous value.',
  example: 'Insert an example',
};
const ru: Messages<keyof typeof en> = {
  title: 'Лестница эскалации и срок информирования',
  intro: 'Уровни до и после срока каждого таймера со своими действиями срабатывают один раз за цикл таймера; срок информирования требует ответа заказчику каждые N рабочих часов. Пустое поле — правил нет.',
  escalation: 'Лестница эскалации (JSON)',
  escalationHint: 'Для каждого таймера (reaction, resolution, followUp) — список уровней: {"id": "late", "at": "50%" | "-1h" | "due" | "+2h", "repeat": "2h", "actions": [{"kind": "notify", "to": {"assignee": true, "groups": ["support-leads"]}}, {"kind": "reassign", "accountId": "…"}, {"kind": "priority", "jiraPriority": "Highest"}, {"kind": "transition", "status": "Escalated"}, {"kind": "label", "label": "sla-late"}, {"kind": "comment"}]}',
  updates: 'Срок информирования (JSON)',
  updatesHint: 'Ключи — как у нормативов: {"by": "priority", "every": {"1": "2h", "2": "4h"}}; у пакетов и приоритетов, которых нет в списке, срока информирования нет.',
  notJson: 'Это не JSON: {message}. Текст в поле сохранён, в конфигурации осталось прежнее значение.',
  example: 'Вставить пример',
};
const TEXT = { en, ru };

const EXAMPLE = {
  resolution: [
    { id: 'half', at: '50%', actions: [{ kind: 'notify', to: { assignee: true } }] },
    { id: 'due', at: 'due', actions: [{ kind: 'priority', jiraPriority: 'Highest' }, { kind: 'label', label: 'sla-escalated' }] },
    { id: 'late', at: '+2h', repeat: '2h', actions: [{ kind: 'comment' }] },
  ],
};

const show = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v, null, 2));

function JsonBox({ field, label, hint }: { field: 'escalation' | 'updates'; label: string; hint: string }) {
  const { draft, update, lang, reportProblems } = useAdmin();
  const t = translator(TEXT, lang);
  const id = useId();
  const value = (draft as unknown as Record<string, unknown>)[field];
  const [text, setText] = useState(show(value));
  const [problem, setProblem] = useState<string | null>(null);
  // Follow the draft when it changes elsewhere (a template, a restore), unless the box holds an unparsed edit.
  const shown = show(value);
  useEffect(() => {
    if (problem === null) setText(shown);
  }, [shown, problem]);
  // Saving is refused while the box holds text that is not JSON (the draft would not be what it shows).
  useEffect(() => {
    reportProblems(`rules.${field}`, problem === null ? 0 : 1);
    return () => reportProblems(`rules.${field}`, 0);
  }, [problem, field, reportProblems]);
  const apply = (next: string): void => {
    setText(next);
    if (next.trim() === '') {
      setProblem(null);
      update((d: Draft) => {
        delete (d as unknown as Record<string, unknown>)[field];
      });
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      setProblem(null);
      update((d: Draft) => {
        (d as unknown as Record<string, unknown>)[field] = parsed;
      });
    } catch (e) {
      setProblem(t('notJson', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="field field--l">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={8} spellCheck={false} value={text} aria-invalid={problem !== null} aria-describedby={`${id}-hint`} onChange={(e) => apply(e.target.value)} />
      <p id={`${id}-hint`} className="subtle">{hint}</p>
      {problem ? <p className="field__error" role="alert">{problem}</p> : null}
      <FieldIssues path={field} within />
      {field === 'escalation' && text.trim() === '' ? (
        <button type="button" className="button" onClick={() => apply(JSON.stringify(EXAMPLE, null, 2))}>{t('example')}</button>
      ) : null}
    </div>
  );
}

export function RulesSection() {
  const { lang } = useAdmin();
  const t = translator(TEXT, lang);
  return (
    <Section id="rules" title={t('title')} intro={t('intro')}>
      <JsonBox field="escalation" label={t('escalation')} hint={t('escalationHint')} />
      <JsonBox field="updates" label={t('updates')} hint={t('updatesHint')} />
    </Section>
  );
}
