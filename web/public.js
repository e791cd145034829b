// The public pages, for anyone, without a login: the check of a printed paper's code (/xac-minh/<code>, where the
// paper's QR code leads). Served from the same files and catalogue as the officers' page; addresses are real paths
// (not after a '#') because a QR code and a link on the federation's website must name them.
import { render } from 'preact';
import { html } from './html.js';
import { VerifyPaper } from './public/verify.js';
import { vi } from '/messages/vi.js';

const words = vi.publicPage;

function PublicPage() {
  const [, area, rest] = window.location.pathname.split('/');
  if (area === 'xac-minh') return html`<${VerifyPaper} code=${decodeURIComponent(rest ?? '')} />`;
  return html`<p>${words.unknownAddress}</p>`;
}

document.title = words.title;
const root = document.getElementById('app');
// The "loading" line the HTML shows until this module runs is not Preact's to diff away: cleared first.
root.textContent = '';
render(
  html`<header><h1>${words.title}</h1></header>
    <main><${PublicPage} /></main>`,
  root,
);
