/**
 * Text that cannot be stored is refused where it enters. PostgreSQL takes no NUL in text and no lone surrogate (an
 * unpaired UTF-16 half, `\ud800`) in JSON, and other control characters have no business in a name or a dossier: once
 * such a value reached the event store, every retry of the append failed the same way. Newline, carriage return and tab
 * are the only control characters a person types.
 */
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problem.js';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const forbiddenControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

// With the `u` flag a well-formed pair is one code point, so only an unpaired half matches.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/** What is wrong with a string, or null when it can be stored. */
export function textProblem(text: string): string | null {
  const control = forbiddenControl.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code} at position ${control.index}`;
  }
  if (loneSurrogate.test(text)) return 'contains an unpaired surrogate (text that is not valid Unicode)';
  return null;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every string in a parsed value (object keys included) that cannot be stored, with its JSON Pointer. */
export function invalidTexts(
  value: unknown,
  pointer: string,
  limit = 20,
): { pointer: string; detail: string }[] {
  const found: { pointer: string; detail: string }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem !== null) found.push({ pointer: at, detail: problem });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${at}/${i}`));
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, item] of Object.entries(v)) {
        const keyProblem = textProblem(key);
        if (keyProblem !== null) found.push({ pointer: at, detail: `a property name ${keyProblem}` });
        walk(item, `${at}/${escapePointer(key)}`);
      }
    }
  };
  walk(value, pointer);
  return found;
}

/** A preValidation hook: refuses a request whose path, query or JSON body carries text that cannot be stored. */
export function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const problems = [
    ...invalidTexts(request.params, '/params'),
    ...invalidTexts(request.query, '/query'),
    ...(request.isMultipart() ? [] : invalidTexts(request.body, '/body')),
  ];
  if (problems.length === 0) return Promise.resolve();
  return Promise.reject(
    new ProblemError(
      422,
      'invalid-text',
      'Text that cannot be stored',
      `Remove the invisible or broken characters and send again: ${problems
        .map((p) => `${p.pointer} ${p.detail}`)
        .join('; ')}.`,
      problems,
    ),
  );
}
