import { useState } from 'preact/hooks';
import { withQuery } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { vi } from '/messages/vi.js';
import { formatPercent } from '/messages/format.js';

const words = vi.quotas;
const percent = (share) => formatPercent(share, 0);

/** The unit's quota rules for a year, each with where the unit stands against it. */
export function Quotas({ officer }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error } = useApi(withQuery('/api/quotas', { unitId: officer.unitId, year }));
  return html`<section>
    <h2>${words.title(officer.unitName)}</h2>
    <label for="qyear">${words.year}</label>
    <input
      id="qyear"
      class="year"
      type="number"
      value=${year}
      onInput=${(e) => setYear(Number(e.target.value))}
    />
    <${ErrorBox} error=${error} />
    ${data?.rules.map(
      (r) =>
        html`<div class="card" data-testid="quota-rule">
          <h3>${r.description}</h3>
          ${
            r.kind === 'maxCount'
              ? html`<p>${words.count(r.total, r.limit)}</p>`
              : html`<p
                  class=${r.share !== null && (r.kind === 'minShare' ? r.share < r.limit : r.share > r.limit) ? 'quota-warn' : 'quota-ok'}
                >
                  ${words.share(
                    r.share === null ? words.noneYet : percent(r.share),
                    r.inCategory,
                    r.total,
                    r.kind === 'minShare' ? vi.quotaFinding.atLeast : vi.quotaFinding.atMost,
                    percent(r.limit),
                  )}
                </p>`
          }
          <p class="muted">${r.enforcement === 'block' ? words.blocking : words.warning}</p>
        </div>`,
    )}
  </section>`;
}
