import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { ErrorBox } from './error-box.js';
import { vi } from '/messages/vi.js';

const words = vi.finalReview;
const blank = () => ({
  memberId: '',
  awardFormCode: 'BK-LDLD-TINH',
  achievement: '',
  councilPresent: 9,
  councilInFavour: 9,
});

/** The final review's nominations entered as a list; a refused list shows each wrong row and keeps what was typed. */
export function FinalReviewNominations({ movement, onDone }) {
  const [rows, setRows] = useState([blank()]);
  const [problems, setProblems] = useState([]);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (i, field, value) => setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const url = `/api/movements/${movement.id}/nominations`;
  async function send(request) {
    setBusy(true);
    setError(null);
    setProblems([]);
    setNotice(null);
    try {
      const answer = await request();
      setNotice(words.created(answer.created.length));
      onDone();
    } catch (err) {
      setError(err.message);
      setProblems(err.problem?.rows ?? []);
    } finally {
      setBusy(false);
    }
  }
  const submitList = () =>
    send(() =>
      api('POST', url, {
        rows: rows.map((r) => ({
          ...r,
          councilPresent: Number(r.councilPresent),
          councilInFavour: Number(r.councilInFavour),
        })),
      }),
    );
  function upload(e) {
    const file = e.target.files[0];
    if (!file) return;
    const body = new FormData();
    body.append('file', file);
    e.target.value = '';
    void send(() => api('POST', `${url}/import`, body));
  }
  const cell = (r, i, field, label, type) =>
    html`<td>
      <input
        type=${type}
        aria-label=${label ? words.cell(label, i + 1) : undefined}
        value=${r[field]}
        onInput=${(e) => set(i, field, e.target.value)}
      />
    </td>`;
  return html`<div class="card" data-testid="final-nominations">
    <h3>${words.title}</h3>
    <p class="muted">${words.allOrNothing}</p>
    <table>
      <tr>
        <th>#</th>
        <th>${words.memberId}</th>
        <th>${words.form}</th>
        <th>${words.achievement}</th>
        <th>${words.present}</th>
        <th>${words.inFavour}</th>
      </tr>
      ${rows.map(
        (r, i) =>
          html`<tr>
            <td>${i + 1}</td>
            ${cell(r, i, 'memberId', words.memberId)} ${cell(r, i, 'awardFormCode', words.form)}
            ${cell(r, i, 'achievement', words.achievement)} ${cell(r, i, 'councilPresent', null, 'number')}
            ${cell(r, i, 'councilInFavour', null, 'number')}
          </tr>`,
      )}
    </table>
    <div class="actions">
      <button class="secondary" onClick=${() => setRows([...rows, blank()])}>${words.addRow}</button>
      <button disabled=${busy} onClick=${submitList}>${words.create}</button>
    </div>
    <p>
      ${words.orUpload}
      <a href=${`${url}/template.xlsx`}>${words.template}</a>:
      <input type="file" accept=".xlsx" aria-label=${words.file} onChange=${upload} />
    </p>
    <${ErrorBox} error=${error} />
    ${
      problems.length > 0 &&
      html`<table data-testid="row-problems" class="problems">
        <tr>
          <th>${words.row}</th>
          <th>${words.problem}</th>
        </tr>
        ${problems.map(
          (p) =>
            html`<tr>
              <td>${p.row}</td>
              <td>${vi.rowProblems[p.code] ?? p.problem}</td>
            </tr>`,
        )}
      </table>`
    }
    ${notice && html`<p class="notice" data-testid="import-notice">${notice}</p>`}
  </div>`;
}
