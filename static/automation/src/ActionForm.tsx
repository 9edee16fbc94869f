// The Automation rule editor's configuration form of the app's actions (manifest `action.config`).
// As Forge documents it: the stored inputs come as extension.data.inputs, every change is handed to
// Automation with view.submit (so a half-typed form survives leaving the step), Automation's own
// Next button raises AUTOMATION_ACTION_SUBMIT, AUTOMATION_ACTION_VALIDATE_RULE_EVENT disables the
// form while the rule is validated, and extension.errors.invalidInputs marks the fields it refused.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { events, view } from '@forge/bridge';
import type { HostContext } from '../../shared/host';
import { translator, type Translate } from '../../shared/i18n';
import { Message } from '../../shared/ui';
import { ACTION_INPUTS, FORM_MESSAGES, initialValues, problems, toInputs, type ActionKey, type AgreeMode, type FormKey, type InputName, type Values } from './model';

export function ActionForm({ host, action, stored, invalid }: { host: HostContext; action: ActionKey; stored: unknown; invalid: Record<string, string> }) {
  const t = useMemo(() => translator(FORM_MESSAGES, host.lang), [host.lang]);
  const start = useMemo(() => initialValues(action, stored), [action, stored]);
  const [values, setValues] = useState<Values>(start.values);
  const [mode, setMode] = useState<AgreeMode>(start.mode);
  const [shown, setShown] = useState<Partial<Record<InputName, FormKey>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>(invalid);
  const [validating, setValidating] = useState(false);

  // Re-subscribed when the values change, so Automation's Next submits what is typed now.
  useEffect(() => {
    const subs = [
      events.on('AUTOMATION_ACTION_SUBMIT', () => {
        const inputs = toInputs(action, values, mode);
        setShown(problems(action, inputs, mode));
        void view.submit(inputs);
      }),
      events.on('AUTOMATION_ACTION_VALIDATE_RULE_EVENT', (p?: { isValidating?: boolean }) => setValidating(p?.isValidating === true)),
    ];
    return () => subs.forEach((s) => void s.then((x) => x.unsubscribe()));
  }, [action, values, mode]);

  const change = (next: Values, nextMode: AgreeMode = mode, name?: InputName) => {
    setValues(next);
    setMode(nextMode);
    if (name) {
      setShown((s) => ({ ...s, [name]: undefined }));
      setServerErrors((e) => ({ ...e, [name]: '' }));
    }
    void view.submit(toInputs(action, next, nextMode));
  };

  const names = ACTION_INPUTS[action];
  const field = (name: InputName, control: (id: string, describedBy: string) => ReactNode) => (
    <Field key={name} name={name} t={t} error={shown[name] ? t(shown[name]) : serverErrors[name] || ''} control={control} />
  );
  const text = (name: InputName) =>
    field(name, (id, describedBy) => (
      <input id={id} aria-describedby={describedBy} data-input={name} value={values[name] ?? ''} disabled={validating} autoComplete="off" onChange={(e) => change({ ...values, [name]: e.target.value }, mode, name)} />
    ));
  return (
    <form
      className="action-form"
      data-color-mode={host.colorMode}
      onSubmit={(e) => {
        e.preventDefault();
        const inputs = toInputs(action, values, mode);
        setShown(problems(action, inputs, mode));
        void view.submit(inputs);
      }}
    >
      {names.includes('issueKey') ? text('issueKey') : null}
      {names.includes('package') ? text('package') : null}
      {names.includes('priority') ? text('priority') : null}
      {names.includes('clock')
        ? field('clock', (id, describedBy) => (
            <select id={id} aria-describedby={describedBy} data-input="clock" value={values.clock ?? 'resolution'} disabled={validating} onChange={(e) => change({ ...values, clock: e.target.value }, mode, 'clock')}>
              <option value="reaction">{t('clock.reaction')}</option>
              <option value="resolution">{t('clock.resolution')}</option>
            </select>
          ))
        : null}
      {action === 'agree-deadline' ? (
        <fieldset disabled={validating}>
          <legend>{t('input.mode')}</legend>
          {(['extend', 'due'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => change(values, m, m)} /> {t(`mode.${m}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {action === 'agree-deadline' ? text(mode) : null}
      {names.includes('reason')
        ? field('reason', (id, describedBy) => (
            <textarea id={id} aria-describedby={describedBy} data-input="reason" rows={3} maxLength={600} value={values.reason ?? ''} disabled={validating} onChange={(e) => change({ ...values, reason: e.target.value }, mode, 'reason')} />
          ))
        : null}
    </form>
  );
}

function Field({ name, t, error, control }: { name: InputName; t: Translate<FormKey>; error: string; control: (id: string, describedBy: string) => ReactNode }) {
  const id = useId();
  const help = `input.${name}.help` as FormKey;
  const hasHelp = Object.hasOwn(FORM_MESSAGES.en, help);
  return (
    <div className="field" data-field={name}>
      <label htmlFor={id}>{t(`input.${name}` as FormKey)}</label>
      {control(id, `${id}-help ${id}-error`)}
      {hasHelp ? (
        <p id={`${id}-help`} className="help">
          {t(help)}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function UnknownAction({ host }: { host: HostContext }) {
  return <Message tone="warning">{translator(FORM_MESSAGES, host.lang)('unknown')}</Message>;
}
