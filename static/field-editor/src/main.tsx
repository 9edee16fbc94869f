import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './field-editor.css';
import { boot } from '../../shared/boot';
import { FieldEditor, fieldOfModule } from './FieldEditor';

await boot((host) => <FieldEditor host={host} field={fieldOfModule(host.moduleKey)} />);
