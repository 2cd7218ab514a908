/**
 * A signed-in HTTP client for a running server (browser tests set their data up
 * through the API): the session cookie and the CSRF token, JSON in and out.
 */
export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
}

export interface HttpClient {
  get<T = unknown>(path: string): Promise<HttpResponse<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<HttpResponse<T>>;
  /** The same, but throws unless the status is the expected one; returns the body. */
  expect<T = unknown>(status: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<HttpClient> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ss_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  const send = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': csrfToken } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    async expect<T>(status: number, method: 'GET' | 'POST', path: string, body?: unknown) {
      const res = await send<T>(method, path, body);
      if (res.status !== status)
        throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}
