// The officers' web page: Preact components written with htm (no build step), one module per page (pages/) and per
// shared piece (components/), talking to the same JSON API as every other client through one client (api.js), with
// the httpOnly session cookie. Routing is wouter's, on the address after the '#' (routes.js); every word comes from
// the message catalogue (/messages/vi.js), every date and figure from the formatting module (/messages/format.js).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Route, Router, Switch, useLocation } from 'wouter-preact';
import { useHashLocation } from 'wouter-preact/use-hash-location';
import { api } from './api.js';
import { html } from './html.js';
import { Dashboard } from './pages/dashboard.js';
import { DecisionPage } from './pages/decision.js';
import { DecisionList } from './pages/decisions.js';
import { Inbox } from './pages/inbox.js';
import { Login } from './pages/login.js';
import { MovementPage } from './pages/movement.js';
import { MovementList } from './pages/movements.js';
import { NewNomination } from './pages/new-nomination.js';
import { NominationList } from './pages/nomination-list.js';
import { NominationPage } from './pages/nomination.js';
import { Quotas } from './pages/quotas.js';
import { href, paths } from './routes.js';
import { vi } from '/messages/vi.js';

const words = vi.page;

/** The session: the login form until an officer is known, then the officer's pages. */
function App() {
  const [officer, setOfficer] = useState(undefined);
  useEffect(() => {
    api('GET', '/api/me').then(setOfficer, () => setOfficer(null));
  }, []);
  if (officer === undefined) return html`<p class="loading">${words.loading}</p>`;
  if (officer === null) return html`<${Login} onLogin=${setOfficer} />`;
  return html`<${Router} hook=${useHashLocation}>
    <${Shell} officer=${officer} onLogout=${() => setOfficer(null)} />
  <//>`;
}

/** The header with the menu and who is logged in, and the page the address names. */
function Shell({ officer, onLogout }) {
  const [forms, setForms] = useState([]);
  const [units, setUnits] = useState(new Map());
  const [location, navigate] = useLocation();
  useEffect(() => {
    api('GET', '/api/award-forms').then((d) => setForms(d.items));
    api('GET', '/api/units').then((d) => setUnits(new Map(d.items.map((u) => [u.id, u]))));
  }, [officer]);
  async function logout() {
    await api('POST', '/api/auth/logout');
    navigate('/', { replace: true });
    onLogout();
  }
  const canCreate = officer.role === 'base_officer';
  // The inbox is the home page: an empty address shows it, and its link is then the current one.
  const current = location === '/' ? paths.inbox : location;
  const link = (path, text) =>
    html`<a href=${href(path)} class=${current.startsWith(path) ? 'active' : ''}>${text}</a>`;
  return html`<header>
      <h1>${words.title}</h1>
      <nav>
        ${link(paths.inbox, words.nav.inbox)} ${link(paths.list, words.nav.list)}
        ${canCreate && link(paths.create, words.nav.create)} ${link(paths.quotas, words.nav.quotas)}
        ${link(paths.dashboard, words.nav.dashboard)} ${link(paths.movements, words.nav.movements)}
        ${officer.role !== 'base_officer' && link(paths.decisions, words.nav.decisions)}
        <button class="link" onClick=${logout}>${words.nav.logout}</button>
      </nav>
      <div class="who" data-testid="who">
        ${officer.displayName} · ${vi.roles[officer.role] ?? officer.role} · ${officer.unitName}
      </div>
    </header>
    <main>
      <${Switch}>
        <${Route} path=${paths.nomination}>
          ${(params) => html`<${NominationPage} id=${params.id} forms=${forms} units=${units} />`}
        <//>
        <${Route} path=${paths.list}><${NominationList} units=${units} /><//>
        ${canCreate && html`<${Route} path=${paths.create}><${NewNomination} officer=${officer} forms=${forms} /><//>`}
        <${Route} path=${paths.quotas}><${Quotas} officer=${officer} /><//>
        <${Route} path=${paths.dashboard}><${Dashboard} officer=${officer} /><//>
        <${Route} path=${paths.movement}>
          ${(params) => html`<${MovementPage} id=${params.id} officer=${officer} />`}
        <//>
        <${Route} path=${paths.movements}><${MovementList} /><//>
        <${Route} path=${paths.decision}>
          ${(params) => html`<${DecisionPage} id=${params.id} officer=${officer} />`}
        <//>
        <${Route} path=${paths.decisions}><${DecisionList} officer=${officer} /><//>
        <${Route}><${Inbox} officer=${officer} /><//>
      <//>
    </main>`;
}

document.title = words.title;
render(html`<${App} />`, document.getElementById('app'));
