// The custom-field edit experience for "Service package" and "SLA priority": the configured
// options with their names (and, for priorities, the regulation's definitions), so an agent
// classifies a request by the regulation's own words. Submits { id, name } with view.submit: the
// field is an object whose formatter shows the name in the issue navigator and list views.
import { view } from '@forge/bridge';
import { useEffect, useId, useState } from 'react';
import { choiceId, choiceValue } from '../../../src/shared/choice-value';
import type { Envelope, FieldOption } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import type { HostContext } from '../../shared/host';
import { PANEL_MESSAGES, translator } from '../../shared/i18n';
import { Message } from '../../shared/ui';

export type FieldKind = 'package' | 'priority';

/** Module keys from the manifest: `sla-service-package` and `sla-priority`. */
export function fieldOfModule(moduleKey: string): FieldKind {
  return moduleKey.includes('priority') ? 'priority' : 'package';
}


export function FieldEditor({ host, field }: { host: HostContext; field: FieldKind }) {
  const t = translator(PANEL_MESSAGES, host.lang);
  const [options, setOptions] = useState<Envelope<FieldOption[]> | null>(null);
  const initial = choiceId(host.fieldValue);
  const [value, setValue] = useState<string | null>(initial);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = useId();

  useEffect(() => {
    void call('getFieldOptions', { field }).then(setOptions);
  }, [field]);

  const submit = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const option = value === null ? undefined : options?.ok ? options.data.find((o) => o.id === value) : undefined;
      await view.submit(value === null ? null : choiceValue(value, option?.name, host.lang));
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  };

  const legend = field === 'priority' ? t('field.priority.legend') : t('field.package.legend');
  if (!options) return <p role="status" className="subtle">{t('status.loading')}</p>;
  if (!options.ok) {
    const code = options.error.code;
    const text = code === 'NOT_CONFIGURED' ? t('status.notConfigured') : code === 'UNLICENSED' ? t('status.unlicensed') : code === 'FORBIDDEN' ? t('status.forbidden') : options.error.code === 'UPSTREAM' ? t('status.upstream') : t('status.failed');
    return (
      <Message tone={code === 'NOT_CONFIGURED' || code === 'UNLICENSED' ? 'info' : 'error'} role="status">
        <p data-error-code={code}>{text}</p>
      </Message>
    );
  }

  return (
    <form
      className="field-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {options.data.length === 0 ? <p className="subtle">{t('field.empty')}</p> : null}
        {options.data.map((o) => {
          const id = `${name}-${o.id}`;
          const desc = o.description?.[host.lang];
          return (
            <div key={o.id} className="option">
              <input type="radio" id={id} name={name} value={o.id} checked={value === o.id} onChange={() => setValue(o.id)} aria-describedby={desc ? `${id}-d` : undefined} />
              <label htmlFor={id}>
                <span className="option__name">{o.name[host.lang]}</span>
                {initial === o.id ? <span className="subtlest"> ({t('field.current')})</span> : null}
                {desc ? (
                  <span id={`${id}-d`} className="option__desc">
                    {desc}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
        <div className="option">
          <input type="radio" id={`${name}-none`} name={name} value="" checked={value === null} onChange={() => setValue(null)} />
          <label htmlFor={`${name}-none`}>
            <span className="option__name">{t('field.none')}</span>
          </label>
        </div>
      </fieldset>
      {failure ? (
        <Message tone="error" role="alert">
          <p>{failure}</p>
        </Message>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('field.saving') : t('field.save')}
        </button>
        <button type="button" className="button button--subtle" onClick={() => void view.close()}>
          {t('field.cancel')}
        </button>
      </div>
    </form>
  );
}
