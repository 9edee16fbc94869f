// `APP=admin npx vite -c static/vite.config.ts` for local development of one app.
import { APPS, appConfig, type AppName } from './vite.shared';

const app = (process.env.APP ?? 'issue-panel') as AppName;
if (!APPS.includes(app)) throw new Error(`APP must be one of ${APPS.join(', ')}; got "${app}"`);

export default appConfig(app);
