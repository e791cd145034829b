import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { ErrorBox } from './error-box.js';
import { vi } from '/messages/vi.js';
import { formatFileSize } from '/messages/format.js';

const words = vi.attachments;

/** The files of a nomination's dossier, and the form that adds one. */
export function Attachments({ n }) {
  const url = `/api/nominations/${n.id}/attachments`;
  const { data, error: loadError, reload } = useApi(url);
  const [error, setError] = useState(null);
  const items = data?.items ?? [];
  async function upload(e) {
    e.preventDefault();
    const form = e.target;
    try {
      await api('POST', url, new FormData(form));
      form.reset();
      reload();
    } catch (err) {
      setError(err.message);
    }
  }
  return html`<div class="card">
    <h3>${words.title}</h3>
    ${items.length === 0 && html`<p class="muted">${words.none}</p>`}
    <ul>
      ${items.map(
        (a) =>
          html`<li>
            <a href=${`${url}/${a.id}`}>${a.filename}</a>
            <span class="muted"> — ${vi.documents[a.kind] ?? a.kind}, ${formatFileSize(a.sizeBytes)}</span>
          </li>`,
      )}
    </ul>
    <form onSubmit=${upload} class="row">
      <select name="kind" class="auto">
        ${Object.entries(vi.documents).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
      </select>
      <input type="file" name="file" class="auto" />
      <button class="secondary" type="submit">${words.upload}</button>
    </form>
    <${ErrorBox} error=${error ?? loadError} />
  </div>`;
}
