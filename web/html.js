// htm bound to Preact's h: components are tagged templates (html`<div>…</div>`), which need no build step.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
