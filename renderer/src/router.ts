import { useCallback, useEffect, useState } from 'react';

/** Screens live in the address hash, so a reload comes back to the same review. */
export type Route = { name: 'queue' } | { name: 'review'; assignmentId: string } | { name: 'settings' };

export function parseHash(hash: string): Route {
  const review = /^#\/review\/([A-Za-z0-9._-]+)$/.exec(hash);
  if (review) return { name: 'review', assignmentId: decodeURIComponent(review[1] as string) };
  if (hash === '#/settings') return { name: 'settings' };
  return { name: 'queue' };
}

export function routeHash(route: Route): string {
  if (route.name === 'review') return `#/review/${encodeURIComponent(route.assignmentId)}`;
  return route.name === 'settings' ? '#/settings' : '#/queue';
}

export function useRoute(): [Route, (route: Route) => void] {
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
