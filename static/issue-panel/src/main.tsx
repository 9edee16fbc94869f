import 'virtual:ds-tokens.css';
import '../../shared/base.css';
import './panel.css';
import { call } from '../../shared/api';
import { boot } from '../../shared/boot';
import { Panel } from './Panel';

// The first render waits for the clocks, so ask for them before anything else: the resolver
// takes the issue from the module's context, and the host context arrives in parallel.
const firstLoad = call('getIssueSla', {});
await boot((host) => <Panel host={host} firstLoad={firstLoad} />);
