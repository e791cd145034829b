// The public pages, for anyone, without a login: the check of a printed paper's code (/xac-minh/<code>, where the
// paper's QR code leads) and the honour roll (/vinh-danh, and /vinh-danh/nhung for a frame on another site). Served
// from the same files and catalogue as the officers' page; addresses are real paths (not after a '#') because a QR code
// and a link on the federation's website must name them.
import { render } from 'preact';
import { html } from './html.js';
import { HonourRoll } from './public/honour-roll.js';
import { VerifyPaper } from './public/verify.js';
import { vi } from '/messages/vi.js';

const words = vi.publicPage;
/** Which page the address names: its first segment, and what follows (the code, or `nhung`). */
const [, area, rest] = window.location.pathname.split('/');

function PublicPage() {
  if (area === 'xac-minh') return html`<${VerifyPaper} code=${decodeURIComponent(rest ?? '')} />`;
  if (area === 'vinh-danh') return html`<${HonourRoll} embedded=${rest === 'nhung'} />`;
  return html`<p>${words.unknownAddress}</p>`;
}

const root = document.getElementById('app');
// The "loading" line the HTML shows until this module runs is not Preact's to diff away: cleared first.
root.textContent = '';
const embedded = area === 'vinh-danh' && rest === 'nhung';
const title = area === 'vinh-danh' ? words.honourRoll.title : words.title;
document.title = title;
render(
  embedded
    ? html`<main class="embedded"><${PublicPage} /></main>`
    : html`<header><h1>${title}</h1></header>
        <main><${PublicPage} /></main>`,
  root,
);
