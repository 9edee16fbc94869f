// ESLint over the app, the local host, the CLI and the tests: the rules that catch defects the
// type check cannot (a promise nobody awaits loses its error; an unused name is dead code or a typo).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', 'dist/**', '.tools/**', 'coverage/**', 'test/fixtures/**'] },
  {
    files: ['src/**/*.ts', 'local/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx', 'scripts/**/*.ts'],
    ignores: ['local/page/**'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['test/planted/*.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'error',
      'no-var': 'error',
      // The Forge bundler does not minify: zod 4's classic API bundles to 364 KB per function, its
      // v3 API to 147 KB (scripts/forge/dryrun.cjs keeps each function entry within 700 KB).
      'no-restricted-imports': ['error', { paths: [
        { name: 'zod', message: "import { z } from 'zod/v3' (the Forge bundler does not minify; see eslint.config.mjs)" },
        { name: 'zod/mini', message: "import { z } from 'zod/v3'" },
        { name: 'zod/v4', message: "import { z } from 'zod/v3'" },
      ] }],
    },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
);
