import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { StageBadge } from '../components/stage-badge.js';
import { html } from '../html.js';
import { nominationHref } from '../routes.js';
import { vi } from '/messages/vi.js';
import { formatDate } from '/messages/format.js';

const words = vi.nominationList;
const PAGE = 30;

/** Every nomination the officer may see, searched by the nominee's name, a page at a time. */
export function NominationList({ units }) {
  const unitName = (id) => units.get(id)?.name ?? id;
  const [state, setState] = useState({ items: [], next: null, loaded: false });
  const [q, setQ] = useState('');
  const [error, setError] = useState(null);
  const load = (cursor, query) =>
    api('GET', withQuery('/api/nominations', { limit: PAGE, q: query, cursor })).then(
      (d) =>
        setState((s) => ({
          items: cursor ? [...s.items, ...d.items] : d.items,
          next: d.nextCursor,
          loaded: true,
        })),
      (e) => setError(e.message),
    );
  useEffect(() => {
    void load(null, '');
  }, []);
  return html`<section>
    <h2>${words.title}</h2>
    <form class="row" onSubmit=${(e) => (e.preventDefault(), load(null, q))}>
      <input
        class="grow"
        placeholder=${words.searchPlaceholder}
        value=${q}
        onInput=${(e) => setQ(e.target.value)}
      />
      <button type="submit" class="secondary">${words.search}</button>
    </form>
    <${ErrorBox} error=${error} />
    <table>
      <thead>
        <tr>
          <th>${words.nominee}</th>
          <th>${words.form}</th>
          <th>${words.stage}</th>
          <th>${words.deadline}</th>
        </tr>
      </thead>
      <tbody>
        ${state.items.map(
          (n) =>
            html`<tr data-testid="list-item">
              <td><a href=${nominationHref(n.id)}>${n.nomineeName}</a></td>
              <td>
                ${n.awardFormCode}${
                  n.decisionNumber
                    ? html`<br /><span class="muted"
                          >${vi.decisionRef({
                            number: n.decisionNumber,
                            issuer: unitName(n.decidingUnitId),
                            date: formatDate(n.decidedAt),
                          })}</span
                        >`
                    : ''
                }
              </td>
              <td><${StageBadge} n=${n} /></td>
              <td>${formatDate(n.deadlineAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${state.loaded && state.items.length === 0 && html`<p class="muted">${words.empty}</p>`}
    ${state.next && html`<p><button class="secondary" onClick=${() => load(state.next, q)}>${words.more}</button></p>`}
  </section>`;
}
