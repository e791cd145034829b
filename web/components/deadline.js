import { html } from '../html.js';
import { vi } from '/messages/vi.js';
import { formatDate } from '/messages/format.js';

const DAY = 86_400_000;

/** A nomination's deadline and the days left (or past), red once it has passed. */
export function Deadline({ iso }) {
  if (!iso) return null;
  const left = Math.ceil((Date.parse(iso) - Date.now()) / DAY);
  return html`<span class=${left < 0 ? 'late' : ''}>${vi.page.deadline(formatDate(iso), left)}</span>`;
}
