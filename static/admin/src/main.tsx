import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './admin.css';
import { boot } from '../../shared/boot';
import { AdminApp } from './AdminApp';

await boot((host) => <AdminApp host={host} />);
