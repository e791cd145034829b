/** Talking to the API in tests, as a logged-in officer, through app.inject (no network). */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../api/app.js';
import { DEMO_PASSWORD } from '../../scripts/demo/province.js';

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
  return response.json<{ token: string }>().token;
}

export interface ApiClient {
  token: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function as(app: App, username: string): Promise<ApiClient> {
  const token = await login(app, username);
  const request = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) } });
  return {
    token,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers = {}) =>
      request({
        method: 'POST',
        url,
        headers,
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      }),
  };
}
