import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCampaignSchema, signAttestationSchema } from '@/server/domain/attestations/inputs';
import { caseIdSchema, closeCaseSchema, openCaseSchema } from '@/server/domain/cases/inputs';
import { erasePersonSchema } from '@/server/domain/erasure/inputs';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { isoDay } from '@/server/domain/time';
import { launchCampaign } from '@/server/services/attestations/campaign-commands';
import { signAttestation } from '@/server/services/attestations/signing';
import { listTemplates } from '@/server/services/attestations/templates';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { closeCase, openCase, startInvestigation } from '@/server/services/cases/case-commands';
import { erasePerson, erasePersonAsOperator } from '@/server/services/erasure/erase-person';
import { setLegalHold } from '@/server/services/erasure/legal-hold';
import { createPerson } from '@/server/services/inventory/people-commands';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const ids: Record<string, string> = {};
const ERIN = { email: 'erin.erase@erase-a.test', name: 'Erin Erasmus' };
const OLGA = { email: 'olga.other@erase-a.test', name: 'Olga Otherton' };
const DAY = 86_400_000;

async function person(org: TestOrg, email: string, fullName: string, phone: string) {
  const p = await createPerson(
    actorFor(org, 'admin'),
    personInputSchema.parse({
      email,
      fullName,
      type: 'employee',
      department: 'Finance',
      country: 'DE',
      identifiers: [{ kind: 'phone', value: phone }],
    }),
  );
  return p.id;
}

let n = 0;
/** An event of the person's, resolved or (`actorKey` only) not yet linked to them. */
async function event(orgId: string, personId: string | null, actorKey: string, at: Date) {
  n += 1;
  const month = `${at.toISOString().slice(0, 7)}-01`;
  await rawRows(sql`select vigil_ensure_event_partition(${month}::date)`);
  await rawRows(sql`
    insert into access_events (org_id, occurred_at, source, source_event_id, batch_id, person_id,
      actor_key, actor, action, ip, country)
    values (${orgId}, ${at.toISOString()}::timestamptz, 'test', ${`e${n}`}, gen_random_uuid(),
      ${personId}, ${actorKey}, ${actorKey.split(':')[1]}, 'login', '198.51.100.7', 'DE')`);
}

