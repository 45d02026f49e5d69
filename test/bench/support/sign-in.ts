// Signs many users in with bounded concurrency: each sign-in is an scrypt hash on the hub,
// and an unbounded burst would only queue in its thread pool.
export async function signInAll(url: string, usernames: readonly string[], password: string, concurrency: number): Promise<string[]> {
  const tokens: string[] = new Array<string>(usernames.length);
  let next = 0;
  async function worker() {
    while (next < usernames.length) {
      const i = next++;
      const res = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: usernames[i], password, deviceName: 'bench' }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { token?: string };
      if (res.status !== 201 || typeof body.token !== 'string') throw new Error(`sign-in of ${usernames[i]} failed: ${res.status} ${JSON.stringify(body)}`);
      tokens[i] = body.token;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}
