import type { Metadata } from 'next';
import Link from 'next/link';
import { UnsubscribeForm } from '@/components/notifications/unsubscribe-form';
import { Note } from '@/components/ui/alert';
import { unsubscribeTokenSchema } from '@/server/domain/notifications/inputs';
import { describeUnsubscribe } from '@/server/services/notifications/unsubscribe';

// The link is the credential: never indexed, never sent on as a referrer.
export const metadata: Metadata = {
  title: 'Notification preferences',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};
export const dynamic = 'force-dynamic';

/**
 * The unsubscribe link in every notification (docs/NOTIFICATIONS.md §Unsubscribe links): opening
 * it changes nothing; the button asks to turn the category off.
 */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = unsubscribeTokenSchema.safeParse(token);
  const page = wellFormed.success
    ? await describeUnsubscribe(wellFormed.data)
    : { state: 'refused' as const, message: 'This unsubscribe link is not valid.' };
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack">
        {page.state === 'refused' ? (
          <div className="empty" data-testid="unsubscribe-refused">
            <h1 className="auth-title mb-8">This link cannot be used</h1>
            <p>{page.message}</p>
            <Link href="/settings/notifications">Sign in to change your preferences</Link>
          </div>
        ) : (
          <>
            <h1 className="auth-title">Stop “{page.label}” mail?</h1>
            <Note>
              For {page.email} in {page.orgName}. Other kinds of mail stay as they are.
            </Note>
            {page.alreadyOff ? (
              <p data-testid="unsubscribe-already-off">
                This mail is already off for you. Change it in{' '}
                <Link href="/settings/notifications">Settings → Notifications</Link>.
              </p>
            ) : (
              <UnsubscribeForm token={token} label={page.label} />
            )}
          </>
        )}
      </div>
    </div>
  );
}
