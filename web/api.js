// The one client of the JSON API for every page: the httpOnly session cookie, JSON in and out, and every refusal (a
// problem document, RFC 9457) turned into words an officer can act on, from the message catalogue.
import { vi } from '/messages/vi.js';

const words = vi.apiClient;
/** Refusals whose detail the API already writes in Vietnamese, with figures (minutes left, the file's real type). */
const VIETNAMESE_DETAIL = new Set(['account-locked', 'too-many-requests', 'file-content-mismatch']);

/** An API refusal in words an officer can act on. */
export function vietnamese(problem) {
  if (problem === null || typeof problem !== 'object') return words.unknown;
  if (problem.code === 'ReviewFailed' && Array.isArray(problem.failedChecks)) {
    return words.reviewFailed(problem.failedChecks.map((c) => vi.checks[c.check] ?? c.check).join('; '));
  }
  if (problem.code && vi.refusals[problem.code]) return vi.refusals[problem.code];
  const slug = String(problem.type ?? '')
    .split('/')
    .pop();
  if (slug === 'invalid-text' && Array.isArray(problem.errors)) {
    const where = [...new Set(problem.errors.map((e) => vi.fields[e.pointer]).filter(Boolean))];
    if (where.length > 0) return `${vi.problemTypes[slug]} ${words.where(where.join(', '))}`;
  }
  if (slug === 'nomination-closed') {
    return words.closed(vi.stages[problem.nominationStatus] ?? problem.nominationStatus);
  }
  if (vi.problemTypes[slug]) return vi.problemTypes[slug];
  if (VIETNAMESE_DETAIL.has(slug) && typeof problem.detail === 'string') return problem.detail;
  if (problem.status >= 500) return words.serverFault;
  return words.notDone;
}

/** A refused request: its message is for the officer, its problem document for the page's own decisions. */
export class ApiError extends Error {
  constructor(problem) {
    super(vietnamese(problem));
    this.problem = problem;
  }
}

/**
 * One request to the API: `body` as JSON (or a FormData as it is), `headers` for If-Match and Idempotency-Key.
 * Answers the JSON of a success (null for 204); throws an ApiError for a refusal or no answer at all.
 */
export async function api(method, url, body, headers = {}) {
  const options = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) {
    options.headers['content-type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    // No answer at all (the network, or the server restarting): said as such, not as the browser's English words.
    throw new ApiError({ type: 'network', status: 0 });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(data ?? { status: response.status });
  return data;
}

/** A random Idempotency-Key; getRandomValues, unlike randomUUID, works on a page served over plain HTTP too. */
export function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The URL of an API list with its query: parameters left undefined, null or empty are left out. */
export function withQuery(url, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search === '' ? url : `${url}?${search}`;
}
