import { useState } from 'preact/hooks';
import { useLocation } from 'wouter-preact';
import { api } from '../api.js';
import { DecisionDefaults } from '../components/decision-defaults.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { decisionHref } from '../routes.js';
import { vi } from '/messages/vi.js';
import { formatDate, formatNumber } from '/messages/format.js';

const words = vi.decisions;

/** Whether the officer prepares their unit's decisions, as the API's rules say (`may` on /api/me). */
export const preparesDecisions = (officer) => officer.may?.prepareDecisions === true;

/** The decisions of the officer's unit and those below it, and, for a preparer, a new draft. */
export function DecisionList({ officer }) {
  const { data, error } = useApi('/api/decisions');
  const [creating, setCreating] = useState(null);
  const [, navigate] = useLocation();
  async function prepare(kind) {
    setCreating('');
    const year = new Date().getFullYear();
    const title = kind === 'revocation' ? words.revocationTitle : words.defaultTitle(year);
    try {
      const draft = await api('POST', '/api/decisions', { kind, year, title });
      navigate(`/decisions/${draft.id}`);
    } catch (err) {
      setCreating(err.message);
    }
  }
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<${Loading} />`;
  return html`<section>
    <h2>${words.title}</h2>
    ${
      preparesDecisions(officer) &&
      html`<div class="actions">
        <button data-testid="prepare-decision" disabled=${creating === ''} onClick=${() => prepare('award')}>
          ${words.prepare}
        </button>
        <button
          class="secondary"
          data-testid="prepare-revocation"
          disabled=${creating === ''}
          onClick=${() => prepare('revocation')}
        >
          ${words.prepareRevocation}
        </button>
      </div>`
    }
    <${ErrorBox} error=${creating} />
    ${preparesDecisions(officer) && html`<${DecisionDefaults} />`}
    ${data.items.length === 0 && html`<p class="muted">${words.none}</p>`}
    ${data.items.map(
      (d) =>
        html`<a class="card item" href=${decisionHref(d.id)} data-testid="decision-item">
          <b>${d.title}</b>
          <div class="muted">
            ${[
              d.kind === 'revocation' && words.kinds.revocation,
              words.status[d.status],
              d.number !== null && words.numbered(d.number, formatDate(d.issuedAt)),
              d.issuingUnitName,
              words.counts(formatNumber(d.collectives), formatNumber(d.individuals)),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </a>`,
    )}
  </section>`;
}
