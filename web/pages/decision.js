import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { lines, signerOf } from '../components/decision-defaults.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { nominationHref } from '../routes.js';
import { preparesDecisions } from './decisions.js';
import { vi } from '/messages/vi.js';
import { formatDate, formatDateTime, formatFileSize, formatNumber, formatVnd } from '/messages/format.js';

const words = vi.decisions;

/** The scan of the signed and stamped paper: attached once by the issuing unit, kept with its SHA-256. */
function SignedScan({ decision, mine, onAttached }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const scan = decision.signedScan;
  async function attach(event) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api('POST', `/api/decisions/${decision.id}/signed-scan`, new FormData(event.currentTarget));
      onAttached();
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="card" data-testid="signed-scan">
    <h3>${words.scan.title}</h3>
    ${
      scan
        ? html`<p>
              <a href=${`/api/decisions/${decision.id}/signed-scan`} download>${scan.filename}</a>
              <span class="muted">
                · ${formatFileSize(scan.sizeBytes)} · ${formatDateTime(scan.uploadedAt)}</span
              >
            </p>
            <p class="muted">${words.scan.sha256}</p>
            <code class="hash" data-testid="scan-sha256">${scan.sha256}</code>`
        : mine
          ? html`<form onSubmit=${attach}>
              <label for="signed-scan-file">${words.scan.choose}</label>
              <input
                id="signed-scan-file"
                type="file"
                name="file"
                accept="application/pdf,image/jpeg,image/png"
                required
              />
              <button type="submit" disabled=${busy}>${words.scan.attach}</button>
            </form>`
          : html`<p class="muted">${words.scan.none}</p>`
    }
    <${ErrorBox} error=${error} />
  </div>`;
}

/** Where this office's printer puts a blank certificate, as an officer last set it (millimetres). */
const OFFSETS_KEY = 'certificate-blank-offsets';
const savedOffsets = () => {
  try {
    const saved = JSON.parse(localStorage.getItem(OFFSETS_KEY) ?? 'null');
    return { x: Number(saved?.x) || 0, y: Number(saved?.y) || 0 };
  } catch {
    return { x: 0, y: 0 };
  }
};

/** The certificates of an issued decision: the whole design on plain paper, or the fields onto pre-printed blanks. */
function CertificatesPanel({ decision, count }) {
  const [mode, setMode] = useState('full');
  const [offsets, setOffsets] = useState(savedOffsets);
  const c = words.certificates;
  const setOffset = (axis) => (e) => {
    const value = Math.max(-30, Math.min(30, Number(e.target.value) || 0));
    const next = { ...offsets, [axis]: value };
    setOffsets(next);
    localStorage.setItem(OFFSETS_KEY, JSON.stringify(next));
  };
  const offsetInput = (axis) =>
    html`<div>
      <label for=${`offset-${axis}`}>${axis === 'x' ? c.offsetX : c.offsetY}</label>
      <input
        id=${`offset-${axis}`}
        type="number"
        step="0.5"
        min="-30"
        max="30"
        value=${offsets[axis]}
        onInput=${setOffset(axis)}
      />
    </div>`;
  const query = mode === 'full' ? 'mode=full' : `mode=blank&offsetX=${offsets.x}&offsetY=${offsets.y}`;
  return html`<div class="card" data-testid="certificates">
    <h3>${c.title}</h3>
    <label class="choice"
      ><input
        type="radio"
        name="certificate-mode"
        checked=${mode === 'full'}
        onChange=${() => setMode('full')}
      />
      ${c.full}</label
    >
    <label class="choice"
      ><input
        type="radio"
        name="certificate-mode"
        checked=${mode === 'blank'}
        onChange=${() => setMode('blank')}
      />
      ${c.blank}</label
    >
    ${
      mode === 'blank' &&
      html`<div class="grid2">${['x', 'y'].map(offsetInput)}</div>
        <p class="muted">${c.offsetHint}</p>`
    }
    <p>
      <a
        href=${`/api/decisions/${decision.id}/certificates.pdf?${query}`}
        data-testid="certificates-pdf"
        download
        >${c.download(formatNumber(count))}</a
      >
    </p>
  </div>`;
}

/** The draft's text as officers write it: the title, the occasion, the bases and recipients a line each, the signer. */
function DecisionText({ decision, editable, onSaved }) {
  const [text, setText] = useState(null);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setText({
      title: decision.title,
      occasion: decision.occasion ?? '',
      bases: decision.bases.join('\n'),
      recipients: decision.recipients.join('\n'),
      signerName: decision.signer.name ?? '',
      signerTitle: decision.signer.title ?? '',
      signerCapacity: decision.signer.capacity ?? '',
      reason: decision.reason ?? '',
    });
  }, [decision.id]);
  if (text === null) return null;
  const set = (name) => (e) => setText({ ...text, [name]: e.target.value });
  async function save() {
    setError(null);
    setMessage(null);
    try {
      await api('PATCH', `/api/decisions/${decision.id}`, {
        title: text.title,
        occasion: text.occasion.trim() === '' ? null : text.occasion,
        bases: lines(text.bases),
        recipients: lines(text.recipients),
        signer: signerOf(text),
        ...(decision.kind === 'revocation' ? { reason: text.reason.trim() || null } : {}),
      });
      setMessage(words.saved);
      onSaved();
    } catch (err) {
      setError(err.message);
    }
  }
  const field = (name, area = false) =>
    html`<label for=${`decision-${name}`}>${words.fields[name]}</label> ${
        area
          ? html`<textarea
              id=${`decision-${name}`}
              value=${text[name]}
              disabled=${!editable}
              onInput=${set(name)}
            ></textarea>`
          : html`<input
              id=${`decision-${name}`}
              value=${text[name]}
              disabled=${!editable}
              onInput=${set(name)}
            />`
      }`;
  return html`<div class="card">
    ${field('title')} ${decision.kind === 'revocation' ? field('reason', true) : field('occasion')}
    ${field('bases', true)} ${field('recipients', true)}
    <div class="grid2">${field('signerCapacity')} ${field('signerTitle')}</div>
    ${field('signerName')}
    <${ErrorBox} error=${error} />
    ${message && html`<p class="notice" role="status" data-testid="notice">${message}</p>`}
    ${
      editable &&
      html`<div class="actions">
        <button data-testid="save-decision" disabled=${text.title.trim() === ''} onClick=${save}>
          ${words.save}
        </button>
      </div>`
    }
  </div>`;
}

/** Nominations waiting for the unit's decision, to tick and put in the draft's annex. */
function Awaiting({ decision, onAdded }) {
  // A revocation lists the unit's awards that stand, of any year; an award decision what waits, of its year.
  const revocation = decision.kind === 'revocation';
  const { data, error, reload } = useApi(
    revocation ? '/api/decisions/awaiting?kind=revocation' : `/api/decisions/awaiting?year=${decision.year}`,
  );
  const [chosen, setChosen] = useState(new Set());
  const [failure, setFailure] = useState(null);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<${Loading} />`;
  const toggle = (id) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  async function add() {
    setFailure(null);
    try {
      await api('POST', `/api/decisions/${decision.id}/annex`, { nominationIds: [...chosen] });
      setChosen(new Set());
      reload();
      onAdded();
    } catch (err) {
      setFailure(err.message);
    }
  }
  return html`<div class="card" data-testid="awaiting">
    <h3>${revocation ? words.revocable : words.awaiting}</h3>
    ${data.items.length === 0 && html`<p class="muted">${revocation ? words.noneRevocable : words.noneAwaiting}</p>`}
    ${data.items.map(
      (n) =>
        html`<label class="choice" for=${`await-${n.nominationId}`}>
          <input
            type="checkbox"
            id=${`await-${n.nominationId}`}
            checked=${chosen.has(n.nominationId)}
            onChange=${() => toggle(n.nominationId)}
          />
          <span>
            <b>${n.nomineeName}</b> · ${n.formName}
            <span class="muted"> · ${words.submittedBy(n.submittingUnitName)}</span>
            ${
              n.decisionNumber &&
              html`<span class="muted"> · ${words.numbered(n.decisionNumber, formatDate(n.decidedAt))}</span>`
            }
          </span>
        </label>`,
    )}
    <${ErrorBox} error=${failure} />
    ${
      data.items.length > 0 &&
      html`<div class="actions">
        <button data-testid="add-to-annex" disabled=${chosen.size === 0} onClick=${add}>
          ${words.add(chosen.size)}
        </button>
      </div>`
    }
  </div>`;
}

