// Charts drawn by Chart.js on a canvas: nothing inline for the Content-Security-Policy to allow, since the library
// sizes its canvas through the CSSOM. Only the parts the page's charts use are registered.
import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart as ChartJs, LinearScale, Tooltip } from 'chart.js';
import { html } from '../html.js';
import { formatNumber, formatPercent } from '/messages/format.js';

ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
ChartJs.defaults.locale = 'vi-VN';

/** Figures and shares on the axes and in the tooltips, the way the rest of the page writes them. */
export const asNumber = (value) => formatNumber(value);
export const asPercent = (share) => formatPercent(share, 0);

/** A long label in lines of about `width` characters: the chart keeps its width on a phone. */
function wrap(label, width = 28) {
  const lines = [];
  for (const word of String(label).split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** About a fifth of the chart's width for its labels: on a phone they take more lines, not the bars' room. */
const lineLength = (canvas) => Math.min(28, Math.max(12, Math.floor(canvas.parentElement.clientWidth / 20)));

/**
 * A horizontal bar chart: `labels` down the side, `datasets` as Chart.js takes them (label, data, backgroundColor);
 * `stacked` puts them end to end; `format` writes a value on the axis and in the tooltip. `label` names the chart for
 * a screen reader, `height` is in rem.
 */
export function BarChart({
  labels,
  datasets,
  stacked = false,
  max,
  format = asNumber,
  label,
  height = 3,
  testid,
}) {
  const canvas = useRef(null);
  useEffect(() => {
    const chart = new ChartJs(canvas.current, {
      type: 'bar',
      data: { labels: labels.map((text) => wrap(text, lineLength(canvas.current))), datasets },
      options: {
        indexAxis: 'y',
        // Drawn at once: the figures are what matter, and a test or a slow phone sees the finished chart.
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked, min: 0, max, ticks: { callback: (value) => format(Number(value)) } },
          // Every label, however many lines: the chart is only as useful as the names beside its bars.
          y: { stacked, ticks: { autoSkip: false } },
        },
        plugins: {
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` },
          },
        },
      },
    });
    return () => chart.destroy();
    // Drawn again when the figures change, not each time the page renders.
  }, [JSON.stringify({ labels, datasets, stacked, max }), format]);
  return html`<div class="chart-box" style=${{ height: `${height}rem` }}>
    <canvas ref=${canvas} role="img" aria-label=${label} data-testid=${testid}></canvas>
  </div>`;
}
