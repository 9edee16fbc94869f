import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './reports.css';
import { createRoot } from 'react-dom/client';
import { startHost } from '../../shared/host';
import { ReportsApp } from './ReportsApp';

const host = await startHost();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<ReportsApp host={host} />);
