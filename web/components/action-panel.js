import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { ErrorBox } from './error-box.js';
import { vi } from '/messages/vi.js';

const words = vi.nominationActions;
/** The actions that undo or refuse: drawn as secondary buttons. */
const BACKWARDS = new Set(['return', 'reject', 'withdraw', 'revoke']);

/** The officer's actions on a nomination, with the comment and, for a downgrade, the lower form. */
export function ActionPanel({ n, forms, onDone }) {
  const [comment, setComment] = useState('');
  const [toForm, setToForm] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(null);
  const here = n.route.find((s) => s.unitId === n.holdingUnitId);
  const level = here?.level === 'sector' ? 'district' : here?.level;
  const downgradeForms = forms.filter((f) => f.decidingLevel === level && f.code !== n.awardFormCode);
  async function act(action) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const body = { comment: comment.trim() === '' ? null : comment.trim() };
      if (action === 'downgrade') body.toFormCode = toForm;
      // If-Match: two officers cannot overwrite each other; the key makes a double click act once.
      await api('POST', `/api/nominations/${n.id}/${action}`, body, {
        'if-match': `"${n.version}"`,
        'idempotency-key': `${n.id}:${n.version}:${action}`,
      });
      setComment('');
      setNotice(words.done(vi.actions[action]));
      onDone();
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  if (n.allowedActions.length === 0) return html`<p class="muted" data-testid="no-actions">${words.none}</p>`;
  const needsComment = n.allowedActions.some((a) => a.needsComment);
  return html`<div class="card" data-testid="actions">
    <h3>${words.title}</h3>
    <label for="comment">${words.comment}${needsComment ? ` ${words.commentRequired}` : ''}</label>
    <textarea
      id="comment"
      data-testid="comment"
      value=${comment}
      onInput=${(e) => setComment(e.target.value)}
    ></textarea>
    ${
      n.allowedActions.some((a) => a.action === 'downgrade') &&
      html`<label for="toForm">${words.toForm}</label>
        <select id="toForm" value=${toForm} onChange=${(e) => setToForm(e.target.value)}>
          <option value="">${vi.page.choose}</option>
          ${downgradeForms.map((f) => html`<option value=${f.code}>${f.name}</option>`)}
        </select>`
    }
    <div class="actions">
      ${n.allowedActions.map(
        (a) =>
          html`<button
            data-action=${a.action}
            class=${BACKWARDS.has(a.action) ? 'secondary' : ''}
            disabled=${busy || (a.needsComment && comment.trim() === '') || (a.action === 'downgrade' && toForm === '')}
            onClick=${() => act(a.action)}
          >
            ${vi.actions[a.action]}
          </button>`,
      )}
    </div>
    <${ErrorBox} error=${error} />
    ${notice && html`<div class="notice" data-testid="notice">${notice}</div>`}
  </div>`;
}
