import { ActionPanel } from '../components/action-panel.js';
import { Attachments } from '../components/attachments.js';
import { Deadline } from '../components/deadline.js';
import { HonourRollConsent } from '../components/honour-roll-consent.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { quotaText } from '../components/quota-finding.js';
import { StageBadge } from '../components/stage-badge.js';
import { useApi } from '../hooks.js';
import { html } from '../html.js';
import { vi } from '/messages/vi.js';
import { decisionHref } from '../routes.js';
import { formatDate, formatDateTime } from '/messages/format.js';

const words = vi.nomination;

/** One nomination: where it stands, the officer's actions, its dossier and files, and its history. */
export function NominationPage({ id, forms, units }) {
  const { data: n, error, reload } = useApi(`/api/nominations/${id}`);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (n === null) return html`<${Loading} />`;
  const unitName = (uid) => units.get(uid)?.name ?? uid;
  const form = forms.find((f) => f.code === n.awardFormCode);
  const d = n.dossier ?? {};
  const memberId = n.events.find((e) => e.type === 'NominationCreated')?.data?.nominee?.memberId;
  return html`<section>
    <h2 data-testid="nominee">${n.nomineeName}</h2>
    <div class="row">
      <${StageBadge} n=${n} />
      <span>${vi.page.formAndYear(form?.name ?? n.awardFormCode, n.year)}</span>
      ${n.decisionNumber && html`<${DecisionLine} n=${n} unitName=${unitName} />`}
      <${RevocationLine} n=${n} unitName=${unitName} />
      <${Deadline} iso=${n.deadlineAt} />
    </div>
    <ol class="route" aria-label=${words.route}>
      ${n.route.map((s) => html`<li class=${s.unitId === n.holdingUnitId ? 'here' : ''}>${unitName(s.unitId)}</li>`)}
    </ol>
    <${ActionPanel} n=${n} forms=${forms} onDone=${reload} />
    ${n.status === 'approved' && memberId && html`<${HonourRollConsent} memberId=${memberId} />`}
    <div class="grid2">
      <div class="card">
        <h3>${words.dossier}</h3>
        <p>${d.achievement}</p>
        <p class="muted">${words.vote(d.councilVote?.inFavour, d.councilVote?.present)}</p>
        <p class="muted">
          ${words.documents((d.documents ?? []).map((k) => vi.documents[k] ?? k).join(', '))}
        </p>
        ${d.theme && html`<p class="muted">${words.theme(d.theme)}</p>`}
      </div>
      <${Attachments} n=${n} />
    </div>
    <div class="card">
      <h3>${words.history}</h3>
      <ol class="timeline" data-testid="timeline">
        ${n.events.map((e) => html`<${HistoryEvent} e=${e} unitName=${unitName} />`)}
      </ol>
    </div>
  </section>`;
}

/**
 * The decision that approved it, named as the union names one: number, issuer and date; a link to the decision when it
 * was issued as one (with the rest of its annex).
 */
function DecisionLine({ n, unitName }) {
  const text = vi.decisionRef({
    number: n.decisionNumber,
    issuer: unitName(n.decidingUnitId),
    date: formatDate(n.decidedAt),
  });
  const decisionId = n.events.find((e) => e.type === 'NominationApproved')?.data?.decisionId;
  return decisionId
    ? html`<a href=${decisionHref(decisionId)} data-testid="decision"><strong>${text}</strong></a>`
    : html`<strong data-testid="decision">${text}</strong>`;
}

/** A revoked award names the revocation decision (quyết định thu hồi) that revoked it, and links to it. */
function RevocationLine({ n, unitName }) {
  const revoked = n.events.find((e) => e.type === 'AwardRevoked');
  if (!revoked?.data?.revocationNumber) return null;
  const text = words.revokedBy(
    revoked.data.revocationNumber,
    unitName(revoked.data.by),
    formatDate(revoked.occurredAt),
  );
  return html`<p>
    <a href=${decisionHref(revoked.data.revocationDecisionId)} data-testid="revocation"
      ><strong>${text}</strong></a
    >
  </p>`;
}

/** One event of the nomination's stream: who did what and when, with what it carried and its place in the chain. */
function HistoryEvent({ e, unitName }) {
  const role = vi.roles[e.actor.role] ?? e.actor.role;
  return html`<li>
    <strong>${vi.events[e.type] ?? e.type}</strong>
    <span class="muted">
      — ${words.actor(formatDateTime(e.occurredAt), e.actor.id, role, unitName(e.actor.unitId))}</span
    >
    ${e.comment && html`<div>${words.comment(e.comment)}</div>`}
    ${
      e.data?.revocationNumber
        ? html`<div>
            ${vi.revocationRef({
              number: e.data.revocationNumber,
              issuer: unitName(e.data.by),
              date: formatDate(e.occurredAt),
            })}
          </div>`
        : e.type === 'NominationApproved' &&
          html`<div>
            ${vi.decisionRef({ number: e.data.decisionNumber, issuer: unitName(e.data.by), date: formatDate(e.occurredAt) })}
          </div>`
    }
    ${e.data?.quota?.findings?.length > 0 && html`<div class="muted">${e.data.quota.findings.map(quotaText).join('; ')}</div>`}
    ${
      e.data?.dossier?.councilVote &&
      html`<div class="muted">
        ${words.eventVote(e.data.dossier.councilVote.inFavour, e.data.dossier.councilVote.present)}
      </div>`
    }
    ${
      e.data?.review?.checks &&
      html`<div class="muted">${words.review(e.data.review.passed, e.data.review.checks.length)}</div>`
    }
    <div class="hash">${words.hash(e.position, e.hash, e.prevHash.slice(0, 16))}</div>
  </li>`;
}
