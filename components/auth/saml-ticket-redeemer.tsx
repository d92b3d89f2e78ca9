'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useRef } from 'react';
import { Note } from '@/components/ui/alert';

/** Trades the ACS's HttpOnly ticket cookie for a session; next-auth redirects either way. */
export function SamlTicketRedeemer() {
  const started = useRef(false);
  useEffect(() => {
    // The ticket redeems once: never post it twice (a re-run effect would fail the second).
    if (started.current) return;
    started.current = true;
    void signIn('saml', { callbackUrl: '/' });
  }, []);
  return <Note>Completing single sign-on with your identity provider.</Note>;
}
