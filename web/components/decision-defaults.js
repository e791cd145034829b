// What the unit's new drafts start with: its legal bases, recipients and signer (each draft is still edited on its own).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { ErrorBox } from './error-box.js';
import { vi } from '/messages/vi.js';

const words = vi.decisions;
/** A textarea's text as the API takes it: a line each, blank lines dropped. */
export const lines = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The signer's three fields as the API takes them: each trimmed, an empty one left blank (null). */
export const signerOf = (text) => ({
  name: text.signerName.trim() || null,
  title: text.signerTitle.trim() || null,
  capacity: text.signerCapacity.trim() || null,
});

export function DecisionDefaults() {
  const [text, setText] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api('GET', '/api/decision-defaults').then(
      ({ items }) => {
        const own = items.find((d) => d.formCode === null);
        setText({
          bases: (own?.bases ?? []).join('\n'),
          recipients: (own?.recipients ?? []).join('\n'),
          signerName: own?.signer.name ?? '',
          signerTitle: own?.signer.title ?? '',
          signerCapacity: own?.signer.capacity ?? '',
        });
      },
      (err) => setError(err.message),
    );
  }, []);
  if (text === null) return html`<${ErrorBox} error=${error} />`;
  const set = (name) => (e) => {
    setSaved(false);
    setText({ ...text, [name]: e.currentTarget.value });
  };
  async function save() {
    setError(null);
    try {
      await api('PUT', '/api/decision-defaults', {
        formCode: null,
        bases: lines(text.bases),
        recipients: lines(text.recipients),
        signer: signerOf(text),
      });
      setSaved(true);
    } catch (err) {
      setError(err.message);
    }
  }
  const field = (name, area = false) =>
    html`<label for=${`defaults-${name}`}>${words.fields[name]}</label> ${
        area
          ? html`<textarea id=${`defaults-${name}`} value=${text[name]} onInput=${set(name)}></textarea>`
          : html`<input id=${`defaults-${name}`} value=${text[name]} onInput=${set(name)} />`
      }`;
  return html`<details class="card" data-testid="decision-defaults">
    <summary>${words.defaults.title}</summary>
    <p class="muted">${words.defaults.hint}</p>
    ${field('bases', true)} ${field('recipients', true)}
    <div class="grid2">${field('signerCapacity')} ${field('signerTitle')}</div>
    ${field('signerName')}
    <${ErrorBox} error=${error} />
    ${saved && html`<p class="notice" role="status">${words.defaults.saved}</p>`}
    <div class="actions">
      <button onClick=${save} data-testid="save-defaults">${words.defaults.save}</button>
    </div>
  </details>`;
}
