// One Vite configuration for every Custom UI app in static/<app>; the build script and
// `vite` (dev) both use it so that what we test is what Forge serves.
import { resolve } from 'node:path';
import type { InlineConfig, Plugin } from 'vite';

export const APPS = ['issue-panel', 'field-editor', 'admin', 'reports', 'gadget', 'portal', 'automation'] as const;
export type AppName = (typeof APPS)[number];

const TOKENS_ID = 'virtual:ds-tokens.css';
const RESOLVED_TOKENS_ID = '\0' + TOKENS_ID;

/**
 * Atlassian design tokens ship only as JS strings of CSS. Forge's CSP blocks inline <style>
 * (unless the app asks for 'unsafe-inline'), so the light and dark themes are emitted as a
 * real stylesheet file next to the bundle instead of being injected at runtime.
 */
function designTokens(): Plugin {
  return {
    name: 'reglament-design-tokens',
    resolveId(id) {
      return id === TOKENS_ID ? RESOLVED_TOKENS_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_TOKENS_ID) return null;
      const themes = ['atlassian-light', 'atlassian-dark'].map((theme) => {
        const mod = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: unknown };
        if (typeof mod.default !== 'string') throw new Error(`@atlaskit/tokens: theme ${theme} is not a CSS string`);
        return mod.default;
      });
      return themes.join('\n');
    },
  };
}

export function appConfig(app: AppName): InlineConfig {
  const staticDir = __dirname;
  return {
    configFile: false,
    root: resolve(staticDir, app),
    // Forge serves resources from a CDN path: absolute asset URLs give a blank iframe.
    base: './',
    logLevel: 'warn',
    plugins: [designTokens()],
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: resolve(staticDir, app, 'build'),
      emptyOutDir: true,
      target: 'es2022',
      // Inline nothing: the CSP allows only files from the resource directory.
      assetsInlineLimit: 0,
      // Jira runs current browsers with native modulepreload; the polyfill would only add bytes.
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      chunkSizeWarningLimit: 600,
    },
  };
}
