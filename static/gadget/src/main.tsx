import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './gadget.css';
import { view } from '@forge/bridge';
import { boot } from '../../shared/boot';
import { GadgetApp } from './GadgetApp';

// The gadget's own context: its stored configuration and whether Jira opened the edit view.
const raw = (await view.getContext().catch(() => ({}))) as { extension?: { gadgetConfiguration?: unknown; entryPoint?: unknown } };
const extension = raw.extension ?? {};
void boot((host) => <GadgetApp host={host} stored={extension.gadgetConfiguration ?? null} editing={extension.entryPoint === 'edit'} />);
