import { and, desc, eq } from 'drizzle-orm';
import { attestationCampaigns, outboxMessages, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { isoDay } from '@/server/domain/time';
import { launchCampaign } from '@/server/services/attestations/campaign-commands';
import { sendAttestationReminders } from '@/server/services/attestations/reminders';
import { signAttestation } from '@/server/services/attestations/signing';
import { listTemplates } from '@/server/services/attestations/templates';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import type { OrgActor } from '@/server/services/shared/actor';

const SIGNER = { requestId: 'seed', ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (seed)' };
const inDays = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

/** The link the demo mailed to someone (it exists only in the outbox, as in production). */
async function latestLink(orgId: string, email: string): Promise<string> {
  const [row] = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ body: outboxMessages.bodyText })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.toAddress, email)))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1),
  );
  const token = /\/attest\/([A-Za-z0-9_-]{43})/.exec(row?.body ?? '')?.[1];
  if (!token) throw new Error(`no signing link mailed to ${email}`);
  return token;
}

const CLEAN_ANTI_BRIBERY = { read_policy: 'yes', approached: 'no', offered: 'no' };

/**
 * Two campaigns for the demo: an all-staff anti-bribery declaration in progress (some signed, one
 * disclosing an approach), and Manila Support's acceptable-use attestation past due, where Jun
 * Reyes has not signed (overdue: the gate refuses him new access and his risk counts it).
 */
export async function seedAttestations(compliance: OrgActor) {
  const templates = await listTemplates(compliance);
  const id = (key: string) => templates.find((t) => t.key === key)!.id;
  const [manilaRow] = await withTenant({ orgId: compliance.orgId, userId: null }, (tx) =>
    tx
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.orgId, compliance.orgId), eq(vendors.name, 'Manila Support Partners'))),
  );
  const manila = manilaRow?.id;

  await launchCampaign(compliance, {
    name: 'Anti-bribery declaration 2026',
    templateId: id('anti_bribery'),
    audience: { kind: 'all_staff' },
    dueDate: inDays(9),
  });
  const sign = async (email: string, name: string, answers: Record<string, string>) =>
    signAttestation(
      { token: await latestLink(compliance.orgId, email), answers, typedSignature: name },
      SIGNER,
    );
  await sign('admin@acme.test', 'Ada Okafor', CLEAN_ANTI_BRIBERY);
  await sign('manager@acme.test', 'Mateo Silva', CLEAN_ANTI_BRIBERY);
  await sign('compliance@acme.test', 'Chen Wei', CLEAN_ANTI_BRIBERY);
  await sign('maria.santos@manilasupport.example', 'Maria Santos', {
    read_policy: 'yes',
    approached: 'yes',
    approached_details:
      'In October a "recruiter" on Telegram offered 2,000 USDT a month to export customer KYC records from the support console. I refused and blocked them.',
    offered: 'yes',
    offered_details: 'The same contact offered the money; I did not accept anything.',
  });

  if (!manila) return;
  const overdue = await launchCampaign(compliance, {
    name: 'Manila Support: acceptable use',
    templateId: id('acceptable_use'),
    audience: { kind: 'vendor_staff', vendorId: manila },
    dueDate: inDays(1),
  });
  await sign('maria.santos@manilasupport.example', 'Maria Santos', {
    accepts: 'yes',
    shared_access: 'no',
  });
  // Launched three weeks ago and due five days ago (the demo cannot wait): the reminder run then
  // marks Jun overdue and mails him.
  await withTenant({ orgId: compliance.orgId, userId: null }, (tx) =>
    tx
      .update(attestationCampaigns)
      .set({
        launchedAt: new Date(Date.now() - 21 * 86_400_000),
        dueAt: new Date(Date.now() - 5 * 86_400_000),
      })
      .where(
        and(
          eq(attestationCampaigns.orgId, compliance.orgId),
          eq(attestationCampaigns.id, overdue.campaignId),
        ),
      ),
  );
  await sendAttestationReminders(compliance.orgId);
  // The disclosure is a signal: count it in the overview's chart.
  await refreshSignalDailyCounts(compliance.orgId);
}
