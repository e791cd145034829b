import { vi } from '/messages/vi.js';
import { formatPercent } from '/messages/format.js';

/** What approving does to a quota, in words: "Nếu phê duyệt: tỷ lệ … 17% (tối thiểu 15%) — …". */
export function quotaText(f) {
  const words = vi.quotaFinding;
  if (f.kind === 'maxCount') return words.count(f.description, f.after.total, f.limit);
  // Whole percents, as the rules are written.
  const share = formatPercent(f.shareAfter ?? 0, 0);
  return words.share(
    share,
    f.kind === 'minShare' ? words.atLeast : words.atMost,
    formatPercent(f.limit, 0),
    f.description,
  );
}
