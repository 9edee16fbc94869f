// The local host's per-start token, read the way the host page gets it: from the meta tag of GET /
// (local/server.ts). Tests that call /__local/* directly send it as the page does.

export async function localToken(baseUrl: string): Promise<string> {
  const html = await (await fetch(new URL('/', baseUrl))).text();
  const m = /<meta name="reglament-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error(`${baseUrl}: the host page carries no token`);
  return m[1]!;
}

/** GET /__local/state (or another /__local GET) with the page's token, parsed. */
export async function localGet<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), { headers: { 'x-reglament-token': await localToken(baseUrl) } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** POST a JSON body to /__local/* with the page's token; the raw response. */
export async function localPost(baseUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-reglament-token': await localToken(baseUrl) },
    body: JSON.stringify(body),
  });
}
