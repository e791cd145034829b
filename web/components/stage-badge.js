import { html } from '../html.js';
import { vi } from '/messages/vi.js';

/** Where a nomination stands, coloured by its status. */
export function StageBadge({ n }) {
  return html`<span class="badge ${n.status}" data-testid="stage">${vi.stages[n.stage] ?? n.stage}</span>`;
}
