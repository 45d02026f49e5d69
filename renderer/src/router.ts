import { useCallback, useEffect, useState } from 'react';

/**
 * Screens live in the address hash ("#/review/asg_1"), so a reload comes back to the same
 * place. A route is a screen name from the table in screens/index.tsx and, for screens
 * about one thing, that thing's id.
 */
export type Route = { name: string; id?: string };

const HASH = /^#\/([a-z][a-z-]*)(?:\/([A-Za-z0-9._-]+))?$/;

export function parseHash(hash: string): Route | null {
  const m = HASH.exec(hash);
  if (!m) return null;
  return m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, id: decodeURIComponent(m[2]) };
}

export function routeHash(route: Route): string {
  return route.id === undefined ? `#/${route.name}` : `#/${route.name}/${encodeURIComponent(route.id)}`;
}

export function useRoute(): [Route | null, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHash(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}