/** The signer's last step: issue the draft, or see which nominations keep it from being issued. */
function IssuePanel({ decision, onIssued }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [refused, setRefused] = useState([]);
  const count = decision.annex.reduce((n, g) => n + g.entries.length, 0);
  const nameOf = (id) =>
    decision.annex.flatMap((g) => g.entries).find((e) => e.nominationId === id)?.nomineeName ?? id;
  async function issue() {
    const question = decision.kind === 'revocation' ? words.confirmRevoke(count) : words.confirmIssue(count);
    if (!window.confirm(question)) return;
    setBusy(true);
    setError(null);
    setRefused([]);
    try {
      const issued = await api('POST', `/api/decisions/${decision.id}/issue`);
      onIssued(issued.number);
    } catch (err) {
      setError(err.message);
      setRefused(err.problem?.refusals ?? []);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="card" data-testid="issue">
    <${ErrorBox} error=${error} />
    ${
      refused.length > 0 &&
      html`<p>${words.refusedTitle}</p>
        <ul data-testid="refusals">
          ${refused.map(
            (r) =>
              html`<li>
                <b>${nameOf(r.nominationId)}</b>:
                ${r.code === 'NominationClosed' ? words.closedNomination : (vi.refusals[r.code] ?? vi.apiClient.notDone)}
              </li>`,
          )}
        </ul>`
    }
    <div class="actions">
      <button data-testid="issue-decision" disabled=${busy || count === 0} onClick=${issue}>
        ${words.issue}
      </button>
    </div>
  </div>`;
}

/** One decision: its text, its annex grouped by form, and for a draft of the officer's unit what can go into it. */
export function DecisionPage({ id, officer }) {
  const { data: d, error, reload } = useApi(`/api/decisions/${id}`);
  const [failure, setFailure] = useState(null);
  const [round, setRound] = useState(0);
  // Kept here, not in the panel: once issued the panel is gone, and the officer must still read what happened.
  const [issuedAs, setIssuedAs] = useState(null);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (d === null) return html`<${Loading} />`;
  const editable = d.status === 'draft' && d.issuingUnitId === officer.unitId && preparesDecisions(officer);
  // The unit's deciders sign; its officers prepare (as the API's rules say: `may` on /api/me).
  const signs = officer.may?.issueDecisions === true;
  const changed = () => {
    reload();
    setRound(round + 1);
  };
  async function remove(nominationId) {
    setFailure(null);
    try {
      await api('DELETE', `/api/decisions/${d.id}/annex/${encodeURIComponent(nominationId)}`);
      changed();
    } catch (err) {
      setFailure(err.message);
    }
  }
  const entries = d.annex.reduce((n, g) => n + g.entries.length, 0);
  return html`<section>
    <h2>${d.title}</h2>
    <p class="muted" data-testid="decision-status">
      ${[
        words.kinds[d.kind],
        words.status[d.status],
        d.issuingUnitName,
        d.number !== null && words.numbered(d.number, formatDate(d.issuedAt)),
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
    <p class="actions">
      <a href=${`/api/decisions/${d.id}/decision.pdf`} data-testid="decision-pdf" download>${words.print}</a>
      <a href=${`/api/decisions/${d.id}/decision.docx`} data-testid="decision-docx" download
        >${words.printDocx}</a
      >
    </p>
    ${d.status === 'issued' && html`<${SignedScan} decision=${d} mine=${d.issuingUnitId === officer.unitId} onAttached=${reload} />`}
    ${d.status === 'issued' && d.kind === 'award' && html`<${CertificatesPanel} decision=${d} count=${entries} />`}
    <${DecisionText} decision=${d} editable=${editable} onSaved=${reload} />
    <div class="card" data-testid="annex">
      <h3>${words.annex} (${words.counts(formatNumber(d.collectives), formatNumber(d.individuals))})</h3>
      ${entries === 0 && html`<p class="muted">${words.emptyAnnex}</p>`}
      ${
        d.kind === 'award' &&
        d.bonusTotalVnd > 0 &&
        html`<p data-testid="bonus-total">${words.bonusTotal(formatVnd(d.bonusTotalVnd))}</p>`
      }
      ${d.annex.map(
        (g) =>
          html`<h4>${g.formName}</h4>
            <ol>
              ${g.entries.map(
                (e) =>
                  html`<li data-testid="annex-entry">
                    <a href=${nominationHref(e.nominationId)}>${e.nomineeName}</a>
                    <span class="muted"> · ${e.submittingUnitName}</span>
                    ${e.bonusVnd !== null && html`<span class="muted"> · ${formatVnd(e.bonusVnd)}</span>`}
                    ${
                      editable &&
                      html` <button
                        class="link"
                        data-remove=${e.nominationId}
                        onClick=${() => remove(e.nominationId)}
                      >
                        ${words.remove}
                      </button>`
                    }
                  </li>`,
              )}
            </ol>`,
      )}
      <${ErrorBox} error=${failure} />
    </div>
    ${issuedAs !== null && html`<p class="notice" role="status" data-testid="issued">${words.issued(issuedAs)}</p>`}
    ${
      editable &&
      signs &&
      html`<${IssuePanel}
        decision=${d}
        onIssued=${(number) => {
          setIssuedAs(number);
          changed();
        }}
      />`
    }
    ${editable && html`<${Awaiting} key=${round} decision=${d} onAdded=${changed} />`}
  </section>`;
}
