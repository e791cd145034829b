// The page's addresses. They live after the '#' (wouter's hash location), so that every address is the one page the
// server serves, a deep link works without the server knowing the routes, and links written before still open.

/** The route patterns the router matches (wouter's syntax: `:id` is a parameter). */
export const paths = {
  inbox: '/inbox',
  list: '/list',
  create: '/new',
  quotas: '/quotas',
  dashboard: '/dashboard',
  movements: '/movements',
  movement: '/movements/:id',
  decisions: '/decisions',
  decision: '/decisions/:id',
  nomination: '/nominations/:id',
};

/** The href of a link to one of the paths. */
export const href = (path) => `#${path}`;
export const nominationHref = (id) => href(`/nominations/${id}`);
export const movementHref = (id) => href(`/movements/${id}`);
export const decisionHref = (id) => href(`/decisions/${id}`);
