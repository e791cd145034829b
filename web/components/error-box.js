import { html } from '../html.js';
import { vi } from '/messages/vi.js';

/** A refusal or a failure, in the page's words. */
export function ErrorBox({ error }) {
  return error ? html`<div class="error" role="alert" data-testid="error">${error}</div>` : null;
}

/** What a page shows while its data is on the way. */
export function Loading() {
  return html`<p>${vi.page.loading}</p>`;
}
