import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './form.css';
import { view } from '@forge/bridge';
import { boot } from '../../shared/boot';
import { ActionForm, UnknownAction } from './ActionForm';
import { isActionKey } from './model';

// The action's context: its stored inputs and the fields Automation's validation refused.
type Raw = { moduleKey?: unknown; extension?: { data?: { inputs?: unknown }; errors?: { invalidInputs?: Record<string, { message?: unknown }> } } };
const raw = (await view.getContext().catch(() => ({}))) as Raw;
const invalid: Record<string, string> = {};
for (const [k, v] of Object.entries(raw.extension?.errors?.invalidInputs ?? {})) if (typeof v?.message === 'string') invalid[k] = v.message;
const action = typeof raw.moduleKey === 'string' ? raw.moduleKey : '';

void boot((host) => (isActionKey(action) ? <ActionForm host={host} action={action} stored={raw.extension?.data?.inputs ?? null} invalid={invalid} /> : <UnknownAction host={host} />));
