import { NotificationPreferencesForm } from '@/components/notifications/notification-preferences-form';
import { PageHeader } from '@/components/ui/page-header';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Notifications' };

/** The signed-in member's own mail preferences (docs/NOTIFICATIONS.md §Preferences). */
export default async function NotificationSettingsPage() {
  const caller = await serverCaller();
  const { email, preferences } = await caller.notifications.preferences();
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            What Vigil mails you in this organization, at <strong>{email}</strong>, and sends you as
            a Slack direct message when the organization has connected Slack: the same choices apply
            to both. Each message also carries a link that turns its kind off without signing in.
          </>
        }
      />
      <NotificationPreferencesForm rows={preferences} />
    </>
  );
}
