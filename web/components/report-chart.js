import { html } from '../html.js';
import { BarChart } from './chart.js';
import { vi } from '/messages/vi.js';
import { formatNumber } from '/messages/format.js';

const STATUSES = ['submitted', 'due', 'overdue'];
const REPORT_COLOURS = { submitted: '#2e7d32', due: '#f9a825', overdue: '#c62828' };

/** Reports by status as one stacked bar, with its legend: a glance says how far the period has got. */
export function ReportChart({ reports }) {
  const total = STATUSES.reduce((sum, k) => sum + reports[k], 0);
  return html`<figure class="chart" data-testid="report-chart">
    <${BarChart}
      label=${vi.dashboard.reportChart}
      testid="report-chart-canvas"
      labels=${[vi.dashboard.reports]}
      datasets=${STATUSES.map((k) => ({
        label: vi.reportStatus[k],
        data: [reports[k]],
        backgroundColor: REPORT_COLOURS[k],
      }))}
      stacked=${true}
      max=${Math.max(total, 1)}
      height=${5}
    />
    <figcaption>
      ${STATUSES.map(
        (k) =>
          html`<span class="legend"
            ><i class=${`swatch-${k}`}></i>${`${vi.reportStatus[k]}: `}<b data-testid=${`reports-${k}`}
              >${formatNumber(reports[k])}</b
            ></span
          >`,
      )}
    </figcaption>
  </figure>`;
}
