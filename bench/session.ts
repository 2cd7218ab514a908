/** Signing in to a benchmark's server: every bench seeds its demo accounts with this password. */
export const BENCH_PASSWORD = 'Bench-pass-2020';

/** A demo account's session: its cookie and CSRF token, and JSON GET/POST that throw on a non-2xx answer. */
export async function signIn(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const answer = async (url: string, res: Response) => {
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    cookie,
    csrf,
    get: async (url: string) => answer(url, await fetch(base + url, { headers: { cookie } })),
    post: async (url: string, body: unknown) =>
      answer(
        url,
        await fetch(base + url, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
  };
}
