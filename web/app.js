// The officers' web page: Preact components written with htm (no build step), talking to the same JSON API as
// every other client, with the httpOnly session cookie. Every text is Vietnamese; API refusals are translated from
// their stable codes.
import { html, render, useEffect, useState, useCallback } from '/vendor/htm-preact.js';
import { vi } from '/messages/vi.js';

// ---- Words ----------------------------------------------------------------------------------------------------

const STAGES = vi.stages;
const ACTIONS = vi.actions;
const EVENTS = vi.events;
const ROLES = vi.roles;
const DOCUMENTS = vi.documents;
const CHECKS = vi.checks;
const PROBLEMS = vi.refusals;
const PROBLEM_TYPES = vi.problemTypes;
/** The fields of the forms, by the JSON Pointer the API names in a refusal. */
const FIELDS = vi.fields;
/** Refusals whose detail the API already writes in Vietnamese, with figures (minutes left, the file's real type). */
const VIETNAMESE_DETAIL = new Set(['account-locked', 'too-many-requests', 'file-content-mismatch']);

/** An API refusal in words an officer can act on. */
function vietnamese(problem) {
  if (problem === null || typeof problem !== 'object') return 'Đã có lỗi. Vui lòng thử lại.';
  if (problem.code === 'ReviewFailed' && Array.isArray(problem.failedChecks)) {
    return `Hồ sơ chưa đạt khi thẩm định: ${problem.failedChecks.map((c) => CHECKS[c.check] ?? c.check).join('; ')}.`;
  }
  if (problem.code && PROBLEMS[problem.code]) return PROBLEMS[problem.code];
  const slug = String(problem.type ?? '')
    .split('/')
    .pop();
  if (slug === 'invalid-text' && Array.isArray(problem.errors)) {
    const where = [...new Set(problem.errors.map((e) => FIELDS[e.pointer]).filter(Boolean))];
    if (where.length > 0) return `${PROBLEM_TYPES[slug]} Ở mục: ${where.join(', ')}.`;
  }
  if (slug === 'nomination-closed') {
    const how = STAGES[problem.nominationStatus] ?? problem.nominationStatus;
    return `Hồ sơ đã kết thúc (${how}) nên không thể thao tác thêm. Hãy tải lại trang.`;
  }
  if (PROBLEM_TYPES[slug]) return PROBLEM_TYPES[slug];
  if (VIETNAMESE_DETAIL.has(slug) && typeof problem.detail === 'string') return problem.detail;
  if (problem.status >= 500) return 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.';
  return 'Yêu cầu chưa thực hiện được.';
}

const dateTime = (iso) =>
  iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—';
const date = (iso) =>
  iso ? new Date(iso).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—';
function daysLeft(iso) {
  if (!iso) return null;
  return Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000);
}
const percent = (x) => `${Math.round(x * 100)}%`;

/** What approving does to a quota, in Vietnamese: "Nếu phê duyệt: tỷ lệ … 17% (tối thiểu 15%)". */
function quotaText(f) {
  if (f.kind === 'maxCount') return `${f.description}: sau phê duyệt là ${f.after.total}/${f.limit}`;
  const verb = f.kind === 'minShare' ? 'tối thiểu' : 'tối đa';
  return `Nếu phê duyệt: tỷ lệ ${percent(f.shareAfter ?? 0)} (${verb} ${percent(f.limit)}) — ${f.description}`;
}

// ---- API ------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(problem) {
    super(vietnamese(problem));
    this.problem = problem;
  }
}

