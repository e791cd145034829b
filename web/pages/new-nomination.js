import { useState } from 'preact/hooks';
import { useLocation } from 'wouter-preact';
import { api, newKey, withQuery } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { vi } from '/messages/vi.js';

const words = vi.newNomination;
/** The papers every dossier has; the officer unticks what is missing. */
const USUAL_DOCUMENTS = ['coverLetter', 'minutes', 'achievementReport', 'nomineeList'];

/** One labelled input of the form's grid; `attributes` as the input takes them (type, min). */
const field = (id, label, value, set, attributes = {}) =>
  html`<div>
    <label for=${id}>${label}</label
    ><input id=${id} ...${attributes} value=${value} onInput=${(e) => set(e.target.value)} />
  </div>`;

/** The base officer's form: a member of the unit, an award form and the dossier; saved as a draft or submitted. */
export function NewNomination({ officer, forms }) {
  const [, navigate] = useLocation();
  const { data: members, error: membersError } = useApi(
    withQuery('/api/members', { unitId: officer.unitId }),
  );
  const [memberId, setMemberId] = useState('');
  const [formCode, setFormCode] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const [documents, setDocuments] = useState(new Set(USUAL_DOCUMENTS));
  const [present, setPresent] = useState(9);
  const [inFavour, setInFavour] = useState(9);
  const [achievement, setAchievement] = useState('');
  const [theme, setTheme] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per content: sending the same form again after a lost answer (a timeout, a server restart)
  // finds the nomination already created instead of making a second; a changed form is a new request with a new key.
  const [attempt] = useState(() => ({ body: '', key: '' }));
  const toggleDoc = (k) => {
    const next = new Set(documents);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setDocuments(next);
  };
  async function create(andSubmit) {
    setBusy(true);
    setError(null);
    try {
      const body = {
        nominee: { memberId },
        awardFormCode: formCode,
        year: Number(year),
        dossier: {
          documents: [...documents],
          councilVote: { present: Number(present), inFavour: Number(inFavour) },
          achievement,
          theme: theme.trim() === '' ? null : theme.trim(),
          initiative: null,
        },
      };
      const json = JSON.stringify(body);
      if (json !== attempt.body) Object.assign(attempt, { body: json, key: newKey() });
      const created = await api('POST', '/api/nominations', body, { 'idempotency-key': attempt.key });
      if (andSubmit)
        await api(
          'POST',
          `/api/nominations/${created.id}/submit`,
          {},
          { 'if-match': `"${created.version}"` },
        );
      navigate(`/nominations/${created.id}`);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  const ready = memberId !== '' && formCode !== '' && achievement.trim() !== '';
  return html`<section>
    <h2>${words.title}</h2>
    <div class="card">
      <label for="member">${words.member}</label>
      <select id="member" value=${memberId} onChange=${(e) => setMemberId(e.target.value)}>
        <option value="">${words.chooseMember}</option>
        ${(members?.items ?? []).map((m) => html`<option value=${m.id}>${m.fullName} — ${m.position}</option>`)}
      </select>
      <label for="form">${words.form}</label>
      <select id="form" value=${formCode} onChange=${(e) => setFormCode(e.target.value)}>
        <option value="">${vi.page.choose}</option>
        ${forms.filter((f) => f.subject !== 'collective').map((f) => html`<option value=${f.code}>${f.name}</option>`)}
      </select>
      <div class="grid2">
        ${field('year', words.year, year, setYear, { type: 'number' })}
        ${field('theme', words.theme, theme, setTheme)}
        ${field('present', words.present, present, setPresent, { type: 'number', min: 1 })}
        ${field('inFavour', words.inFavour, inFavour, setInFavour, { type: 'number', min: 0 })}
      </div>
      <label>${words.documents}</label>
      ${Object.entries(vi.documents).map(
        ([k, v]) =>
          html`<div>
            <input
              type="checkbox"
              id=${`doc-${k}`}
              checked=${documents.has(k)}
              onChange=${() => toggleDoc(k)}
            />
            <label for=${`doc-${k}`} class="inline">${v}</label>
          </div>`,
      )}
      <label for="achievement">${words.achievement}</label>
      <textarea
        id="achievement"
        value=${achievement}
        onInput=${(e) => setAchievement(e.target.value)}
      ></textarea>
      <${ErrorBox} error=${error ?? membersError} />
      <div class="actions">
        <button class="secondary" disabled=${!ready || busy} onClick=${() => create(false)}>
          ${words.saveDraft}
        </button>
        <button disabled=${!ready || busy} data-testid="create-submit" onClick=${() => create(true)}>
          ${words.saveAndSubmit}
        </button>
      </div>
    </div>
  </section>`;
}
