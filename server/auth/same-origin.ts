/**
 * CSRF: a browser always sends Origin on cross-site POSTs; a POST whose Origin is not this host is
 * refused. (Requests without Origin come from non-browser clients, which carry no cookies of ours
 * unless a user pasted them.)
 */
export function isCrossSitePost(req: Request): boolean {
  if (req.method !== 'POST') return false;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
