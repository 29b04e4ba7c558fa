import { isApiPath } from './is-api-path.js';
import { routedPath } from './routed-path.js';

/**
 * Whether a request that matched no route gets the dashboard shell (the SPA fallback): a page
 * load (`GET`/`HEAD`) of a path the API does not own, as the router decodes it. The shell holds
 * no estate data, so it needs no token; everything else that matches no route is the API's 404.
 */
export function isDashboardPage(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !isApiPath(routedPath(url));
}
