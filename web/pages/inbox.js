import { useState } from 'preact/hooks';
import { api, vietnamese } from '../api.js';
import { Deadline } from '../components/deadline.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { quotaText } from '../components/quota-finding.js';
import { StageBadge } from '../components/stage-badge.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { nominationHref } from '../routes.js';
import { vi } from '/messages/vi.js';

const words = vi.inbox;
/** How many nominations one bulk request carries: a few at a time, so the bar moves as the results come back. */
const CHUNK = 5;

/** The nominations waiting for the officer's unit, with a bulk endorsement (or approval) of the ones ticked. */
export function Inbox({ officer }) {
  const { data, error, reload } = useApi('/api/inbox');
  const [selected, setSelected] = useState(new Set());
  const [progress, setProgress] = useState(null);
  const toggle = (id) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const bulkAction =
    officer.role === 'board_member' || officer.role === 'district_head' ? 'approve' : 'endorse';
  async function runBulk(action) {
    const ids = [...selected];
    setProgress({ done: 0, total: ids.length, ok: 0, failed: [] });
    let ok = 0;
    const failed = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      try {
        const result = await api('POST', `/api/bulk/${action}`, { items: chunk.map((id) => ({ id })) });
        for (const r of result.results) {
          if (r.ok) ok++;
          else
            failed.push(
              `${data.items.find((n) => n.id === r.id)?.nomineeName ?? r.id}: ${vietnamese(r.problem)}`,
            );
        }
      } catch (err) {
        failed.push(err.message);
      }
      setProgress({
        done: Math.min(i + chunk.length, ids.length),
        total: ids.length,
        ok,
        failed: [...failed],
      });
    }
    setSelected(new Set());
    reload();
  }

  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<${Loading} />`;
  const items = data.items;
  return html`<section>
    <h2>${words.title(officer.unitName)}</h2>
    ${items.length === 0 && html`<p class="muted" data-testid="inbox-empty">${words.empty}</p>`}
    ${
      items.length > 0 &&
      html`<div class="row">
        <span class="muted">${words.selected(selected.size)}</span>
        <button
          data-testid="bulk"
          disabled=${selected.size === 0 || progress?.done < progress?.total}
          onClick=${() => runBulk(bulkAction)}
        >
          ${words.bulk(vi.actions[bulkAction])}
        </button>
      </div>`
    }
    ${
      progress &&
      html`<div data-testid="bulk-progress">
        <div class="progress">
          <div style=${{ width: `${(progress.done / Math.max(progress.total, 1)) * 100}%` }}></div>
        </div>
        <p class="muted">
          ${words.progress(progress.done, progress.total, progress.ok, progress.failed.length)}
        </p>
        ${progress.failed.map((f) => html`<div class="error">${f}</div>`)}
      </div>`
    }
    ${items.map(
      (n) =>
        html`<div class="card" data-testid="inbox-item">
          <div class="row">
            <input
              type="checkbox"
              aria-label=${words.choose}
              checked=${selected.has(n.id)}
              onChange=${() => toggle(n.id)}
            />
            <h3><a href=${nominationHref(n.id)}>${n.nomineeName}</a></h3>
            <${StageBadge} n=${n} />
          </div>
          <div class="row muted">
            <span>${vi.page.formAndYear(n.awardFormCode, n.year)}</span>
            <${Deadline} iso=${n.deadlineAt} />
          </div>
          ${n.quotaEffect?.findings.map(
            (f) => html`<div class=${`quota-${f.outcome}`} data-testid="quota-effect">${quotaText(f)}</div>`,
          )}
        </div>`,
    )}
  </section>`;
}
