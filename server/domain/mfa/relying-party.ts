/**
 * WebAuthn binds a passkey to the site's host name (the RP ID) and checks the page's origin, so
 * both come from the URL the app is configured to serve (NEXTAUTH_URL), never from a request
 * header a client controls.
 */
export function relyingPartyOf(
  appUrl: string | undefined,
): { rpID: string; origin: string } | null {
  if (!appUrl) return null;
  try {
    const url = new URL(appUrl);
    return { rpID: url.hostname, origin: url.origin };
  } catch {
    return null;
  }
}
