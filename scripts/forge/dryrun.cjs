// `npm run forge:dryrun`: the offline steps of `forge deploy`, run by the pinned @forge/cli's own
// classes, wired as its command-line/dependency-injection.js wires them:
//   1. manifest validation: PreCommandController.runChecks(true) with LiteLintService (what
//      `requireAppId()` runs before `forge deploy`);
//   2. `forge lint`: LintService.run over the file list the CLI builds itself
//      (recursiveReadDir('./src') minus .gitignore, .git, node_modules);
//   3. packaging: PackageUploadDeployCommand.execute → AppPackager (RuntimeBundler + @forge/bundler's
//      webpack/ts-loader NodeBundler with the root tsconfig) and ResourcePackagingService (Custom UI
//      zips with the bridge and iframe-resizer scripts injected) and I18nResourceBundlingService.
// Only the network and account pieces are replaced: feature gates (StatsigService), analytics,
// the runtime wrapper downloaded from the Forge CDN, the artifact upload and the deploy mutation.
// The server-side linter needs a login, so lint runs in the CLI's 'client-side' mode; the permission
// linter reads the OpenAPI specs from local files (USE_LOCAL_SWAGGER, set by scripts/forge-dryrun.sh).
// Exit code: 0 when every step passes, 1 on a lint/bundling/packaging/budget error, 2 if it cannot run.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const cliModules = process.env.FORGE_CLI_MODULES;
if (!cliModules) {
  console.error('forge:dryrun: FORGE_CLI_MODULES is not set; run it through scripts/forge-dryrun.sh');
  process.exit(2);
}
const req = (m) => require(path.join(cliModules, m));
const shared = req('@forge/cli-shared');
const bundler = req('@forge/bundler');
const { LintService } = req('@forge/cli/out/service/lint-service');
const { LiteLintService } = req('@forge/cli/out/service/lite-lint-service');
const { ResourcePackagingService } = req('@forge/cli/out/service/resource-packaging-service');
const { PreCommandController } = req('@forge/cli/out/command-line/controller/pre-command-controller');
const { LiteLintView } = req('@forge/cli/out/command-line/view/lite-lint-view');
const { DeployView } = req('@forge/cli/out/command-line/view/deploy-view');
const deploy = req('@forge/cli/out/deploy');
const { RuntimeBundler } = req('@forge/cli/out/deploy/packager/runtime-bundler');

/**
 * Budget for each function's entry bundle (what one invocation loads on a cold start). The Forge
 * bundler does not minify, so the schema library's unminified size counts: the app uses zod's v3 API
 * (`zod/v3`, 147 KB bundled, vs 364 KB for zod 4 classic and 265 KB for zod/mini).
 */
const FUNCTION_BUDGET_BYTES = Number(process.env.FORGE_FUNCTION_BUDGET_BYTES || 700 * 1024);
/** Where the bundler's output is copied (the CLI's own output dir is temporary). */
const BUNDLE_COPY = path.resolve(process.env.FORGE_DRYRUN_OUT || '.tools/forge-dryrun/function');
const verbose = process.argv.includes('--verbose');
const jsonOut = process.argv.includes('--json');
/** Stops after `forge lint` (test/unit/forge-dryrun.test.ts: the lint file list is the CLI's own). */
const lintOnly = process.argv.includes('--lint-only');

// Feature gates and dynamic configs come from Statsig over the network with the user's credentials.
// The answers below are the defaults of a fresh account: no EAP bundler, no combined upload, no
// runtime loader, no deprecated runtimes. An unknown gate fails the run, so a CLI upgrade that asks
// a new question is noticed instead of silently answered.
const gates = {
  getDeprecatedRuntimes: async () => [],
  isTypescriptBundlerEnabled: async () => false,
  testForgeCliBundleRuntimeLoaderGate: async () => false,
  isCombinedArtifactUploadEnabled: async () => false,
};
const statsig = new Proxy(gates, {
  get(target, prop) {
    if (prop in target) return target[prop];
    if (typeof prop === 'symbol' || prop === 'then') return undefined;
    return () => {
      throw new Error(`forge:dryrun: the CLI asked an unknown feature gate '${String(prop)}'; add its offline answer to scripts/forge/dryrun.cjs`);
    };
  },
});
const analytics = { reportAppPackaged: async () => {} };
// The deploy downloads the Forge runtime wrapper (__forge__.cjs) from the CDN; it wraps the bundle
// and is not part of the app, so the dry run packages a placeholder in its place.
const wrapperProvider = {
  getNodeRuntimeWrapper: async () => ({ script: '/* Forge runtime wrapper: downloaded from the Forge CDN by forge deploy */\n', source: 'forge:dryrun', version: 'forge:dryrun' }),
  getNodeRuntimeLoader: async () => undefined,
};

