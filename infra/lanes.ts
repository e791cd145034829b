/**
 * Works through `items` in `lanes` lanes at once, each lane taking the next item when its last is done. Every lane
 * runs to its end; then the first failure, if any, is thrown (none is left unhandled meanwhile).
 */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
    }),
  );
  const failed = settled.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}
