import { ErrorBox, Loading } from '../components/error-box.js';
import { FinalReviewNominations } from '../components/final-review-nominations.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { vi } from '/messages/vi.js';
import { formatDate, formatNumber } from '/messages/format.js';

const words = vi.movement;

/** One movement: its plan, its reviews' results, and for its launching unit the nominations of the final review. */
export function MovementPage({ id, officer }) {
  const { data: m, error, reload } = useApi(`/api/movements/${id}`);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (m === null) return html`<${Loading} />`;
  const mine = m.launchingUnitId === officer.unitId && officer.role.endsWith('_officer');
  const finalDone = m.reviews.some((r) => r.kind === 'final');
  return html`<section>
    <h2>${m.name}</h2>
    <div class="card">
      <p>${m.targetGroup} · ${formatDate(m.startsOn)} – ${formatDate(m.endsOn)}</p>
      <p>${words.criteria(m.criteria.map((c) => words.criterion(c.name, c.maxScore)).join('; '))}</p>
      <p>
        ${words.registrations(formatNumber(m.registrations.units), formatNumber(m.registrations.members))}
      </p>
      <p>${words.nominations(m.nominationIds.length)}</p>
    </div>
    ${m.reviews.map(
      (r) =>
        html`<div class="card" data-testid="movement-review">
          <h3>${vi.reviewKind[r.kind]} ${formatDate(r.on)}</h3>
          <p>${r.summary}</p>
          <table>
            <tr>
              <th>${words.unit}</th>
              ${m.criteria.map((c) => html`<th>${c.name}</th>`)}
              <th>${words.total}</th>
            </tr>
            ${r.results.map(
              (u) =>
                html`<tr>
                  <td>${u.unitId}</td>
                  ${m.criteria.map((c) => html`<td>${u.scores[c.name]}</td>`)}
                  <td><b>${u.total}</b></td>
                </tr>`,
            )}
          </table>
        </div>`,
    )}
    ${mine && finalDone && html`<${FinalReviewNominations} movement=${m} onDone=${reload} />`}
  </section>`;
}