async function signal(orgId: string, personId: string, explanation: string): Promise<string> {
  n += 1;
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key,
      explanation, detector_version)
    values (${orgId}, 'bulk_download', ${personId}, 'high', now() - interval '1 day', now(),
      ${`t:${n}`}, ${explanation}, 'test')
    returning id`);
  return row!.id;
}

async function countsFor(orgId: string, personId: string) {
  const tables = [
    'access_events',
    'actor_identities',
    'person_identifiers',
    'signals',
    'person_risk_scores',
    'person_risk_factors',
    'watchlist_matches',
    'case_people',
    'attestation_requests',
    'access_grants',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(t)} where org_id = ${orgId} and person_id = ${personId}`,
    );
    out[t] = row!.n;
  }
  const [history] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from risk_history where org_id = ${orgId} and subject_id = ${personId}`,
  );
  out.risk_history = history!.n;
  return out;
}

/** Every row of every table holding the organization's data, as text. */
async function everythingOf(orgId: string): Promise<string> {
  const tables = await rawRows<{ table_name: string }>(sql`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
    order by 1`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await rawRows<{ t: string }>(
      sql`select row_to_json(x)::text as t from ${sql.identifier(table_name)} x where org_id = ${orgId}`,
    );
    parts.push(...rows.map((r) => `${table_name}: ${r.t}`));
  }
  const [org] = await rawRows<{ t: string }>(
    sql`select row_to_json(o)::text as t from organizations o where id = ${orgId}`,
  );
  return [...parts, org!.t].join('\n');
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('erase-a');
  b = await createTestOrg('erase-b');
  ids.erin = await person(a, ERIN.email, ERIN.name, '+49 30 1234567');
  ids.olga = await person(a, OLGA.email, OLGA.name, '+49 30 7654321');
  // The same person in another tenant: erasure in A must not touch them.
  ids.erinB = await person(b, ERIN.email, ERIN.name, '+49 30 1234567');

  const now = Date.now();
  for (const [org, key, id] of [
    [a, 'erin', ids.erin],
    [a, 'olga', ids.olga],
    [b, 'erinB', ids.erinB],
  ] as const) {
    const actorKey = `email:${key === 'olga' ? OLGA.email : ERIN.email}`;
    await event(org.id, id, actorKey, new Date(now - DAY));
    await event(org.id, id, actorKey, new Date(now - 40 * DAY));
  }
  // An event not yet linked, whose actor identity an admin resolved to Erin.
  await rawRows(sql`
    insert into actor_identities (org_id, actor_key, kind, value, status, person_id, first_seen_at, last_seen_at)
    values (${a.id}, 'okta:erin.e', 'okta', 'erin.e', 'resolved', ${ids.erin}, now(), now())`);
  await event(a.id, null, 'okta:erin.e', new Date(now - 2 * DAY));

  ids.erinSignal = await signal(a.id, ids.erin, `${ERIN.name} downloaded 900 records`);
  ids.olgaSignal = await signal(a.id, ids.olga, `${OLGA.name} downloaded 800 records`);
  await signal(b.id, ids.erinB, `${ERIN.name} downloaded 700 records`);

  await rawRows(sql`
    insert into watchlist_entries (org_id, source, name, identifiers)
    values (${a.id}, 'test list', 'Erin Erazmus', '[]'::jsonb)`);
  await rawRows(sql`
    insert into watchlist_matches (org_id, person_id, entry_id, matched_on, similarity)
    select ${a.id}, ${ids.erin}, id, '{name}', 0.97 from watchlist_entries where org_id = ${a.id}`);

  // Erin signs an attestation through her link: entries whose actor is the person herself.
  const compliance = actorFor(a, 'compliance');
  const templates = await listTemplates(compliance);
  await launchCampaign(
    compliance,
    launchCampaignSchema.parse({
      name: 'Anti-bribery 2026',
      templateId: templates.find((t) => t.key === 'anti_bribery')!.id,
      audience: { kind: 'all_staff' },
      dueDate: isoDay(new Date(now + 10 * DAY)),
    }),
  );
  const [mail] = await rawRows<{ body_text: string }>(sql`
    select body_text from outbox_messages where org_id = ${a.id} and to_address = ${ERIN.email}`);
  const token = /\/attest\/([A-Za-z0-9_-]{43})/.exec(mail!.body_text)![1]!;
  const answers = { read_policy: 'yes', approached: 'no', offered: 'no' };
  await signAttestation(
    signAttestationSchema.parse({ token, answers, typedSignature: ERIN.name }),
    { requestId: 'sign', ip: '203.0.113.44', userAgent: 'vitest' },
  );

  await recomputeOrgRisk(a.id);
  await recomputeOrgRisk(b.id);
});
afterAll(() => teardown());

describe('erasing a person', () => {
  it('has data about the person everywhere before', async () => {
    const c = await countsFor(a.id, ids.erin!);
    expect(c.access_events).toBe(2);
    expect(c.signals).toBe(1);
    // The phone given and the email, which every person carries as an identifier.
    expect(c.person_identifiers).toBe(2);
    expect(c.watchlist_matches).toBe(1);
    expect(c.attestation_requests).toBe(1);
    expect(c.person_risk_scores).toBe(1);
    const personActs = await rawRows(
      sql`select 1 from audit_log where org_id = ${a.id} and actor_type = 'person' and actor_id = ${ids.erin}`,
    );
    expect(personActs.length).toBeGreaterThan(0);
    expect(await everythingOf(a.id)).toContain(ERIN.email);
  });

  it('is refused under an open case, under a legal hold, and without the typed email', async () => {
    const admin = actorFor(a, 'admin');
    const opened = await openCase(
      admin,
      openCaseSchema.parse({
        title: `Bulk download by ${ERIN.name}`,
        severity: 'high',
        personIds: [ids.erin],
        signalIds: [ids.erinSignal],
      }),
    );
    const before = await countsFor(a.id, ids.erin!);
    const input = erasePersonSchema.parse({
      personId: ids.erin,
      confirmation: ERIN.email,
      reason: 'Art. 17 request #2026-41',
    });
    await expect(erasePerson(admin, input)).rejects.toThrow(/open case \(CASE-\d{4}\)/);
    await startInvestigation(admin, caseIdSchema.parse({ caseId: opened.id }));
    await closeCase(
      admin,
      closeCaseSchema.parse({
        caseId: opened.id,
        outcome: 'unsubstantiated',
        rationale: `${ERIN.name} (${ERIN.email}) ran the quarterly close`,
      }),
    );
    await setLegalHold(admin, { personId: ids.erin!, reason: 'Litigation hold 2026-7' });
    await expect(erasePerson(admin, input)).rejects.toThrow(/legal hold: Litigation hold 2026-7/);
    await setLegalHold(admin, { personId: ids.erin!, reason: null });
    await expect(erasePerson(admin, { ...input, confirmation: 'erin@wrong.test' })).rejects.toThrow(
      /Type the person’s email/,
    );
    await expect(erasePerson(actorFor(b, 'admin'), input)).rejects.toThrow(/No such person/);
    expect(await countsFor(a.id, ids.erin!)).toEqual(before);
  });

  it('removes the person’s data in one go, and the audit chain still verifies', async () => {
    const olgaBefore = await countsFor(a.id, ids.olga!);
    const bBefore = await everythingOf(b.id);
    const result = await erasePerson(
      actorFor(a, 'admin'),
      erasePersonSchema.parse({
        personId: ids.erin,
        confirmation: ` ${ERIN.email.toUpperCase()} `,
        reason: 'Art. 17 request #2026-41',
      }),
    );
    expect(result.counts).toMatchObject({
      accessEvents: 3,
      actorIdentities: 1,
      identifiers: 2,
      signals: 1,
      watchlistMatches: 1,
      attestationRequests: 1,
    });
    expect(result.counts.auditEntriesRedacted).toBeGreaterThan(3);

    // Every table that names the person by id holds nothing but the tombstone and blanked rows.
    const after = await countsFor(a.id, ids.erin!);
    expect(after).toMatchObject({
      access_events: 0,
      actor_identities: 0,
      person_identifiers: 0,
      signals: 0,
      person_risk_scores: 0,
      person_risk_factors: 0,
      watchlist_matches: 0,
      case_people: 0,
      risk_history: 0,
    });
    const [request] = await rawRows<Record<string, unknown>>(
      sql`select * from attestation_requests where org_id = ${a.id} and person_id = ${ids.erin}`,
    );
    expect(request).toMatchObject({ answers: null, typed_signature: null, signer_ip: null });
    const [tomb] = await rawRows<Record<string, unknown>>(
      sql`select email, full_name, department, country, erased_at from people where org_id = ${a.id} and id = ${ids.erin}`,
    );
    expect(tomb).toMatchObject({
      email: `erased-${ids.erin}@erased.invalid`,
      full_name: 'Erased person',
      department: null,
      country: null,
    });
    expect(tomb!.erased_at).not.toBeNull();

    // Nowhere in the organization's data, the audit log included, is the person's email, name,
    // phone or the IP they signed from.
    const everything = await everythingOf(a.id);
    for (const needle of [ERIN.email, ERIN.name, '+49 30 1234567', '+493012345', '203.0.113.44'])
      expect({
        needle,
        found: everything.split('\n').filter((line) => line.includes(needle)),
      }).toEqual({ needle, found: [] });
    expect(everything).toContain(OLGA.email);

    // The chain verifies; the erasure itself is an entry without the personal data.
    const verified = await verifyAuditChainAsSystem(a.id);
    expect(verified.ok).toBe(true);
    const [entry] = await rawRows<{
      after: { reason: string; counts: object };
      redacted_at: unknown;
    }>(
      sql`select after, redacted_at from audit_log where org_id = ${a.id} and action = 'person.erased'`,
    );
    expect(entry!.after.reason).toBe('Art. 17 request #2026-41');
    expect(entry!.redacted_at).toBeNull();
    const redacted = await rawRows<{ actor_label: string }>(
      sql`select actor_label from audit_log where org_id = ${a.id} and actor_type = 'person' and actor_id = ${ids.erin}`,
    );
    expect(redacted.length).toBeGreaterThan(0);
    expect(redacted.every((r) => r.actor_label === '[erased]')).toBe(true);

    // Others untouched: Olga in the same organization, and the same person in organization B.
    expect(await countsFor(a.id, ids.olga!)).toEqual(olgaBefore);
    expect(await everythingOf(b.id)).toBe(bBefore);
    expect((await verifyAuditChainAsSystem(b.id)).ok).toBe(true);
  });

  it('refuses a second erasure, and the operator path finds people by email', async () => {
    await expect(
      erasePersonAsOperator(a.id, `erased-${ids.erin}@erased.invalid`, 'again please'),
    ).rejects.toThrow(/already erased/);
    const result = await erasePersonAsOperator(a.id, OLGA.email, 'Leaver, contract ended');
    expect(result.personId).toBe(ids.olga);
    expect(await everythingOf(a.id)).not.toContain(OLGA.email);
    expect((await verifyAuditChainAsSystem(a.id)).ok).toBe(true);
    const [entry] = await rawRows<{ actor_label: string }>(
      sql`select actor_label from audit_log where org_id = ${a.id} and action = 'person.erased' and entity_id = ${ids.olga}`,
    );
    expect(entry!.actor_label).toBe('vigil-cli');
  });

  it('leaves the audit log append-only for everything but redaction', async () => {
    const message = await rawRows(
      sql`update audit_log set action = 'x' where org_id = ${a.id} and seq = 1`,
    ).catch((e: Error) => `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`);
    expect(String(message)).toMatch(/append-only/);
    // Even with the redaction switch on (in the same transaction), only the personal payload may
    // change.
    const sneaky = await asOwner(async (tx) => {
      await tx.execute(sql`select set_config('vigil.audit_redaction', 'on', true)`);
      await tx.execute(
        sql`update audit_log set before = null, after = null, payload_nonce = null, redacted_at = now(), action = 'forged' where org_id = ${a.id} and seq = 2`,
      );
    }).catch((e: Error) => `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`);
    expect(String(sneaky)).toMatch(/append-only/);
  });
});
