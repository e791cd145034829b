import { useState } from 'preact/hooks';
import { withQuery } from '../api.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { IndicatorChart } from '../components/indicator-chart.js';
import { ReportChart } from '../components/report-chart.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { movementHref } from '../routes.js';
import { vi } from '/messages/vi.js';
import { formatDate, formatDateTime } from '/messages/format.js';

const words = vi.dashboard;

/** The year at a glance for the officer's unit or one below it: reports, indicators and movements. */
export function Dashboard({ officer }) {
  const [unitId, setUnitId] = useState(officer.unitId);
  const { data, error } = useApi(withQuery('/api/dashboard', { unitId }));
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<${Loading} />`;
  return html`<section data-testid="dashboard">
    <h2>${words.title(data.year, data.unit.name)}</h2>
    ${
      (data.children.length > 0 || unitId !== officer.unitId) &&
      html`<label for="dunit">${words.unit}</label>
        <select id="dunit" value=${unitId} onChange=${(e) => setUnitId(e.target.value)}>
          <option value=${officer.unitId}>${officer.unitName}</option>
          ${data.children.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
        </select>`
    }
    <${Reports} data=${data} />
    <div class="card">
      <h3>${words.indicatorsTitle}</h3>
      <${IndicatorChart} indicators=${data.indicators} />
    </div>
    <${Movements} movements=${data.movements} />
  </section>`;
}

function Reports({ data }) {
  const period = data.period;
  return html`<div class="card">
    <h3>
      ${words.reportsTitle}
      ${period ? ` — ${words.period(vi.periodKind[period.kind], period.year, formatDate(period.dueAt))}` : ''}
    </h3>
    ${
      period === null
        ? html`<p class="muted">${words.noPeriod}</p>`
        : html`<${ReportChart} reports=${data.reports} /> ${
              data.reports.owedToUnit.length > 0 &&
              html`<details>
                <summary>${words.owedToUnit(data.unit.name, data.reports.owedToUnit.length)}</summary>
                <table>
                  ${data.reports.owedToUnit.map(
                    (r) =>
                      html`<tr class=${`report-${r.status}`}>
                        <td>${r.unitName}</td>
                        <td>${vi.reportStatus[r.status] ?? r.status}</td>
                        <td>${r.submittedAt ? formatDateTime(r.submittedAt) : ''}</td>
                      </tr>`,
                  )}
                </table>
              </details>`
            }`
    }
  </div>`;
}

function Movements({ movements }) {
  return html`<div class="card">
    <h3>${words.movementsTitle}</h3>
    ${
      movements.length === 0
        ? html`<p class="muted">${words.noMovements}</p>`
        : html`<table data-testid="dashboard-movements">
            <tr>
              <th>${words.movement}</th>
              <th>${words.reviews}</th>
              <th>${words.next}</th>
            </tr>
            ${movements.map(
              (m) =>
                html`<tr>
                  <td>
                    <a href=${movementHref(m.id)}>${m.name}</a>
                    <div class="muted">${formatDate(m.startsOn)} – ${formatDate(m.endsOn)}</div>
                  </td>
                  <td>
                    <div class="progress">
                      <div style=${{ width: `${(m.reviewsRecorded / m.reviewsPlanned) * 100}%` }}></div>
                    </div>
                    ${m.reviewsRecorded}/${m.reviewsPlanned}
                    ${m.reviewsLate > 0 ? html` · <span class="quota-warn">${words.late(m.reviewsLate)}</span>` : ''}
                  </td>
                  <td>
                    ${m.status === 'closed' ? vi.movements.closed : m.nextReview ? `${vi.reviewKind[m.nextReview.kind]} ${formatDate(m.nextReview.on)}` : ''}
                  </td>
                </tr>`,
            )}
          </table>`
    }
  </div>`;
}
