// Is this paper genuine and still valid? The answer for a printed code, in the words a reader of the paper expects.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { formatDate, formatNumber } from '/messages/format.js';
import { vi } from '/messages/vi.js';

const words = vi.publicPage.verify;

/** The check of one code, and a box to type another (the code printed beside the QR code). */
export function VerifyPaper({ code }) {
  const [answer, setAnswer] = useState(undefined);
  const [typed, setTyped] = useState(code);
  useEffect(() => {
    if (code === '') return setAnswer(null);
    setAnswer(undefined);
    api('GET', `/api/public/verifications/${encodeURIComponent(code)}`).then(
      (verification) => setAnswer({ verification }),
      (error) => setAnswer({ error }),
    );
  }, [code]);
  function check(event) {
    event.preventDefault();
    const next = typed.trim();
    if (next !== '') window.location.assign(`/xac-minh/${encodeURIComponent(next)}`);
  }
  return html`<section class="verify">
    ${answer === undefined && html`<p class="loading">${words.checking}</p>`}
    ${answer?.verification && html`<${Verdict} v=${answer.verification} />`}
    ${
      answer?.error &&
      html`<div class="verdict bad" role="alert" data-testid="verdict">
        <h2>${answer.error.problem?.status === 404 ? words.notFound : answer.error.message}</h2>
        ${answer.error.problem?.status === 404 && html`<p>${words.notFoundHint}</p>`}
      </div>`
    }
    <form onSubmit=${check} class="code-form">
      <label>
        ${words.codeLabel}
        <input value=${typed} onInput=${(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
      </label>
      <button type="submit">${words.check}</button>
    </form>
  </section>`;
}

function Verdict({ v }) {
  const d = v.decision;
  const revoked = v.award?.status === 'revoked';
  const decisionLine = vi.decisionRef({
    number: d.number,
    issuer: d.issuerName,
    date: formatDate(d.issuedAt),
  });
  return html`<div class=${`verdict ${revoked ? 'bad' : 'good'}`} data-testid="verdict">
    <h2>${revoked ? words.revoked : v.paper === 'award' ? words.genuineAward : words.genuineDecision}</h2>
    ${
      v.award &&
      html`<dl>
        <dt>${words.awardee}</dt>
        <dd data-testid="awardee">${v.award.nomineeName}</dd>
        <dt>${words.unit}</dt>
        <dd>${v.award.unitName}</dd>
        <dt>${words.form}</dt>
        <dd>${v.award.formName} (${v.award.year})</dd>
        <dt>${words.decision}</dt>
        <dd>${decisionLine}</dd>
      </dl>`
    }
    ${
      v.listed &&
      html`<dl>
        <dt>${words.decision}</dt>
        <dd>${decisionLine}</dd>
        <dt>${words.title}</dt>
        <dd>${d.title}</dd>
        ${
          d.kind === 'award' &&
          html`<dt>${words.listed}</dt>
            <dd>
              ${words.listedCount({ collectives: formatNumber(v.listed.collectives), individuals: formatNumber(v.listed.individuals) })}
              ${v.listed.revoked > 0 && html` · ${words.listedRevoked(formatNumber(v.listed.revoked))}`}
            </dd>`
        }
      </dl>`
    }
    ${
      revoked &&
      html`<p class="revocation" data-testid="revocation">
        ${words.revokedLine({
          date: formatDate(v.award.revoked.at),
          decision: v.award.revoked.decision
            ? vi.decisionRef({
                number: v.award.revoked.decision.number,
                issuer: v.award.revoked.decision.issuerName,
                date: formatDate(v.award.revoked.decision.issuedAt),
              })
            : null,
        })}
        ${v.award.revoked.reason && html`<br />${words.reason(v.award.revoked.reason)}`}
      </p>`
    }
    ${
      v.award &&
      html`<details>
        <summary>${words.forAuditors}</summary>
        <p>${words.chainHash}</p>
        <code class="hash">${v.award.chainHash}</code>
      </details>`
    }
  </div>`;
}
