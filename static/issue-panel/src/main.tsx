import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './panel.css';
import { createRoot } from 'react-dom/client';
import { call } from '../../shared/api';
import { startHost } from '../../shared/host';
import { Panel } from './Panel';

// The first render waits for the clocks, so ask for them before anything else: the resolver
// takes the issue from the module's context, and the host context arrives in parallel.
const firstLoad = call('getIssueSla', {});
const host = await startHost();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<Panel host={host} firstLoad={firstLoad} />);
