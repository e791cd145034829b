import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { movementHref } from '../routes.js';
import { vi } from '/messages/vi.js';
import { formatDate } from '/messages/format.js';

const words = vi.movements;

/** The emulation movements the officer's unit takes part in. */
export function MovementList() {
  const { data, error } = useApi('/api/movements');
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<${Loading} />`;
  return html`<section>
    <h2>${words.title}</h2>
    ${data.items.length === 0 && html`<p class="muted">${words.none}</p>`}
    ${data.items.map(
      (m) =>
        html`<a class="card item" href=${movementHref(m.id)}>
          <b>${m.name}</b>
          <div class="muted">
            ${m.targetGroup} · ${formatDate(m.startsOn)} – ${formatDate(m.endsOn)} ·
            ${m.status === 'closed' ? words.closed : words.running}
          </div>
        </a>`,
    )}
  </section>`;
}
