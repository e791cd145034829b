// The public honour roll (tôn vinh): awards that stand, newest first, with what each was given for. The address's
// query (year, unitId, formCode, movementId) narrows it, so a federation's website can link or embed its own part.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { formatDate, formatNumber } from '/messages/format.js';
import { vi } from '/messages/vi.js';

const words = vi.publicPage.honourRoll;
const PAGE = 30;

/** The roll; `embedded` drops the title and the year choice, for a frame on another site. */
export function HonourRoll({ embedded }) {
  const params = new URLSearchParams(window.location.search);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(params.get('year') ?? '');
  const [items, setItems] = useState([]);
  const [total, setTotal] = useState(undefined);
  const [error, setError] = useState(null);
  const query = (offset) => {
    const q = new URLSearchParams();
    for (const key of ['unitId', 'formCode', 'movementId']) if (params.get(key)) q.set(key, params.get(key));
    if (year !== '') q.set('year', year);
    q.set('limit', String(PAGE));
    q.set('offset', String(offset));
    return `/api/public/honour-roll?${q}`;
  };
  const load = (offset) =>
    api('GET', query(offset)).then(
      (page) => {
        setItems((before) => (offset === 0 ? page.items : [...before, ...page.items]));
        setTotal(page.total);
      },
      (err) => setError(err.message),
    );
  useEffect(() => {
    setError(null);
    void load(0);
  }, [year]);
  return html`<section class="honour-roll">
    ${
      !embedded &&
      html`<label>
        ${words.year}
        <select value=${year} onChange=${(e) => setYear(e.currentTarget.value)} data-testid="roll-year">
          <option value="">${words.allYears}</option>
          ${Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map(
            (y) => html`<option value=${y}>${y}</option>`,
          )}
        </select>
      </label>`
    }
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${total === undefined && !error && html`<p class="loading">${vi.page.loading}</p>`}
    ${total === 0 && html`<p class="muted">${words.none}</p>`}
    ${total > 0 && html`<p class="muted" data-testid="roll-total">${words.total(formatNumber(total))}</p>`}
    <ol class="roll">
      ${items.map(
        (a) =>
          html`<li class="card" data-testid="roll-entry">
            <b>${a.nomineeName}</b>
            <div>${a.unitName}</div>
            <div class="muted">${a.formName} · ${a.year}</div>
            ${a.achievement && html`<p>${a.achievement}</p>`}
            <div class="muted">
              ${vi.decisionRef({ number: a.decision.number, issuer: a.decision.issuerName, date: formatDate(a.decision.issuedAt) })}
            </div>
          </li>`,
      )}
    </ol>
    ${total > items.length && html`<button class="secondary" onClick=${() => load(items.length)}>${words.more}</button>`}
  </section>`;
}
