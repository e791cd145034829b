/**
 * Schemathesis, the property-based API tester from PyPI that the test suite runs against the OpenAPI document. It lives
 * in a virtual environment of its own in the tools folder, at a pinned version, like the Temporal binaries: `npm test`'s
 * preflight installs it, and the test finds it there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';

export function schemathesisDir(toolsDir: string): string {
  return path.join(toolsDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
}

/** The `st` command, if installed. */
export function findSchemathesis(toolsDir: string): string | undefined {
  const st = path.join(schemathesisDir(toolsDir), 'bin', 'st');
  return existsSync(st) ? st : undefined;
}

export function installCommandFor(toolsDir: string): string {
  const dir = schemathesisDir(toolsDir);
  return `python3 -m venv ${dir} && ${dir}/bin/pip install schemathesis==${SCHEMATHESIS_VERSION}`;
}

/** Installs it into the tools folder from PyPI; throws with the command to run by hand when that fails. */
export function installSchemathesis(toolsDir: string, log: (message: string) => void): string {
  const found = findSchemathesis(toolsDir);
  if (found !== undefined) return found;
  const dir = schemathesisDir(toolsDir);
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${dir}`);
  try {
    execFileSync('python3', ['-m', 'venv', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(path.join(dir, 'bin', 'pip'), ['install', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch (err) {
    throw new Error(
      `Could not install schemathesis (${err instanceof Error ? err.message : String(err)}). Install it by hand: ${installCommandFor(toolsDir)}`,
    );
  }
  const st = findSchemathesis(toolsDir);
  if (st === undefined) throw new Error(`schemathesis installed but ${dir}/bin/st is missing`);
  return st;
}
