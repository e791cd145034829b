/** Figures over repetitions: quantiles, medians with their spread, and the one table the bench prints. */
export const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** "9.2 (8.7–9.6)": the median over repetitions and its min–max. */
export function spread(values: readonly number[], digits = 1): string {
  if (values.length === 0) return '–';
  const fixed = (v: number) => v.toFixed(digits);
  if (values.length === 1) return fixed(values[0] ?? Number.NaN);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}

export const ratio = (value: number, base: number): string =>
  Number.isFinite(value / base) ? `${(value / base).toFixed(2)}×` : '–';

/** A plain-text table with aligned columns, as the bench prints it and docs/performance.md holds it. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Times `work` `times` times, one after another; the latencies in milliseconds. */
export async function timeEach(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await work(i);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}
