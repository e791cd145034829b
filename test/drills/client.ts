/**
 * The drills' clients: officers' programs that talk to the real API over HTTP the way a careful client does. Every
 * change carries an Idempotency-Key and is sent again with the same key after a 503, any other 5xx, a 429 or a
 * connection that failed or was cut, honouring Retry-After, until an answer comes or a total time runs out.
 */
import type { Dossier } from '../../domain/nomination/dossier.js';

export interface ClientStats {
  /** Time of each logical request, from its first attempt to its answer (retries included). */
  durationsMs: number[];
  /** Attempts after the first. */
  retries: number;
  /** 503 answers seen (each one retried). */
  unavailable: number;
  /** Attempts that got no answer (refused, reset, timed out). */
  connectionErrors: number;
  /** Requests that ended without the answer they should have had. */
  failures: string[];
}

export function newStats(): ClientStats {
  return { durationsMs: [], retries: 0, unavailable: 0, connectionErrors: 0, failures: [] };
}

export interface Answer {
  status: number;
  body: unknown;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How long to wait before the next attempt: the server's Retry-After when it gave one, else a growing pause. */
function pauseFor(retryAfter: string | null, attempt: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 30) * 1000;
  return Math.min(250 * 2 ** attempt, 5_000) * (0.75 + Math.random() / 2);
}

export interface CarefulClientOptions {
  apiUrl: string;
  stats: ClientStats;
  /** The longest a logical request may take, retries included. */
  budgetMs: number;
  /** The longest one attempt may wait for its answer. */
  attemptTimeoutMs?: number;
}

export class CarefulClient {
  private readonly inFlight = { count: 0 };

  constructor(private readonly options: CarefulClientOptions) {}

  stats(): ClientStats {
    return this.options.stats;
  }

  /** Requests sent and not yet answered, across this client's callers. */
  pending(): number {
    return this.inFlight.count;
  }

  async send(
    method: 'GET' | 'POST',
    path: string,
    init: { token?: string; key?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const { apiUrl, stats, budgetMs } = this.options;
    const started = performance.now();
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    if (init.key !== undefined) headers['idempotency-key'] = init.key;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) stats.retries++;
      let retryAfter: string | null = null;
      this.inFlight.count++;
      try {
        const response = await fetch(`${apiUrl}${path}`, {
          method,
          headers,
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 60_000),
        });
        const text = await response.text();
        const retryable = response.status >= 500 || response.status === 429;
        if (!retryable) {
          stats.durationsMs.push(performance.now() - started);
          return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
        }
        if (response.status === 503) stats.unavailable++;
        retryAfter = response.headers.get('retry-after');
        last = `${response.status} ${text.slice(0, 200)}`;
      } catch (err) {
        // No answer: the API died, was not listening yet, or took too long. The same key makes the retry safe.
        stats.connectionErrors++;
        last =
          err instanceof Error
            ? `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`
            : String(err);
      } finally {
        this.inFlight.count--;
      }
      const pause = pauseFor(retryAfter, attempt);
      if (performance.now() - started + pause > budgetMs) {
        stats.durationsMs.push(performance.now() - started);
        throw new Error(`${method} ${path}: no answer within ${budgetMs} ms (last: ${last})`);
      }
      await sleep(pause);
    }
  }

  async login(username: string, password: string): Promise<string> {
    const answer = await this.send('POST', '/api/auth/login', { body: { username, password } });
    if (answer.status !== 200)
      throw new Error(`login of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return (answer.body as { token: string }).token;
  }
}

/** One nomination a drill drives from creation to approval. */
export interface PlannedNomination {
  memberId: string;
  /** The base officer of the member's union, who creates and submits it. */
  baseOfficer: string;
}

export interface LoadOptions {
  client: CarefulClient;
  nominations: PlannedNomination[];
  concurrency: number;
  /** Idempotency keys are `${keyPrefix}-${index}-${step}`: unique per drill run. */
  keyPrefix: string;
  awardFormCode: string;
  dossier: Dossier;
  districtOfficer: string;
  decider: string;
  password: string;
}

export interface LoadProgress {
  stepsDone: number;
  stepsTotal: number;
  approved: number;
}

export interface LoadResult {
  /** Member id → nomination id, for every nomination whose creation was answered. */
  created: Map<string, string>;
  approved: number;
}

const steps = ['create', 'submit', 'endorse', 'approve'] as const;

/** Drives the nominations through the API with `concurrency` officers at once; `progress()` may be read meanwhile. */
export function startLoad(options: LoadOptions): { progress(): LoadProgress; done: Promise<LoadResult> } {
  const { client, nominations } = options;
  const stats = { stepsDone: 0, approved: 0 };
  const created = new Map<string, string>();
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string): Promise<string> => {
    let token = tokens.get(username);
    if (token === undefined) {
      token = client.login(username, options.password);
      tokens.set(username, token);
    }
    return token;
  };
  const failures: string[] = [];

  const drive = async (index: number, planned: PlannedNomination): Promise<void> => {
    const key = (step: string): string => `${options.keyPrefix}-${index}-${step}`;
    const act = async (username: string, path: string, step: string, body: unknown): Promise<Answer> => {
      let answer = await client.send('POST', path, { token: await tokenOf(username), key: key(step), body });
      if (answer.status === 401) {
        // A session that is no longer known: log in again, as a client would, and repeat with the same key.
        tokens.delete(username);
        answer = await client.send('POST', path, { token: await tokenOf(username), key: key(step), body });
      }
      return answer;
    };
    const createdAnswer = await act(planned.baseOfficer, '/api/nominations', 'create', {
      nominee: { memberId: planned.memberId },
      awardFormCode: options.awardFormCode,
      year: 2026,
      dossier: options.dossier,
    });
    if (createdAnswer.status !== 201)
      throw new Error(
        `create ${planned.memberId}: ${createdAnswer.status} ${JSON.stringify(createdAnswer.body)}`,
      );
    const id = (createdAnswer.body as { id: string }).id;
    created.set(planned.memberId, id);
    stats.stepsDone++;
    for (const [step, who] of [
      ['submit', planned.baseOfficer],
      ['endorse', options.districtOfficer],
      ['approve', options.decider],
    ] as const) {
      const answer = await act(who, `/api/nominations/${id}/${step}`, step, {});
      if (answer.status !== 200)
        throw new Error(
          `${step} ${id} (${planned.memberId}): ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      stats.stepsDone++;
    }
    stats.approved++;
  };

  let next = 0;
  const officer = async (): Promise<void> => {
    while (next < nominations.length) {
      const index = next++;
      const planned = nominations[index];
      if (planned === undefined) break;
      try {
        await drive(index, planned);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  };

  const done = (async () => {
    await Promise.all(Array.from({ length: options.concurrency }, officer));
    return { created, approved: stats.approved, failures };
  })().then(({ created: c, approved, failures: f }) => {
    for (const failure of f) client.stats().failures.push(failure);
    return { created: c, approved };
  });
  return {
    progress: () => ({
      stepsDone: stats.stepsDone,
      stepsTotal: nominations.length * steps.length,
      approved: stats.approved,
    }),
    done,
  };
}