async function api(method, url, body, headers = {}) {
  const options = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) {
    options.headers['content-type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    // No answer at all (the network, or the server restarting): said as such, not as the browser's English words.
    throw new ApiError({ type: 'network', status: 0 });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(data ?? { status: response.status });
  return data;
}

/** A random request key; getRandomValues, unlike randomUUID, works on a page served over plain HTTP too. */
function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- Small pieces ---------------------------------------------------------------------------------------------

function ErrorBox({ error }) {
  return error ? html`<div class="error" role="alert" data-testid="error">${error}</div>` : null;
}

function StageBadge({ n }) {
  return html`<span class="badge ${n.status}" data-testid="stage">${STAGES[n.stage] ?? n.stage}</span>`;
}

function Deadline({ iso }) {
  const left = daysLeft(iso);
  if (left === null) return null;
  return html`<span class=${left < 0 ? 'late' : ''}
    >Hạn: ${date(iso)} (${left < 0 ? `quá ${-left} ngày` : `còn ${left} ngày`})</span
  >`;
}

// ---- Pages ----------------------------------------------------------------------------------------------------

function Login({ onLogin }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { officer } = await api('POST', '/api/auth/login', { username, password });
      onLogin(officer);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  return html`<main class="login">
    <div class="card">
      <h2>Đăng nhập</h2>
      <p class="muted">Hệ thống quản lý thi đua, khen thưởng của tổ chức Công đoàn</p>
      <form onSubmit=${submit}>
        <label for="username">Tên đăng nhập</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          value=${username}
          onInput=${(e) => setUsername(e.target.value)}
        />
        <label for="password">Mật khẩu</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          value=${password}
          onInput=${(e) => setPassword(e.target.value)}
        />
        <${ErrorBox} error=${error} />
        <p><button type="submit" disabled=${busy}>Đăng nhập</button></p>
      </form>
    </div>
  </main>`;
}

function Inbox({ officer }) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const [selected, setSelected] = useState(new Set());
  const [progress, setProgress] = useState(null);
  const load = useCallback(() => {
    api('GET', '/api/inbox').then(
      (d) => setItems(d.items),
      (e) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);

  const toggle = (id) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const bulkAction =
    officer.role === 'board_member' || officer.role === 'district_head' ? 'approve' : 'endorse';
  async function runBulk(action) {
    const ids = [...selected];
    setProgress({ done: 0, total: ids.length, ok: 0, failed: [] });
    let ok = 0;
    const failed = [];
    // A few at a time, so the bar moves as the results come back.
    for (let i = 0; i < ids.length; i += 5) {
      const chunk = ids.slice(i, i + 5);
      try {
        const result = await api('POST', `/api/bulk/${action}`, { items: chunk.map((id) => ({ id })) });
        for (const r of result.results) {
          if (r.ok) ok++;
          else
            failed.push(`${items.find((n) => n.id === r.id)?.nomineeName ?? r.id}: ${vietnamese(r.problem)}`);
        }
      } catch (err) {
        failed.push(err.message);
      }
      setProgress({
        done: Math.min(i + chunk.length, ids.length),
        total: ids.length,
        ok,
        failed: [...failed],
      });
    }
    setSelected(new Set());
    load();
  }

  if (error) return html`<${ErrorBox} error=${error} />`;
  if (items === null) return html`<p>Đang tải…</p>`;
  return html`<section>
    <h2>Hộp việc của ${officer.unitName}</h2>
    ${items.length === 0 && html`<p class="muted" data-testid="inbox-empty">Không có hồ sơ nào chờ đơn vị xử lý.</p>`}
    ${
      items.length > 0 &&
      html`<div class="row">
        <span class="muted">Đã chọn ${selected.size}</span>
        <button
          data-testid="bulk"
          disabled=${selected.size === 0 || progress?.done < progress?.total}
          onClick=${() => runBulk(bulkAction)}
        >
          ${ACTIONS[bulkAction]} các hồ sơ đã chọn
        </button>
      </div>`
    }
    ${
      progress &&
      html`<div data-testid="bulk-progress">
        <div class="progress">
          <div style=${`width:${(progress.done / Math.max(progress.total, 1)) * 100}%`}></div>
        </div>
        <p class="muted">
          Đã xử lý ${progress.done}/${progress.total}: ${progress.ok} thành
          công${progress.failed.length > 0 ? `, ${progress.failed.length} không thực hiện được` : ''}.
        </p>
        ${progress.failed.map((f) => html`<div class="error">${f}</div>`)}
      </div>`
    }
    ${items.map(
      (n) =>
        html`<div class="card" data-testid="inbox-item">
          <div class="row">
            <input
              type="checkbox"
              aria-label="Chọn"
              checked=${selected.has(n.id)}
              onChange=${() => toggle(n.id)}
            />
            <h3><a href=${`#/nominations/${n.id}`}>${n.nomineeName}</a></h3>
            <${StageBadge} n=${n} />
          </div>
          <div class="row muted">
            <span>${n.awardFormCode} · năm ${n.year}</span>
            <${Deadline} iso=${n.deadlineAt} />
          </div>
          ${
            n.quotaEffect &&
            n.quotaEffect.findings.map(
              (f) =>
                html`<div class=${`quota-${f.outcome}`} data-testid="quota-effect">${quotaText(f)}</div>`,
            )
          }
        </div>`,
    )}
  </section>`;
}

function NominationList() {
  const [state, setState] = useState({ items: [], next: null, loaded: false });
  const [q, setQ] = useState('');
  const [error, setError] = useState(null);
  const load = (cursor, query) =>
    api(
      'GET',
      `/api/nominations?limit=30${query ? `&q=${encodeURIComponent(query)}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
    ).then(
      (d) =>
        setState((s) => ({
          items: cursor ? [...s.items, ...d.items] : d.items,
          next: d.nextCursor,
          loaded: true,
        })),
      (e) => setError(e.message),
    );
  useEffect(() => {
    load(null, '');
  }, []);
  return html`<section>
    <h2>Danh sách đề nghị</h2>
    <form class="row" onSubmit=${(e) => (e.preventDefault(), load(null, q))}>
      <input
        placeholder="Tìm theo tên người được đề nghị"
        value=${q}
        onInput=${(e) => setQ(e.target.value)}
        style="flex:1"
      />
      <button type="submit" class="secondary">Tìm</button>
    </form>
    <${ErrorBox} error=${error} />
    <table>
      <thead>
        <tr>
          <th>Người/tập thể</th>
          <th>Hình thức</th>
          <th>Bước</th>
          <th>Hạn</th>
        </tr>
      </thead>
      <tbody>
        ${state.items.map(
          (n) =>
            html`<tr data-testid="list-item">
              <td><a href=${`#/nominations/${n.id}`}>${n.nomineeName}</a></td>
              <td>
                ${n.awardFormCode}${n.decisionNumber ? html`<br /><span class="muted">${n.decisionNumber}</span>` : ''}
              </td>
              <td><${StageBadge} n=${n} /></td>
              <td>${date(n.deadlineAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${state.loaded && state.items.length === 0 && html`<p class="muted">Chưa có đề nghị nào.</p>`}
    ${state.next && html`<p><button class="secondary" onClick=${() => load(state.next, q)}>Xem thêm</button></p>`}
  </section>`;
}

function ActionPanel({ n, forms, onDone }) {
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
      setNotice(`Đã thực hiện: ${ACTIONS[action]}.`);
      onDone();
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  if (n.allowedActions.length === 0)
    return html`<p class="muted" data-testid="no-actions">
      Bạn không có thao tác nào với hồ sơ ở bước này.
    </p>`;
  const needsComment = n.allowedActions.some((a) => a.needsComment);
  return html`<div class="card" data-testid="actions">
    <h3>Xử lý hồ sơ</h3>
    <label for="comment"
      >Ý kiến${needsComment ? ' (bắt buộc khi trả lại, không chấp thuận, hạ hình thức, thu hồi)' : ''}</label
    >
    <textarea
      id="comment"
      data-testid="comment"
      value=${comment}
      onInput=${(e) => setComment(e.target.value)}
    ></textarea>
    ${
      n.allowedActions.some((a) => a.action === 'downgrade') &&
      html`<label for="toForm">Hình thức khi hạ</label>
        <select id="toForm" value=${toForm} onChange=${(e) => setToForm(e.target.value)}>
          <option value="">— chọn —</option>
          ${downgradeForms.map((f) => html`<option value=${f.code}>${f.name}</option>`)}
        </select>`
    }
    <div class="actions">
      ${n.allowedActions.map(
        (a) =>
          html`<button
            data-action=${a.action}
            class=${['return', 'reject', 'withdraw', 'revoke'].includes(a.action) ? 'secondary' : ''}
            disabled=${busy || (a.needsComment && comment.trim() === '') || (a.action === 'downgrade' && toForm === '')}
            onClick=${() => act(a.action)}
          >
            ${ACTIONS[a.action]}
          </button>`,
      )}
    </div>
    <${ErrorBox} error=${error} />
    ${notice && html`<div class="notice" data-testid="notice">${notice}</div>`}
  </div>`;
}

function Attachments({ n }) {
  const [items, setItems] = useState([]);
  const [error, setError] = useState(null);
  const load = () =>
    api('GET', `/api/nominations/${n.id}/attachments`).then(
      (d) => setItems(d.items),
      (e) => setError(e.message),
    );
  useEffect(() => {
    load();
  }, [n.id]);
  async function upload(e) {
    e.preventDefault();
    const data = new FormData(e.target);
    try {
      await api('POST', `/api/nominations/${n.id}/attachments`, data);
      e.target.reset();
      load();
    } catch (err) {
      setError(err.message);
    }
  }
  return html`<div class="card">
    <h3>Tệp hồ sơ</h3>
    ${items.length === 0 && html`<p class="muted">Chưa có tệp nào.</p>`}
    <ul>
      ${items.map(
        (a) =>
          html`<li>
            <a href=${`/api/nominations/${n.id}/attachments/${a.id}`}>${a.filename}</a>
            <span class="muted">
              — ${DOCUMENTS[a.kind] ?? a.kind}, ${(a.sizeBytes / 1024).toFixed(0)} KB</span
            >
          </li>`,
      )}
    </ul>
    <form onSubmit=${upload} class="row">
      <select name="kind" style="width:auto">
        ${Object.entries(DOCUMENTS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
      </select>
      <input type="file" name="file" style="width:auto" />
      <button class="secondary" type="submit">Tải lên</button>
    </form>
    <${ErrorBox} error=${error} />
  </div>`;
}

function NominationPage({ id, forms, units }) {
  const [n, setN] = useState(null);
  const [error, setError] = useState(null);
  const load = useCallback(() => {
    api('GET', `/api/nominations/${id}`).then(setN, (e) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (n === null) return html`<p>Đang tải…</p>`;
  const unitName = (uid) => units.get(uid)?.name ?? uid;
  const form = forms.find((f) => f.code === n.awardFormCode);
  const d = n.dossier ?? {};
  return html`<section>
    <h2 data-testid="nominee">${n.nomineeName}</h2>
    <div class="row">
      <${StageBadge} n=${n} />
      <span>${form?.name ?? n.awardFormCode} · năm ${n.year}</span>
      ${n.decisionNumber && html`<strong data-testid="decision">Quyết định số ${n.decisionNumber}</strong>`}
      <${Deadline} iso=${n.deadlineAt} />
    </div>
    <ol class="route" aria-label="Lộ trình xét duyệt">
      ${n.route.map((s) => html`<li class=${s.unitId === n.holdingUnitId ? 'here' : ''}>${unitName(s.unitId)}</li>`)}
    </ol>
    <${ActionPanel} n=${n} forms=${forms} onDone=${load} />
    <div class="grid2">
      <div class="card">
        <h3>Hồ sơ</h3>
        <p>${d.achievement}</p>
        <p class="muted">
          Biểu quyết: ${d.councilVote?.inFavour}/${d.councilVote?.present} thành viên Hội đồng đồng ý
        </p>
        <p class="muted">Giấy tờ: ${(d.documents ?? []).map((k) => DOCUMENTS[k] ?? k).join(', ')}</p>
        ${d.theme && html`<p class="muted">Phong trào, chuyên đề: ${d.theme}</p>`}
      </div>
      <${Attachments} n=${n} />
    </div>
    <div class="card">
      <h3>Quá trình xử lý</h3>
      <ol class="timeline" data-testid="timeline">
        ${n.events.map(
          (e) =>
            html`<li>
              <strong>${EVENTS[e.type] ?? e.type}</strong>
              <span class="muted">
                — ${dateTime(e.occurredAt)} · ${e.actor.id} (${ROLES[e.actor.role] ?? e.actor.role},
                ${unitName(e.actor.unitId)})</span
              >
              ${e.comment && html`<div>Ý kiến: ${e.comment}</div>`}
              ${e.data?.decisionNumber && html`<div>Số quyết định: ${e.data.decisionNumber}</div>`}
              ${e.data?.quota?.findings?.length > 0 && html`<div class="muted">${e.data.quota.findings.map(quotaText).join('; ')}</div>`}
              ${
                e.data?.dossier?.councilVote &&
                html`<div class="muted">
                  Biểu quyết: ${e.data.dossier.councilVote.inFavour}/${e.data.dossier.councilVote.present}
                  đồng ý
                </div>`
              }
              ${
                e.data?.review?.checks &&
                html`<div class="muted">
                  Thẩm định: ${e.data.review.passed ? 'đạt' : 'chưa đạt'} (${e.data.review.checks.length} tiêu
                  chí)
                </div>`
              }
              <div class="hash">#${e.position} mã băm ${e.hash} · trước ${e.prevHash.slice(0, 16)}…</div>
            </li>`,
        )}
      </ol>
    </div>
  </section>`;
}

function NewNomination({ officer, forms }) {
  const [members, setMembers] = useState([]);
  const [memberId, setMemberId] = useState('');
  const [formCode, setFormCode] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const [documents, setDocuments] = useState(
    new Set(['coverLetter', 'minutes', 'achievementReport', 'nomineeList']),
  );
  const [present, setPresent] = useState(9);
  const [inFavour, setInFavour] = useState(9);
  const [achievement, setAchievement] = useState('');
  const [theme, setTheme] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per content: sending the same form again after a lost answer (a timeout, a server restart)
  // finds the nomination already created instead of making a second; a changed form is a new request with a new key.
  const [attempt] = useState(() => ({ body: '', key: '' }));
  useEffect(() => {
    api('GET', `/api/members?unitId=${encodeURIComponent(officer.unitId)}`).then(
      (d) => setMembers(d.items),
      (e) => setError(e.message),
    );
  }, [officer.unitId]);
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
      location.hash = `#/nominations/${created.id}`;
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  const ready = memberId !== '' && formCode !== '' && achievement.trim() !== '';
  return html`<section>
    <h2>Lập đề nghị khen thưởng</h2>
    <div class="card">
      <label for="member">Người được đề nghị</label>
      <select id="member" value=${memberId} onChange=${(e) => setMemberId(e.target.value)}>
        <option value="">— chọn đoàn viên —</option>
        ${members.map((m) => html`<option value=${m.id}>${m.fullName} — ${m.position}</option>`)}
      </select>
      <label for="form">Hình thức khen thưởng</label>
      <select id="form" value=${formCode} onChange=${(e) => setFormCode(e.target.value)}>
        <option value="">— chọn —</option>
        ${forms.filter((f) => f.subject !== 'collective').map((f) => html`<option value=${f.code}>${f.name}</option>`)}
      </select>
      <div class="grid2">
        <div>
          <label for="year">Năm</label
          ><input id="year" type="number" value=${year} onInput=${(e) => setYear(e.target.value)} />
        </div>
        <div>
          <label for="theme">Phong trào, chuyên đề (nếu có)</label
          ><input id="theme" value=${theme} onInput=${(e) => setTheme(e.target.value)} />
        </div>
        <div>
          <label for="present">Số thành viên Hội đồng dự họp</label
          ><input
            id="present"
            type="number"
            min="1"
            value=${present}
            onInput=${(e) => setPresent(e.target.value)}
          />
        </div>
        <div>
          <label for="inFavour">Số thành viên đồng ý</label
          ><input
            id="inFavour"
            type="number"
            min="0"
            value=${inFavour}
            onInput=${(e) => setInFavour(e.target.value)}
          />
        </div>
      </div>
      <label>Giấy tờ trong hồ sơ</label>
      ${Object.entries(DOCUMENTS).map(
        ([k, v]) =>
          html`<div>
            <input
              type="checkbox"
              id=${`doc-${k}`}
              checked=${documents.has(k)}
              onChange=${() => toggleDoc(k)}
            />
            <label for=${`doc-${k}`} style="display:inline;font-weight:400">${v}</label>
          </div>`,
      )}
      <label for="achievement">Tóm tắt thành tích</label>
      <textarea
        id="achievement"
        value=${achievement}
        onInput=${(e) => setAchievement(e.target.value)}
      ></textarea>
      <${ErrorBox} error=${error} />
      <div class="actions">
        <button class="secondary" disabled=${!ready || busy} onClick=${() => create(false)}>
          Lưu dự thảo
        </button>
        <button disabled=${!ready || busy} data-testid="create-submit" onClick=${() => create(true)}>
          Lưu và trình lên
        </button>
      </div>
    </div>
  </section>`;
}

function Quotas({ officer }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', `/api/quotas?unitId=${encodeURIComponent(officer.unitId)}&year=${year}`).then(setData, (e) =>
      setError(e.message),
    );
  }, [year, officer.unitId]);
  return html`<section>
    <h2>Chỉ tiêu, tỷ lệ khen thưởng của ${officer.unitName}</h2>
    <label for="qyear">Năm</label>
    <input
      id="qyear"
      type="number"
      value=${year}
      onInput=${(e) => setYear(Number(e.target.value))}
      style="max-width:8rem"
    />
    <${ErrorBox} error=${error} />
    ${
      data &&
      data.rules.map(
        (r) =>
          html`<div class="card" data-testid="quota-rule">
            <h3>${r.description}</h3>
            ${
              r.kind === 'maxCount'
                ? html`<p>Đã khen: ${r.total} / tối đa ${r.limit}</p>`
                : html`<p
                    class=${r.share !== null && (r.kind === 'minShare' ? r.share < r.limit : r.share > r.limit) ? 'quota-warn' : 'quota-ok'}
                  >
                    Tỷ lệ hiện nay: ${r.share === null ? 'chưa có ai được khen' : percent(r.share)}
                    (${r.inCategory}/${r.total}) · ${r.kind === 'minShare' ? 'tối thiểu' : 'tối đa'}
                    ${percent(r.limit)}
                  </p>`
            }
            <p class="muted">
              ${r.enforcement === 'block' ? 'Bắt buộc' : 'Cảnh báo, cần chấp thuận có lý do khi vượt'}
            </p>
          </div>`,
      )
    }
  </section>`;
}

// ---- Dashboard and movements -----------------------------------------------------------------------------------

const REPORT_STATUS = vi.reportStatus;
const REPORT_COLOURS = { submitted: '#2e7d32', due: '#f9a825', overdue: '#c62828' };
const INDICATORS = vi.indicators;
const REVIEW_KIND = vi.reviewKind;
const ROW_PROBLEMS = vi.rowProblems;
const PERIOD_KIND = vi.periodKind;

/** Reports by status as one stacked bar, with its legend: a glance says how far the period has got. */
function ReportChart({ reports }) {
  const total = reports.due + reports.submitted + reports.overdue;
  let x = 0;
  const bars = ['submitted', 'due', 'overdue'].map((k) => {
    const w = total === 0 ? 0 : (reports[k] / total) * 300;
    const bar = html`<rect x=${x} y="0" width=${w} height="28" fill=${REPORT_COLOURS[k]}
      ><title>${REPORT_STATUS[k]}: ${reports[k]}</title></rect
    >`;
    x += w;
    return bar;
  });
  return html`<figure class="chart" data-testid="report-chart">
    <svg viewBox="0 0 300 28" width="100%" height="28" role="img" aria-label="Tình hình gửi báo cáo">
      <rect x="0" y="0" width="300" height="28" fill="#eee" />
      ${bars}
    </svg>
    <figcaption>
      ${['submitted', 'due', 'overdue'].map(
        (k) =>
          html`<span class="legend"
            ><i style=${`background:${REPORT_COLOURS[k]}`}></i>${REPORT_STATUS[k]}:
            <b data-testid=${`reports-${k}`}>${reports[k]}</b></span
          >`,
      )}
    </figcaption>
  </figure>`;
}

/** One indicator as a bar against its target line; red when below the target. */
function IndicatorBar({ name, ind }) {
  const share = ind.share === null ? 0 : Math.min(ind.share, 1);
  const below = ind.share !== null && ind.share < ind.target;
  return html`<div class="indicator" data-testid=${`indicator-${name}`}>
    <div class="indicator-name">${INDICATORS[name]}</div>
    <svg viewBox="0 0 300 18" width="100%" height="18" role="img" aria-label=${INDICATORS[name]}>
      <rect x="0" y="2" width="300" height="14" fill="#eee" rx="3" />
      <rect x="0" y="2" width=${share * 300} height="14" fill=${below ? '#c62828' : '#2e7d32'} rx="3" />
      <line x1=${ind.target * 300} x2=${ind.target * 300} y1="0" y2="18" stroke="#222" stroke-width="2" />
    </svg>
    <div class="muted">
      ${ind.share === null ? 'chưa có số liệu' : `${percent(ind.share)} (${ind.value}/${ind.of})`}
      ${` · chỉ tiêu ${percent(ind.target)}`}
    </div>
  </div>`;
}

function Dashboard({ officer }) {
  const [unitId, setUnitId] = useState(officer.unitId);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setData(null);
    api('GET', `/api/dashboard?unitId=${encodeURIComponent(unitId)}`).then(setData, (e) =>
      setError(e.message),
    );
  }, [unitId]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (data === null) return html`<p>Đang tải…</p>`;
  return html`<section data-testid="dashboard">
    <h2>Tổng quan thi đua, khen thưởng năm ${data.year} — ${data.unit.name}</h2>
    ${
      (data.children.length > 0 || unitId !== officer.unitId) &&
      html`<label for="dunit">Xem đơn vị</label>
        <select id="dunit" value=${unitId} onChange=${(e) => setUnitId(e.target.value)}>
          <option value=${officer.unitId}>${officer.unitName}</option>
          ${data.children.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
        </select>`
    }
    <div class="card">
      <h3>
        Báo cáo định kỳ
        ${data.period ? html` — kỳ ${PERIOD_KIND[data.period.kind]} ${data.period.year} · hạn ${date(data.period.dueAt)}` : ''}
      </h3>
      ${
        data.period === null
          ? html`<p class="muted">Chưa mở kỳ báo cáo nào.</p>`
          : html`<${ReportChart} reports=${data.reports} /> ${
                data.reports.owedToUnit.length > 0 &&
                html`<details>
                  <summary>Đơn vị báo cáo lên ${data.unit.name} (${data.reports.owedToUnit.length})</summary>
                  <table>
                    ${data.reports.owedToUnit.map(
                      (r) =>
                        html`<tr class=${`report-${r.status}`}>
                          <td>${r.unitName}</td>
                          <td>${REPORT_STATUS[r.status] ?? r.status}</td>
                          <td>${r.submittedAt ? dateTime(r.submittedAt) : ''}</td>
                        </tr>`,
                    )}
                  </table>
                </details>`
              }`
      }
    </div>
    <div class="card">
      <h3>Chỉ tiêu so với kế hoạch</h3>
      ${Object.keys(INDICATORS).map((k) => html`<${IndicatorBar} name=${k} ind=${data.indicators[k]} />`)}
    </div>
    <div class="card">
      <h3>Phong trào thi đua</h3>
      ${
        data.movements.length === 0
          ? html`<p class="muted">Chưa có phong trào nào trong năm.</p>`
          : html`<table data-testid="dashboard-movements">
              <tr>
                <th>Phong trào</th>
                <th>Sơ kết, tổng kết</th>
                <th>Tiếp theo</th>
              </tr>
              ${data.movements.map(
                (m) =>
                  html`<tr>
                    <td>
                      <a href=${`#/movements/${m.id}`}>${m.name}</a>
                      <div class="muted">${date(m.startsOn)} – ${date(m.endsOn)}</div>
                    </td>
                    <td>
                      <div class="progress">
                        <div style=${`width:${(m.reviewsRecorded / m.reviewsPlanned) * 100}%`}></div>
                      </div>
                      ${m.reviewsRecorded}/${m.reviewsPlanned}
                      ${m.reviewsLate > 0 ? html` · <span class="quota-warn">${m.reviewsLate} chậm</span>` : ''}
                    </td>
                    <td>
                      ${m.status === 'closed' ? 'Đã tổng kết' : m.nextReview ? `${REVIEW_KIND[m.nextReview.kind]} ${date(m.nextReview.on)}` : ''}
                    </td>
                  </tr>`,
              )}
            </table>`
      }
    </div>
  </section>`;
}

function MovementList() {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', '/api/movements').then(
      (d) => setItems(d.items),
      (e) => setError(e.message),
    );
  }, []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (items === null) return html`<p>Đang tải…</p>`;
  return html`<section>
    <h2>Phong trào thi đua</h2>
    ${items.length === 0 && html`<p class="muted">Chưa có phong trào nào.</p>`}
    ${items.map(
      (m) =>
        html`<a class="card item" href=${`#/movements/${m.id}`}>
          <b>${m.name}</b>
          <div class="muted">
            ${m.targetGroup} · ${date(m.startsOn)} – ${date(m.endsOn)} ·
            ${m.status === 'closed' ? 'Đã tổng kết' : 'Đang diễn ra'}
          </div>
        </a>`,
    )}
  </section>`;
}

/** The final review's nominations entered as a list; a refused list shows each wrong row and keeps what was typed. */
function FinalReviewNominations({ movement, onDone }) {
  const blank = () => ({
    memberId: '',
    awardFormCode: 'BK-LDLD-TINH',
    achievement: '',
    councilPresent: 9,
    councilInFavour: 9,
  });
  const [rows, setRows] = useState([blank()]);
  const [problems, setProblems] = useState([]);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (i, field, value) => setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  async function send(request) {
    setBusy(true);
    setError(null);
    setProblems([]);
    setNotice(null);
    try {
      const answer = await request();
      setNotice(`Đã tạo ${answer.created.length} đề nghị khen thưởng.`);
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
      api('POST', `/api/movements/${movement.id}/nominations`, {
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
    send(() => api('POST', `/api/movements/${movement.id}/nominations/import`, body));
  }
  return html`<div class="card" data-testid="final-nominations">
    <h3>Đề nghị khen thưởng từ tổng kết</h3>
    <p class="muted">Nếu có dòng sai, không đề nghị nào được tạo; sửa các dòng được báo rồi gửi lại.</p>
    <table>
      <tr>
        <th>#</th>
        <th>Mã đoàn viên</th>
        <th>Hình thức</th>
        <th>Thành tích</th>
        <th>Có mặt</th>
        <th>Đồng ý</th>
      </tr>
      ${rows.map(
        (r, i) =>
          html`<tr>
            <td>${i + 1}</td>
            <td>
              <input
                aria-label=${`Mã đoàn viên dòng ${i + 1}`}
                value=${r.memberId}
                onInput=${(e) => set(i, 'memberId', e.target.value)}
              />
            </td>
            <td>
              <input
                aria-label=${`Hình thức dòng ${i + 1}`}
                value=${r.awardFormCode}
                onInput=${(e) => set(i, 'awardFormCode', e.target.value)}
              />
            </td>
            <td>
              <input
                aria-label=${`Thành tích dòng ${i + 1}`}
                value=${r.achievement}
                onInput=${(e) => set(i, 'achievement', e.target.value)}
              />
            </td>
            <td>
              <input
                type="number"
                value=${r.councilPresent}
                onInput=${(e) => set(i, 'councilPresent', e.target.value)}
              />
            </td>
            <td>
              <input
                type="number"
                value=${r.councilInFavour}
                onInput=${(e) => set(i, 'councilInFavour', e.target.value)}
              />
            </td>
          </tr>`,
      )}
    </table>
    <div class="actions">
      <button class="secondary" onClick=${() => setRows([...rows, blank()])}>Thêm dòng</button>
      <button disabled=${busy} onClick=${submitList}>Tạo các đề nghị</button>
    </div>
    <p>
      Hoặc tải lên tệp Excel theo
      <a href=${`/api/movements/${movement.id}/nominations/template.xlsx`}>mẫu</a>:
      <input type="file" accept=".xlsx" aria-label="Tệp Excel đề nghị khen thưởng" onChange=${upload} />
    </p>
    <${ErrorBox} error=${error} />
    ${
      problems.length > 0 &&
      html`<table data-testid="row-problems" class="problems">
        <tr>
          <th>Dòng</th>
          <th>Lỗi</th>
        </tr>
        ${problems.map(
          (p) =>
            html`<tr>
              <td>${p.row}</td>
              <td>${ROW_PROBLEMS[p.code] ?? p.problem}</td>
            </tr>`,
        )}
      </table>`
    }
    ${notice && html`<p class="notice" data-testid="import-notice">${notice}</p>`}
  </div>`;
}

function MovementPage({ id, officer }) {
  const [m, setM] = useState(null);
  const [error, setError] = useState(null);
  const load = useCallback(() => {
    api('GET', `/api/movements/${id}`).then(setM, (e) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (m === null) return html`<p>Đang tải…</p>`;
  const mine = m.launchingUnitId === officer.unitId && officer.role.endsWith('_officer');
  const finalDone = m.reviews.some((r) => r.kind === 'final');
  return html`<section>
    <h2>${m.name}</h2>
    <div class="card">
      <p>${m.targetGroup} · ${date(m.startsOn)} – ${date(m.endsOn)}</p>
      <p>Tiêu chí: ${m.criteria.map((c) => `${c.name} (${c.maxScore} điểm)`).join('; ')}</p>
      <p>Đăng ký: ${m.registrations.units} đơn vị, ${m.registrations.members} đoàn viên</p>
      <p>Đề nghị khen thưởng từ tổng kết: ${m.nominationIds.length}</p>
    </div>
    ${m.reviews.map(
      (r) =>
        html`<div class="card" data-testid="movement-review">
          <h3>${REVIEW_KIND[r.kind]} ${date(r.on)}</h3>
          <p>${r.summary}</p>
          <table>
            <tr>
              <th>Đơn vị</th>
              ${m.criteria.map((c) => html`<th>${c.name}</th>`)}
              <th>Tổng</th>
            </tr>
            ${r.results.map(
              (u) =>
                html`<tr>
                  <td>${u.unitId}</td>
                  ${m.criteria.map((c) => html`<td>${u.scores[c.name]}</td>`)}
                  <td><b>${u.total}</b></td>
                </tr>`,
            )}
          </table>
        </div>`,
    )}
    ${mine && finalDone && html`<${FinalReviewNominations} movement=${m} onDone=${load} />`}
  </section>`;
}

// ---- The shell ------------------------------------------------------------------------------------------------

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/inbox');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/inbox');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function App() {
  const [officer, setOfficer] = useState(undefined);
  const [forms, setForms] = useState([]);
  const [units, setUnits] = useState(new Map());
  const hash = useHash();
  useEffect(() => {
    api('GET', '/api/me').then(setOfficer, () => setOfficer(null));
  }, []);
  useEffect(() => {
    if (!officer) return;
    api('GET', '/api/award-forms').then((d) => setForms(d.items));
    api('GET', '/api/units').then((d) => setUnits(new Map(d.items.map((u) => [u.id, u]))));
  }, [officer]);
  if (officer === undefined) return html`<p class="loading">Đang tải…</p>`;
  if (officer === null) return html`<${Login} onLogin=${setOfficer} />`;
  async function logout() {
    await api('POST', '/api/auth/logout');
    setOfficer(null);
    location.hash = '';
  }
  const canCreate = officer.role === 'base_officer';
  const link = (href, text) =>
    html`<a href=${href} class=${hash.startsWith(href) ? 'active' : ''}>${text}</a>`;
  let page;
  const match = /^#\/nominations\/(nom-[0-9a-f-]+)/.exec(hash);
  if (match) page = html`<${NominationPage} id=${match[1]} forms=${forms} units=${units} />`;
  else if (hash.startsWith('#/list')) page = html`<${NominationList} />`;
  else if (hash.startsWith('#/new') && canCreate)
    page = html`<${NewNomination} officer=${officer} forms=${forms} />`;
  else if (hash.startsWith('#/quotas')) page = html`<${Quotas} officer=${officer} />`;
  else if (hash.startsWith('#/dashboard')) page = html`<${Dashboard} officer=${officer} />`;
  else if (/^#\/movements\/[0-9a-f-]{36}/.test(hash))
    page = html`<${MovementPage}
      id=${hash.slice('#/movements/'.length, '#/movements/'.length + 36)}
      officer=${officer}
    />`;
  else if (hash.startsWith('#/movements')) page = html`<${MovementList} />`;
  else page = html`<${Inbox} officer=${officer} />`;
  return html`<header>
      <h1>Thi đua – Khen thưởng</h1>
      <nav>
        ${link('#/inbox', 'Hộp việc')} ${link('#/list', 'Đề nghị')}
        ${canCreate && link('#/new', 'Lập đề nghị')} ${link('#/quotas', 'Chỉ tiêu')}
        ${link('#/dashboard', 'Tổng quan')} ${link('#/movements', 'Phong trào')}
        <button class="link" onClick=${logout}>Đăng xuất</button>
      </nav>
      <div class="who" data-testid="who">
        ${officer.displayName} · ${ROLES[officer.role] ?? officer.role} · ${officer.unitName}
      </div>
    </header>
    <main>${page}</main>`;
}

render(html`<${App} />`, document.getElementById('app'));
