import { currentLocale, DEFAULT_LOCALE } from '../localization.js';

/**
 * Where the dashboard is, kept in the address alone so every view has a link that works
 * when shared or reloaded: `/dashboard` (the country), `?view=regions`, `?view=municipalities`,
 * `?view=policy`, and `?area=CODE` for a region or a municipality.
 */
export type Route =
  | { view: 'overview' }
  | { view: 'regions' }
  | { view: 'municipalities' }
  | { view: 'policy' }
  | { view: 'area'; area: string };

export const DASHBOARD_PATH = '/dashboard';

const LISTS = ['regions', 'municipalities', 'policy'] as const;

export function readRoute(href: string = location.href): Route {
  const params = new URL(href).searchParams;
  const area = params.get('area');
  if (area) return { view: 'area', area };
  const view = params.get('view');
  const list = LISTS.find((v) => v === view);
  return list ? { view: list } : { view: 'overview' };
}

/** The address of a view in the current language. */
export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  if (route.view === 'area') params.set('area', route.area);
  else if (route.view !== 'overview') params.set('view', route.view);
  const locale = currentLocale();
  if (locale !== DEFAULT_LOCALE) params.set('lang', locale);
  const search = params.toString();
  return search ? `${DASHBOARD_PATH}?${search}` : DASHBOARD_PATH;
}

export function areaHref(code: string): string {
  return routeHref({ view: 'area', area: code });
}
