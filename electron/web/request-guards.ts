// Who may talk to the web host. It listens on loopback, but a browser will still send a
// page from any site to 127.0.0.1 (CSRF) or resolve an attacker's name to it (DNS
// rebinding): so the Host must be ours, a present Origin must be ours, and every data route
// needs the per-run token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE = 'assay_token';

/** The Host values this host answers to: 127.0.0.1:<port> and localhost:<port>. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** An Origin header, when the browser sends one, must be this host's own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** True when the request carries the token as a Bearer header or as the host's cookie. */
export function isAuthorized(headers: IncomingHttpHeaders, token: string): boolean {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m !== null && tokensEqual(m[1] as string, token);
  }
  const cookie = cookieValue(headers.cookie, TOKEN_COOKIE);
  return cookie !== undefined && tokensEqual(cookie, token);
}

/** The cookie set when the page is opened with a valid ?token=: media and events then work. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
