/**
 * A small router on the History API for an app served under a base path (`/console/`): the server
 * answers index.html for every path under the base, and the app picks the page from the path.
 * Links are real `<a href>` (open in a new tab, copy the address); a plain click is handled here.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

let base = '/';
const listeners = new Set<() => void>();

export function setBase(path: string): void {
  base = path.endsWith('/') ? path : `${path}/`;
}

export function getBase(): string {
  return base;
}

function notify() {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/** The path below the base, without leading or trailing slash: "campagnes/01J..." ("" for the home page). */
export function routePath(pathname = location.pathname): string {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/+/, '');
  return rest.replace(/\/+$/, '');
}

/** An address inside the app: "campagnes" -> "/console/campagnes". */
export function href(to: string): string {
  if (/^[a-z]+:|^\//i.test(to)) return to;
  return `${base}${to}`;
}

/** Goes to a page of the app. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = href(to);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  notify();
}

/** The current route path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  const rendered = location.pathname + location.search;
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    // A navigation between this render and the subscription (a child redirecting in its own
    // effect, which runs first) would otherwise go unseen.
    if (location.pathname + location.search !== rendered) l();
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: routePath(), query: new URLSearchParams(location.search) };
}

/** "campagnes/:id" against "campagnes/42" -> { id: "42" }; undefined when it does not match. */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return undefined;
  }
  return params;
}

interface AnchorProps {
  href: string;
  children?: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string;
  onClick?: (e: MouseEvent) => void;
}

/** A link to a page of the app. */
export function Link({ href: to, onClick, ...rest }: AnchorProps) {
  const url = href(to);
  return (
    <a
      {...rest}
      href={url}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(url);
      }}
    />
  );
}
