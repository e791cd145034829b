// A commended member's wish about the public honour roll, as their union records it: listed (the default), or kept off.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { ErrorBox } from './error-box.js';
import { vi } from '/messages/vi.js';

const words = vi.nomination.honourRoll;

export function HonourRollConsent({ memberId }) {
  const [consent, setConsent] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', `/api/members/${encodeURIComponent(memberId)}/honour-roll`).then(setConsent, () =>
      setConsent(null),
    );
  }, [memberId]);
  if (consent === null) return null;
  async function change(listed) {
    setError(null);
    try {
      setConsent(await api('PUT', `/api/members/${encodeURIComponent(memberId)}/honour-roll`, { listed }));
    } catch (err) {
      setError(err.message);
    }
  }
  return html`<div class="card" data-testid="honour-roll-consent">
    <label class="choice">
      <input type="checkbox" checked=${consent.listed} onChange=${(e) => change(e.currentTarget.checked)} />
      ${words.listed}
    </label>
    <p class="muted">${consent.listed ? words.listedHint : words.keptOff}</p>
    <${ErrorBox} error=${error} />
  </div>`;
}
