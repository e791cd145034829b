import { html } from '../html.js';
import { BarChart, asPercent } from './chart.js';
import { vi } from '/messages/vi.js';
import { formatNumber } from '/messages/format.js';

const BELOW = '#c62828';
const REACHED = '#2e7d32';
const TARGET = '#9e9e9e';

/**
 * The movement indicators against their targets: one chart, a bar for where each stands beside a grey bar for its
 * target (red when below it), then each indicator's figures in words.
 */
export function IndicatorChart({ indicators }) {
  const names = Object.keys(vi.indicators);
  const below = (ind) => ind.share !== null && ind.share < ind.target;
  const words = vi.dashboard;
  return html`<figure class="chart" data-testid="indicator-chart">
    <${BarChart}
      label=${words.indicatorsTitle}
      testid="indicator-chart-canvas"
      labels=${names.map((k) => vi.indicators[k])}
      datasets=${[
        {
          label: words.reached,
          data: names.map((k) => indicators[k].share ?? 0),
          backgroundColor: names.map((k) => (below(indicators[k]) ? BELOW : REACHED)),
        },
        { label: words.target, data: names.map((k) => indicators[k].target), backgroundColor: TARGET },
      ]}
      max=${1}
      format=${asPercent}
      height=${4 + names.length * 4}
    />
    <figcaption>
      ${names.map((k) => {
        const ind = indicators[k];
        return html`<div class="indicator" data-testid=${`indicator-${k}`}>
          <div class="indicator-name">${vi.indicators[k]}</div>
          <div class=${below(ind) ? 'muted quota-warn' : 'muted'}>
            ${ind.share === null ? words.noFigures : words.share(asPercent(ind.share), formatNumber(ind.value), formatNumber(ind.of))}
            ${` · ${words.targetOf(asPercent(ind.target))}`}
          </div>
        </div>`;
      })}
    </figcaption>
  </figure>`;
}
