import { ConnectionActions, SlackChannelForm } from '@/components/integrations/connection-actions';
import { SlackConnectForm } from '@/components/integrations/slack-connect-form';
import { TeamsConnectForm } from '@/components/integrations/teams-connect-form';
import { Alert, Note } from '@/components/ui/alert';
import { Badge, type Tone } from '@/components/ui/badge';
import { Fact } from '@/components/ui/facts';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { CHAT_KIND_LABELS, type ChatConnectionStatus } from '@/server/domain/chat/kinds';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Integrations' };

const STATUS: Record<ChatConnectionStatus, { tone: Tone; label: string }> = {
  active: { tone: 'ok', label: 'Connected' },
  failing: { tone: 'warn', label: 'Failing, retrying' },
  needs_attention: { tone: 'danger', label: 'Needs attention' },
};

type Listing = Awaited<
  ReturnType<Awaited<ReturnType<typeof serverCaller>>['integrations']['list']>
>;
type Connection = NonNullable<Listing['connections'][number]['connection']>;

function ConnectionFacts({ c }: { c: Connection }) {
  return (
    <dl className="facts">
      <Fact label="Status">
        <Badge tone={STATUS[c.status].tone} testId={`${c.kind}-status`}>
          {STATUS[c.status].label}
        </Badge>
      </Fact>
      <Fact label="Mode">
        {c.mode === 'bot' ? 'Slack app (approvals in Slack)' : 'Incoming webhook (notify only)'}
      </Fact>
      {c.teamId && <Fact label="Workspace">{c.teamId}</Fact>}
      {c.botTokenHint && <Fact label="Bot token">{c.botTokenHint}</Fact>}
      {c.signingSecretHint && <Fact label="Signing secret">{c.signingSecretHint}</Fact>}
      {c.webhookUrlHint && <Fact label="Webhook">{c.webhookUrlHint}</Fact>}
      <Fact label="Last message">
        {c.lastDeliveredAt ? formatDateTime(c.lastDeliveredAt) : 'none yet'}
      </Fact>
      {c.lastError && (
        <Fact label="Last error">
          <span data-testid={`${c.kind}-last-error`}>{c.lastError}</span>
          {c.lastErrorAt && <span className="muted"> · {formatDateTime(c.lastErrorAt)}</span>}
        </Fact>
      )}
    </dl>
  );
}

export default async function IntegrationsPage() {
  const caller = await serverCaller();
  const result = await guarded(() => caller.integrations.list());
  if (!result.ok) return <Refusal message={result.message} />;
  const { connections, interactionUrl, secretsKeyConfigured } = result.data;
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Approvals waiting on a member go to them in Slack; critical signals, escalations and new cases go to a channel. Secrets are stored encrypted and shown only as hints."
      />
      {!secretsKeyConfigured && (
        <Alert tone="warn" role="status">
          VIGIL_SECRETS_KEY is not set, so Vigil cannot store tokens or webhook URLs. An operator
          sets it and restarts Vigil.
        </Alert>
      )}
      {connections.map(({ kind, connection }) => (
        <section key={kind} className="card stack" data-testid={`integration-${kind}`}>
          <h2>{CHAT_KIND_LABELS[kind]}</h2>
          {connection ? (
            <>
              <ConnectionFacts c={connection} />
              {kind === 'slack' && connection.mode === 'bot' && (
                <SlackChannelForm channelId={connection.channelId} />
              )}
              <ConnectionActions kind={kind} />
              <details>
                <summary>Replace the settings</summary>
                {kind === 'slack' ? <SlackConnectForm replacing /> : <TeamsConnectForm replacing />}
              </details>
            </>
          ) : kind === 'slack' ? (
            <>
              <Note>
                Create a Slack app from the manifest in the integration guide, set its interactivity
                request URL to <code>{interactionUrl}</code>, install it, and paste its bot token
                and signing secret here.
              </Note>
              <SlackConnectForm replacing={false} />
            </>
          ) : (
            <>
              <Note>
                In Teams, add an incoming webhook (or a Workflows “post to a channel when a webhook
                request is received” flow) to the channel and paste its URL here.
              </Note>
              <TeamsConnectForm replacing={false} />
            </>
          )}
        </section>
      ))}
    </>
  );
}
