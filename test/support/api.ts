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

/** A multipart/form-data body with one file part (and optional text fields before it), as a browser sends it. */
export function multipartFile(
  file: { filename: string; type: string; content: Buffer },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'test-boundary-7d1f';
  const parts = [
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
