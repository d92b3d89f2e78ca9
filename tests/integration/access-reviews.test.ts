import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import {
  campaignPageSchema,
  createCampaignSchema,
  decideItemsSchema,
  listReviewItemsSchema,
  scopeCountSchema,
} from '@/server/domain/access-reviews/inputs';
import {
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { isoDay } from '@/server/domain/time';
import {
  createCampaign,
  deleteDraftCampaign,
  launchCampaign,
} from '@/server/services/access-reviews/campaign-commands';
import { getCampaign, listCampaigns } from '@/server/services/access-reviews/campaign-queries';
import { countGrantsInScope } from '@/server/services/access-reviews/campaign-scope';
import {
  decideReviewItems,
  reassignReviewItem,
} from '@/server/services/access-reviews/item-decisions';
import { listReviewItems } from '@/server/services/access-reviews/item-queries';
import {
  remindAndEscalateReviews,
  verifyReviewRemediations,
} from '@/server/services/access-reviews/jobs';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { databaseError, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const ids = {} as {
  staff: string;
  bossPerson: string;
  officer: string;
  ledger: string;
  wiki: string;
  vendor: string;
  read: string;
  admin: string;
  edit: string;
};
const compliance = () => actorFor(a, 'compliance');
const manager = () => actorFor(a, 'manager');
const daysFromNow = (d: number) => isoDay(new Date(Date.now() + d * 86_400_000));

async function grant(personId: string, privilegeId: string, status = 'active'): Promise<string> {
  const [row] = await rawRows<{ id: string }>(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at, expires_at, imported_approver)
    select ${a.id}, ${personId}, pr.system_id, pr.id, ${status}, 'import', 'test grant', now() - interval '10 days', now() + interval '60 days', 'boss@example.test'
    from privileges pr where pr.org_id = ${a.id} and pr.id = ${privilegeId}
    returning id`);
  return row!.id;
}

async function grantStatus(id: string): Promise<string> {
  const [row] = await rawRows<{ status: string }>(
    sql`select status from access_grants where org_id = ${a.id} and id = ${id}`,
  );
  return row!.status;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

async function itemFor(campaignId: string, grantId: string) {
  const c = await getCampaign(compliance(), campaignPageSchema.parse({ campaignId }));
  const item = c.items.find((i) => i.grantId === grantId);
  if (!item) throw new Error('no item for that grant');
  return item;
}

async function launched(
  name: string,
  scope: { systemIds?: string[]; vendorIds?: string[]; minSensitivity?: 'low' | 'critical' },
  dueDate = daysFromNow(14),
) {
  const { id } = await createCampaign(
    compliance(),
    createCampaignSchema.parse({ name, scope, dueDate }),
  );
  await launchCampaign(compliance(), { campaignId: id });
  return id;
}

let grants: { staffRead: string; staffAdmin: string; bossAdmin: string; officerEdit: string };

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('reviewalpha');
  b = await createTestOrg('reviewbravo');
  const admin = actorFor(a, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Manila Support Co',
      questionnaire: { productionAccess: true },
      country: 'PH',
    }),
  );
  ids.vendor = vendor.id;
  const boss = await createPerson(
    admin,
    personInputSchema.parse({
      email: a.users.manager.email,
      fullName: 'Mateo Boss',
      type: 'employee',
    }),
  );
  ids.bossPerson = boss.id;
  const staff = await createPerson(
    admin,
    personInputSchema.parse({
      email: 'jun@manila.test',
      fullName: 'Jun Reyes',
      type: 'vendor_staff',
      vendorId: vendor.id,
      managerId: boss.id,
    }),
  );
  ids.staff = staff.id;
  const officer = await createPerson(
    admin,
    personInputSchema.parse({
      email: a.users.compliance.email,
      fullName: 'Chen Officer',
      type: 'employee',
    }),
  );
  ids.officer = officer.id;
  await rawRows(
    sql`update people set user_id = ${a.users.manager.id} where org_id = ${a.id} and id = ${boss.id}`,
  );
  await rawRows(
    sql`update people set user_id = ${a.users.compliance.id} where org_id = ${a.id} and id = ${officer.id}`,
  );
  const ledger = await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Ledger',
      ownerUserId: a.users.admin.id,
      privileges: [
        { name: 'read', sensitivity: 'low' },
        { name: 'admin', sensitivity: 'critical' },
      ],
    }),
  );
  const wiki = await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Wiki',
      privileges: [{ name: 'edit', sensitivity: 'medium' }],
    }),
  );
  ids.ledger = ledger.id;
  ids.wiki = wiki.id;
  const lp = (await getSystem(admin, { systemId: ledger.id })).privileges;
  ids.read = lp.find((p) => p.name === 'read')!.id;
  ids.admin = lp.find((p) => p.name === 'admin')!.id;
  ids.edit = (await getSystem(admin, { systemId: wiki.id })).privileges[0]!.id;
  grants = {
    staffRead: await grant(staff.id, ids.read),
    staffAdmin: await grant(staff.id, ids.admin),
    bossAdmin: await grant(boss.id, ids.admin),
    officerEdit: await grant(officer.id, ids.edit),
  };
  // Not in any scope: already ended.
  await grant(officer.id, ids.read, 'revoked');
});
afterAll(() => teardown());

describe('access-review campaigns', () => {
  it('counts and snapshots exactly the grants in scope; later grant changes leave items alone', async () => {
    expect(
      await countGrantsInScope(compliance(), scopeCountSchema.parse({ systemIds: [ids.ledger] })),
    ).toEqual({
      grants: 3,
      people: 2,
    });
    expect(
      (
        await countGrantsInScope(
          compliance(),
          scopeCountSchema.parse({
            systemIds: [ids.ledger],
            minSensitivity: 'critical',
          }),
        )
      ).grants,
    ).toBe(2);
    expect(
      (await countGrantsInScope(compliance(), scopeCountSchema.parse({ vendorIds: [ids.vendor] })))
        .grants,
    ).toBe(2);

    const id = await launched('Ledger Q1', { systemIds: [ids.ledger] });
    const before = await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }));
    expect(before.status).toBe('active');
    expect(before.items.map((i) => i.grantId).sort()).toEqual(
      [grants.staffRead, grants.staffAdmin, grants.bossAdmin].sort(),
    );
    const staffAdmin = before.items.find((i) => i.grantId === grants.staffAdmin)!;
    expect(staffAdmin).toMatchObject({
      person: { name: 'Jun Reyes' },
      system: { name: 'Ledger' },
      privilege: 'admin',
      sensitivity: 'critical',
      justification: 'test grant',
      approver: 'boss@example.test',
    });

    // The grant moves on; the snapshot does not.
    await rawRows(sql`update access_grants set expires_at = now() + interval '1 day', justification = 'changed'
      where org_id = ${a.id} and id = ${grants.staffAdmin}`);
    const later = await grant(ids.officer, ids.admin, 'active');
    expect(
      (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }))).items.length,
    ).toBe(3);
    await rawRows(
      sql`update access_grants set status = 'withdrawn' where org_id = ${a.id} and id = ${later}`,
    );
    const after = await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }));
    expect(after.items.length).toBe(3);
    const again = after.items.find((i) => i.grantId === grants.staffAdmin)!;
    expect(again.justification).toBe('test grant');
    expect(again.expiresAt?.toISOString()).toBe(staffAdmin.expiresAt?.toISOString());
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${a.id} and entity_id = ${id} order by seq`,
    );
    expect(audit.map((r) => r.action)).toEqual([
      'access_review.campaign_created',
      'access_review.campaign_launched',
    ]);
    // Launch mails each reviewer once.
    const mails = await rawRows<{ to_address: string }>(sql`select to_address from outbox_messages
      where org_id = ${a.id} and related_id = ${id} and category = 'access_review.assigned' order by to_address`);
    expect(mails.map((m) => m.to_address)).toEqual([a.users.admin.email, a.users.manager.email]);
  });

  it('pages a campaign by keyset while its progress and reviewer counts cover every item', async () => {
    const id = await launched('Paged', {});
    const whole = await getCampaign(
      compliance(),
      campaignPageSchema.parse({ campaignId: id, limit: 500 }),
    );
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(4); // so limit 2 takes several pages
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await getCampaign(
        compliance(),
        campaignPageSchema.parse({ campaignId: id, cursor, limit: 2 }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      // Counts are over the whole campaign on every page, not over the page shown.
      expect(page.progress).toEqual(whole.progress);
      expect(page.byReviewer).toEqual(whole.byReviewer);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(whole.items.map((i) => i.id));
    expect(whole.progress.total).toBe(whole.items.length);
    expect(whole.byReviewer.reduce((n, r) => n + r.total, 0)).toBe(whole.items.length);
    expect(whole.unassigned).toBe(
      whole.items.filter((i) => i.status === 'pending' && !i.reviewer).length,
    );
    await expect(
      getCampaign(
        compliance(),
        campaignPageSchema.parse({ campaignId: id, cursor: 'not-a-cursor' }),
      ),
    ).rejects.toThrow(/no longer valid/);
    // The inbox pages the same way, earliest due first.
    const inbox = await listReviewItems(
      compliance(),
      listReviewItemsSchema.parse({
        campaignId: id,
        status: 'all',
        limit: 200,
      }),
    );
    const paged: string[] = [];
    let at: string | undefined;
    do {
      const page = await listReviewItems(
        compliance(),
        listReviewItemsSchema.parse({
          campaignId: id,
          status: 'all',
          limit: 3,
          cursor: at,
        }),
      );
      paged.push(...page.items.map((i) => i.id));
      at = page.nextCursor ?? undefined;
    } while (at);
    expect(paged).toEqual(inbox.items.map((i) => i.id));
  });

  it("assigns the grantee's manager, else the system owner, never the grantee, else compliance", async () => {
    const id = await launched('Everything', {});
    const c = await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }));
    const by = (g: string) => c.items.find((i) => i.grantId === g)!;
    expect(by(grants.staffRead)).toMatchObject({
      reviewerBasis: 'manager',
      reviewer: { id: a.users.manager.id },
    });
    // The manager's own grant: no manager of his own → the system owner.
    expect(by(grants.bossAdmin)).toMatchObject({
      reviewerBasis: 'system_owner',
      reviewer: { id: a.users.admin.id },
    });
    // No manager, no owner: kept, visibly waiting for a reviewer.
    expect(by(grants.officerEdit)).toMatchObject({ reviewerBasis: 'fallback', reviewer: null });
    expect(by(grants.officerEdit).reviewerNote).toMatch(/assign a reviewer/);
    for (const item of c.items) expect(item.reviewer?.id).not.toBe(item.granteeUserId ?? 'none');

    // Reassigning to the grantee is refused; to another member is audited.
    const officerItem = by(grants.officerEdit);
    expect(
      await refusal(
        reassignReviewItem(compliance(), {
          itemId: officerItem.id,
          reviewerUserId: a.users.compliance.id,
        }),
      ),
    ).toMatch(/grantee cannot review/);
    await reassignReviewItem(compliance(), {
      itemId: officerItem.id,
      reviewerUserId: a.users.manager.id,
    });
    expect((await itemFor(id, grants.officerEdit)).reviewer?.id).toBe(a.users.manager.id);
    // Compliance cannot decide their own access either.
    expect(
      await refusal(
        decideReviewItems(
          compliance(),
          decideItemsSchema.parse({ itemIds: [officerItem.id], decision: 'keep' }),
        ),
      ),
    ).toMatch(/Nobody reviews their own access/);
  });

  it('shows a manager only the items assigned to them, with risk context, and refuses others', async () => {
    const id = await launched('Managers only', { systemIds: [ids.ledger] });
    const inbox = await listReviewItems(manager(), listReviewItemsSchema.parse({ campaignId: id }));
    expect(inbox.items.map((i) => i.grantId).sort()).toEqual(
      [grants.staffRead, grants.staffAdmin].sort(),
    );
    expect(inbox.items[0]!.risk).toMatchObject({
      openSignals: 0,
      unused: true,
      daysSinceActivity: null,
    });
    const bossItem = await itemFor(id, grants.bossAdmin);
    const msg = await refusal(
      decideReviewItems(
        manager(),
        decideItemsSchema.parse({
          itemIds: [bossItem.id],
          decision: 'revoke',
          rationale: 'not mine to decide',
        }),
      ),
    );
    expect(msg).toMatch(/assigned to another reviewer|own access/);
    expect(await grantStatus(grants.bossAdmin)).toBe('active');
    expect((await itemFor(id, grants.bossAdmin)).status).toBe('pending');
  });

  it('requires a rationale for revoke and modify; bad input changes nothing', async () => {
    const id = await launched('Rationale', { systemIds: [ids.ledger] });
    const item = await itemFor(id, grants.staffRead);
    const caller = await callerFor(a, 'manager');
    await expect(
      caller.accessReviews.decide({ itemIds: [item.id], decision: 'revoke', rationale: '' }),
    ).rejects.toThrow(/rationale/);
    await expect(
      caller.accessReviews.decide({
        itemIds: [item.id],
        decision: 'modify',
        rationale: 'shorter please',
      }),
    ).rejects.toThrow(/new end date/);
    expect(
      await refusal(
        decideReviewItems(
          manager(),
          decideItemsSchema.parse({
            itemIds: [item.id],
            decision: 'modify',
            rationale: 'shorter please',
            expiresOn: daysFromNow(400),
          }),
        ),
      ),
    ).toMatch(/earlier than the current one/);
    expect((await itemFor(id, grants.staffRead)).status).toBe('pending');
    expect(await grantStatus(grants.staffRead)).toBe('active');
  });

  it('decides in bulk in one transaction: one refusal decides nothing', async () => {
    const id = await launched('Bulk', { systemIds: [ids.ledger] });
    const mine = await itemFor(id, grants.staffRead);
    const other = await itemFor(id, grants.bossAdmin);
    await refusal(
      decideReviewItems(
        manager(),
        decideItemsSchema.parse({
          itemIds: [mine.id, other.id],
          decision: 'keep',
          rationale: 'fine',
        }),
      ),
    );
    expect((await itemFor(id, grants.staffRead)).status).toBe('pending');
    const done = await decideReviewItems(
      compliance(),
      decideItemsSchema.parse({
        itemIds: [mine.id, other.id],
        decision: 'keep',
        rationale: 'still needed',
      }),
    );
    expect(done.decided).toBe(2);
    const history = (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id })))
      .history;
    expect(history.map((h) => h.decision)).toEqual(['keep', 'keep']);
  });

  it('revoke ends the live grant in the same transaction, the check verifies it, and the campaign completes', async () => {
    const staffTicket = await grant(ids.staff, ids.edit);
    const id = await launched('Wiki revoke', { systemIds: [ids.wiki] });
    const item = await itemFor(id, staffTicket);
    const officerItem = await itemFor(id, grants.officerEdit);
    // First keep, then change the mind: history keeps both.
    await decideReviewItems(
      manager(),
      decideItemsSchema.parse({ itemIds: [item.id], decision: 'keep' }),
    );
    const r = await decideReviewItems(
      manager(),
      decideItemsSchema.parse({
        itemIds: [item.id],
        decision: 'revoke',
        rationale: 'No longer on the wiki team',
      }),
    );
    expect(r.revoked).toBe(1);
    expect(await grantStatus(staffTicket)).toBe('revoked');
    const [ended] = await rawRows<{ end_reason: string; revoked_by: string }>(
      sql`select end_reason, revoked_by from access_grants where org_id = ${a.id} and id = ${staffTicket}`,
    );
    expect(ended!.revoked_by).toBe(a.users.manager.id);
    expect(ended!.end_reason).toContain('No longer on the wiki team');
    let decided = await itemFor(id, staffTicket);
    expect(decided.remediation.executedAt).not.toBeNull();
    expect(decided.remediation.verifiedAt).toBeNull();
    // A revoked decision cannot be turned back into keep.
    expect(
      await refusal(
        decideReviewItems(
          manager(),
          decideItemsSchema.parse({ itemIds: [item.id], decision: 'keep' }),
        ),
      ),
    ).toMatch(/already revoked/);

    expect(await verifyReviewRemediations(a.id)).toEqual({ verified: 1, stillActive: 0 });
    expect(await verifyReviewRemediations(a.id)).toEqual({ verified: 0, stillActive: 0 });
    decided = await itemFor(id, staffTicket);
    expect(decided.remediation).toMatchObject({ result: 'gone' });
    expect(decided.remediation.verifiedAt).not.toBeNull();

    const c = await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }));
    // Newest first, each labelled with its item even when that item is on another page.
    expect(c.history.filter((h) => h.itemId === item.id).map((h) => h.decision)).toEqual([
      'revoke',
      'keep',
    ]);
    expect(c.history[0]!.item).toMatch(/ · /);
    expect(c.status).toBe('active');
    await decideReviewItems(
      admin(),
      decideItemsSchema.parse({
        itemIds: [officerItem.id],
        decision: 'keep',
        rationale: 'ok',
      }),
    );
    expect(
      (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }))).status,
    ).toBe('completed');
    // The campaign is complete: "Decided" counts the running campaigns,
    // as the overview's "X of N decided" does, unless this campaign is chosen.
    const decidedIn = async (campaignId?: string) =>
      listReviewItems(compliance(), listReviewItemsSchema.parse({ status: 'decided', campaignId }));
    const chosen = await decidedIn(id);
    expect(chosen.counts.decided).toBe(2);
    expect(chosen.items.map((i) => i.id).sort()).toEqual([item.id, officerItem.id].sort());
    const running = await decidedIn();
    expect(running.items.some((i) => i.campaign.id === id)).toBe(false);
    const active = (await listCampaigns(compliance())).filter((c) => c.status === 'active');
    expect(running.counts.decided).toBe(active.reduce((n, c) => n + c.progress.decided, 0));
    expect(
      await refusal(
        decideReviewItems(
          admin(),
          decideItemsSchema.parse({ itemIds: [officerItem.id], decision: 'keep' }),
        ),
      ),
    ).toMatch(/completed/);

    // A revocation undone behind the review's back is flagged loudly.
    await rawRows(
      sql`update access_grants set status = 'active', ended_at = null where org_id = ${a.id} and id = ${staffTicket}`,
    );
    await rawRows(
      sql`update access_review_items set remediation_verified_at = null, verification_result = null where org_id = ${a.id} and grant_id = ${staffTicket}`,
    );
    expect(await verifyReviewRemediations(a.id)).toEqual({ verified: 0, stillActive: 1 });
    expect(
      (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id }))).stillActive
        .length,
    ).toBe(1);
    expect((await listCampaigns(compliance())).find((x) => x.id === id)?.stillActive).toBe(1);
  });

  it('modify shortens the live grant through the grant service, and the check verifies it', async () => {
    const temp = await grant(ids.bossPerson, ids.edit);
    const id = await launched('Wiki shorten', { systemIds: [ids.wiki] });
    const item = await itemFor(id, temp);
    const end = daysFromNow(7);
    await decideReviewItems(
      admin(),
      decideItemsSchema.parse({
        itemIds: [item.id],
        decision: 'modify',
        rationale: 'One more week for the handover',
        expiresOn: end,
      }),
    );
    const [live] = await rawRows<{ status: string; expires_at: string | Date }>(
      sql`select status, expires_at from access_grants where org_id = ${a.id} and id = ${temp}`,
    );
    expect(live!.status).toBe('active');
    expect(isoDay(new Date(live!.expires_at))).toBe(end);
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${a.id} and entity_id = ${temp} order by seq`,
    );
    expect(audit.map((r) => r.action)).toContain('access.grant_shortened');
    await verifyReviewRemediations(a.id);
    expect((await itemFor(id, temp)).remediation).toMatchObject({ result: 'shortened' });
  });

  it('keeps the decision history append-only for the app role', async () => {
    const message = await databaseError(
      withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
        tx.execute(sql`update access_review_decisions set rationale = 'rewritten'`),
      ),
    );
    expect(message).toMatch(/permission denied/);
  });

  it('shows new, removed and unchanged access against the last completed campaign', async () => {
    const { id: first } = await createCampaign(
      compliance(),
      createCampaignSchema.parse({
        name: 'Ledger baseline',
        scope: { systemIds: [ids.ledger] },
        dueDate: daysFromNow(10),
      }),
    );
    await launchCampaign(compliance(), { campaignId: first });
    const items = (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: first })))
      .items;
    await decideReviewItems(
      admin(),
      decideItemsSchema.parse({
        itemIds: items.map((i) => i.id),
        decision: 'keep',
        rationale: 'ok',
      }),
    );
    expect(
      (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: first }))).status,
    ).toBe('completed');
    // Since then: the boss loses admin, the officer gains read.
    await rawRows(
      sql`update access_grants set status = 'revoked' where org_id = ${a.id} and id = ${grants.bossAdmin}`,
    );
    await grant(ids.officer, ids.read);
    const second = await launched('Ledger next', { systemIds: [ids.ledger] });
    const diff = (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: second })))
      .diff!;
    expect(diff.previous.id).toBe(first);
    expect(diff.added.map((d) => `${d.person}:${d.privilege}`)).toEqual(['Chen Officer:read']);
    expect(diff.removed.map((d) => `${d.person}:${d.privilege}`)).toEqual(['Mateo Boss:admin']);
    expect(diff.unchanged.map((d) => `${d.person}:${d.privilege}`).sort()).toEqual([
      'Jun Reyes:admin',
      'Jun Reyes:read',
    ]);
  });

  it('reminds before the due date and escalates after it, each once', async () => {
    await rawRows(
      sql`update access_review_campaigns set status = 'completed' where org_id = ${a.id}`,
    );
    const id = await launched('Due soon', { systemIds: [ids.ledger] }, daysFromNow(2));
    const mails = async (category: string) =>
      (
        await rawRows<{ n: number }>(sql`select count(*)::int as n from outbox_messages
          where org_id = ${a.id} and related_id = ${id} and category = ${category}`)
      )[0]!.n;
    const first = await remindAndEscalateReviews(a.id);
    expect(first.reminded).toBeGreaterThan(0);
    expect(first.escalated).toBe(0);
    const reminders = await mails('access_review.reminder');
    expect(reminders).toBeGreaterThan(0);
    expect(await remindAndEscalateReviews(a.id)).toEqual({ reminded: 0, escalated: 0 });
    expect(await mails('access_review.reminder')).toBe(reminders);

    const past = new Date(Date.now() + 5 * 86_400_000);
    const escalated = await remindAndEscalateReviews(a.id, past);
    expect(escalated.escalated).toBe(first.reminded);
    const escalations = await mails('access_review.escalation');
    expect(escalations).toBeGreaterThan(0);
    expect(await remindAndEscalateReviews(a.id, past)).toEqual({ reminded: 0, escalated: 0 });
    expect(await mails('access_review.escalation')).toBe(escalations);
    const items = (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id })))
      .items;
    expect(items.every((i) => i.escalatedAt !== null)).toBe(true);
  });

  it("deletes a draft, audited, and refuses to delete a launched campaign or anyone else's", async () => {
    const { id: draft } = await createCampaign(
      compliance(),
      createCampaignSchema.parse({
        name: 'Made by mistake',
        scope: { systemIds: [ids.ledger] },
        dueDate: daysFromNow(5),
      }),
    );
    expect(await refusal(deleteDraftCampaign(manager(), { campaignId: draft }))).toMatch(
      /compliance|admin|not allowed|permission/i,
    );
    expect(
      await refusal(deleteDraftCampaign(actorFor(b, 'compliance'), { campaignId: draft })),
    ).toMatch(/No such access-review campaign/);
    expect(await deleteDraftCampaign(compliance(), { campaignId: draft })).toEqual({
      id: draft,
      name: 'Made by mistake',
    });
    expect((await listCampaigns(compliance())).map((c) => c.id)).not.toContain(draft);
    const [audit] = await rawRows<{ action: string; before: { name: string; status: string } }>(
      sql`select action, before from audit_log where org_id = ${a.id} and entity_id = ${draft} order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'access_review.campaign_deleted',
      before: { name: 'Made by mistake', status: 'draft' },
    });
    expect(await refusal(deleteDraftCampaign(compliance(), { campaignId: draft }))).toMatch(
      /No such/,
    );

    const live = await launched('Launched, kept', { systemIds: [ids.ledger] });
    expect(await refusal(deleteDraftCampaign(compliance(), { campaignId: live }))).toMatch(
      /Only a draft can be deleted/,
    );
    expect(
      (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: live }))).status,
    ).toBe('active');
  });

  it("keeps one organization's campaigns from another", async () => {
    const id = await launched('Private', { systemIds: [ids.ledger] });
    const other = actorFor(b, 'compliance');
    expect(await refusal(getCampaign(other, campaignPageSchema.parse({ campaignId: id })))).toMatch(
      /No such access-review campaign/,
    );
    expect(await listCampaigns(other)).toEqual([]);
    expect(
      (await listReviewItems(other, listReviewItemsSchema.parse({ status: 'all' }))).items,
    ).toEqual([]);
    const item = (await getCampaign(compliance(), campaignPageSchema.parse({ campaignId: id })))
      .items[0]!;
    expect(
      await refusal(
        decideReviewItems(
          other,
          decideItemsSchema.parse({
            itemIds: [item.id],
            decision: 'revoke',
            rationale: 'cross tenant',
          }),
        ),
      ),
    ).toMatch(/do not exist here/);
    expect(await refusal(launchCampaign(other, { campaignId: id }))).toMatch(/No such/);
    expect(
      await refusal(
        createCampaign(
          other,
          createCampaignSchema.parse({
            name: 'Theirs',
            scope: { systemIds: [ids.ledger] },
            dueDate: daysFromNow(3),
          }),
        ),
      ),
    ).toMatch(/do not exist here/);
    expect(await grantStatus(item.grantId)).toBe('active');
  });
});

const admin = () => actorFor(a, 'admin');
