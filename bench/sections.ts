/** The bench's sections: each measures its figures beside their comparison and answers the text it prints. */
import type { BenchStack } from './stack.js';
import { throughputSection } from './sections/throughput.js';
import { engineSection } from './sections/engine.js';
import { httpSection } from './sections/http.js';
import { decisionSection } from './sections/decision.js';
import { verifySection } from './sections/verify.js';
import { replaySection } from './sections/replay.js';
import { readsSection } from './sections/reads.js';

export interface SectionContext {
  stack: BenchStack;
  size: Size;
  log: (line: string) => void;
}

/**
 * How big a run: `quick` (the default, a few minutes), `full` (more of everything), `smoke` (every section at its
 * smallest, for the test suite, which checks that the bench runs and prints its tables: its figures mean nothing).
 */
export type Size = 'smoke' | 'quick' | 'full';

/** The value for this run's size. */
export const bySize = <T>(size: Size, values: Record<Size, T>): T => values[size];

export type Section = (context: SectionContext) => Promise<string>;

export const sections = {
  throughput: throughputSection,
  engine: engineSection,
  http: httpSection,
  decision: decisionSection,
  verify: verifySection,
  replay: replaySection,
  reads: readsSection,
} satisfies Record<string, Section>;

export type SectionName = keyof typeof sections;
