import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './field-editor.css';
import { createRoot } from 'react-dom/client';
import { startHost } from '../../shared/host';
import { FieldEditor, fieldOfModule } from './FieldEditor';

const host = await startHost();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<FieldEditor host={host} field={fieldOfModule(host.moduleKey)} />);
