import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox } from '../components/error-box.js';
import { html } from '../html.js';
import { vi } from '/messages/vi.js';

const words = vi.login;

/** The login form; `onLogin` gets the officer the API answers. */
export function Login({ onLogin }) {
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
      <h2>${words.title}</h2>
      <p class="muted">${words.system}</p>
      <form onSubmit=${submit}>
        <label for="username">${words.username}</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          value=${username}
          onInput=${(e) => setUsername(e.target.value)}
        />
        <label for="password">${words.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          value=${password}
          onInput=${(e) => setPassword(e.target.value)}
        />
        <${ErrorBox} error=${error} />
        <p><button type="submit" disabled=${busy}>${words.submit}</button></p>
      </form>
    </div>
  </main>`;
}