/** Every `resource:<key>;<path>` value in the modules whose file is not in that resource's folder. */
function resourceIconsMissing(manifest) {
  const dirs = new Map((manifest.resources || []).map((r) => [r.key, r.path]));
  const out = [];
  const visit = (value, where) => {
    if (typeof value === 'string') {
      const m = /^resource:([^;]+);(.+)$/.exec(value);
      if (!m) return;
      const dir = dirs.get(m[1]);
      if (dir === undefined) out.push(`${where}: ${value} names an unknown resource '${m[1]}'`);
      else if (!fs.existsSync(path.join(dir, m[2]))) out.push(`${where}: ${value} is missing from ${dir} (a public asset of that app?)`);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${where}.${k}`);
  };
  visit(manifest.modules || {}, 'modules');
  return out;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** What FORGE_DRYRUN_REPORT receives, also when a step throws. */
const report = { ok: false };

async function main() {
  const timings = {};
  const t0 = performance.now();
  const lap = (name, start) => (timings[name] = Math.round(performance.now() - start));
  const ui = new shared.CommandLineUI(() => verbose, statsig);
  const fileReader = new shared.FileSystemReader();
  const fileWriter = new shared.FileSystemWriter();
  const configFile = new shared.ConfigFile(fileReader, fileWriter);
  const deployView = new DeployView(ui);

  // 1. Manifest validation, as before every `forge deploy`.
  let t = performance.now();
  const preCommand = new PreCommandController(new LiteLintService(), new LiteLintView(ui), configFile, null, null, null, statsig);
  await preCommand.runChecks(true);
  lap('manifest', t);
  console.log('forge:dryrun: manifest valid');
  // Neither the manifest validator nor packaging checks that `icon: resource:<key>;<path>` names a
  // file the resource ships; Jira then shows a broken icon. Checked here against the built folder.
  const missingIcons = resourceIconsMissing(await configFile.readConfig());
  if (missingIcons.length > 0) {
    for (const m of missingIcons) console.error(`forge:dryrun: ${m}`);
    return finish(report, 1);
  }

  // 2. `forge lint` over the CLI's own file list.
  t = performance.now();
  const lintService = new LintService(configFile, fileReader, statsig, undefined);
  let linted = [];
  const { lintResults } = await lintService.run(
    'development',
    { fix: false, linterMode: 'client-side' },
    deployView.getLogger(),
    undefined,
    (files, ...rest) => {
      linted = files;
      report.lintFiles = files.slice().sort();
      return req('@forge/lint').lint(files, ...rest);
    },
  );
  lap('lint', t);
  report.lintFiles = linted.slice().sort();
  const problems = lintService.problemCount(lintResults);
  report.lint = problems;
  if (problems.errors) {
    deployView.displayLintErrors(lintResults);
    console.error(`forge:dryrun: forge lint found ${problems.errors} error(s) over ${linted.length} files`);
    return finish(report, 1);
  }
  if (problems.warnings) deployView.displayLintWarnings(problems.warnings);
  console.log(`forge:dryrun: forge lint: ${problems.errors} errors, ${problems.warnings} warnings over ${linted.length} files`);
  if (lintOnly) {
    report.ok = true;
    return finish(report, 0);
  }

  // 3. Packaging, as PackageUploadDeployCommand.execute does it; upload and deploy are recorded only.
  t = performance.now();
  const archiverFactory = () => deploy.makeArchiver(ui);
  const nodeBundle = bundler.getNodeBundler(ui, wrapperProvider, configFile, statsig);
  const functionFiles = [];
  const observedBundle = {
    bundle: async (args) => {
      const result = await nodeBundle.bundle(args);
      // Measured before the archiver copies it: the code Forge loads on every invocation.
      for (const f of walk(result.outputDir)) functionFiles.push({ file: path.relative(result.outputDir, f), bytes: fs.statSync(f).size });
      // Kept for `npm run bench` (cold-start load time) and for inspection; gitignored.
      fs.rmSync(BUNDLE_COPY, { recursive: true, force: true });
      fs.cpSync(result.outputDir, BUNDLE_COPY, { recursive: true });
      return result;
    },
  };
  const runtimeBundler = new RuntimeBundler(archiverFactory, ui, observedBundle, fileReader, configFile);
  const appPackager = new deploy.AppPackager(runtimeBundler, new bundler.NativeUIBundler(ui), ui, analytics);
  const resourcePackaging = new ResourcePackagingService(archiverFactory, fileReader, process.cwd(), new shared.BridgeScriptService(), new shared.IframeResizerScriptService());
  let uploaded = {};
  const archiveUploader = {
    uploadArchive: async (archivePath) => {
      uploaded.runtime = { archivePath, zipBytes: fs.statSync(archivePath).size };
      return 'forge:dryrun://runtime';
    },
    uploadHostedResources: async (archives) => {
      uploaded.resources = archives;
      return 'forge:dryrun://resources';
    },
    uploadCombinedArtifact: async () => {
      throw new Error('combined upload is disabled in the dry run');
    },
  };
  const deployer = { deploy: async () => {} };
  const command = new deploy.PackageUploadDeployCommand(appPackager, archiveUploader, deployer, resourcePackaging, new shared.I18nResourceBundlingService(), statsig);
  const config = await configFile.readConfig();
  await command.execute({
    handlers: await configFile.getAppHandlers(),
    resources: await configFile.getResources(),
    environmentKey: 'development',
    environmentType: 'DEVELOPMENT',
    packageConfig: config.app?.package,
    modules: config.modules,
    i18nConfig: config.translations,
  });
  lap('package', t);

  const code = functionFiles.filter((f) => /\.c?js$/.test(f.file) && !f.file.startsWith('__forge'));
  // Each manifest handler `<module>.<export>` is its own webpack entry, `<module>.cjs`: what that
  // function loads on a cold start. The numbered chunks load on demand (admin/report use cases, the
  // calendar import parsers).
  const entryFiles = new Set((config.modules?.function || []).map((f) => `${String(f.handler).slice(0, String(f.handler).lastIndexOf('.'))}.cjs`));
  const entries = code.filter((f) => entryFiles.has(f.file));
  const missing = [...entryFiles].filter((f) => !entries.some((e) => e.file === f));
  const entryBytes = Math.max(0, ...entries.map((f) => f.bytes));
  const chunkBytes = code.filter((f) => !entryFiles.has(f.file)).reduce((s, f) => s + f.bytes, 0);
  report.function = { files: code, entries: entries.map((f) => f.file), entryBytes, chunkBytes, budgetBytes: FUNCTION_BUDGET_BYTES, zipBytes: uploaded.runtime?.zipBytes };
  // The CLI reports these in MB (FileSystemReader.bytesToMb).
  report.resources = Object.entries(uploaded.resources || {}).map(([key, a]) => ({ key, files: a.fileCount, rawMb: a.rawSize, zipMb: a.zipSize }));
  for (const f of entries) console.log(`forge:dryrun: function entry ${f.file} ${kb(f.bytes)}${f.bytes > FUNCTION_BUDGET_BYTES ? ' OVER BUDGET' : ''}`);
  console.log(`forge:dryrun: function bundle: largest entry ${kb(entryBytes)} (budget ${kb(FUNCTION_BUDGET_BYTES)} each), ${code.length - entries.length} lazy chunks ${kb(chunkBytes)}, runtime zip ${kb(uploaded.runtime?.zipBytes || 0)}`);
  for (const r of report.resources) console.log(`forge:dryrun: resource ${r.key}: ${r.files} files, ${r.rawMb} raw, ${r.zipMb} zip`);
  timings.total = Math.round(performance.now() - t0);
  report.timingsMs = timings;
  console.log(`forge:dryrun: manifest ${timings.manifest} ms, lint ${timings.lint} ms, package ${timings.package} ms, total ${timings.total} ms`);
  if (missing.length > 0) {
    console.error(`forge:dryrun: the bundler produced no entry for ${missing.join(', ')}`);
    return finish(report, 1);
  }
  if (entryBytes > FUNCTION_BUDGET_BYTES) {
    console.error(`forge:dryrun: a function entry bundle is over its budget by ${kb(entryBytes - FUNCTION_BUDGET_BYTES)}`);
    return finish(report, 1);
  }
  report.ok = true;
  return finish(report, 0);
}

function finish(report, code) {
  if (process.env.FORGE_DRYRUN_REPORT) fs.writeFileSync(process.env.FORGE_DRYRUN_REPORT, JSON.stringify(report, null, 2) + '\n');
  if (jsonOut) console.log(JSON.stringify(report));
  process.exit(code);
}

main().catch((e) => {
  // The CLI's own errors (BundlerError, ResourceDirectoryMissingError, PreCommandValidationError…)
  // are failures of the app, not of the dry run.
  console.error(`forge:dryrun: ${e && e.constructor ? e.constructor.name : 'Error'}: ${e && e.message ? e.message : e}`);
  if (verbose && e && e.stack) console.error(e.stack);
  report.error = String(e && e.message ? e.message : e);
  finish(report, 1);
});
