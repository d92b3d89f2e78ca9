import { describe, expect, it } from 'vitest';
import { mapCandidateCells, readCandidateCsv } from './ats-formats';

describe('ATS exports', () => {
  it('maps a Greenhouse export and ignores the columns it does not read', () => {
    const csv = [
      'Candidate ID,First Name,Last Name,Email,Phone,Job,Current Stage,Recruiter,Location,Applied On,LinkedIn Profile,EEOC Gender',
      '4411,Ada,Byron,ada@example.test,+4915123456789,Backend Engineer,Offer,Rita Recruiter,"Berlin, Germany",2026-11-02,https://www.linkedin.com/in/ada-b,Decline',
    ].join('\n');
    const read = readCandidateCsv(csv, 'greenhouse');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.ignored).toEqual(['EEOC Gender']);
    const row = mapCandidateCells(read.rows[0]!.cells);
    expect(row.ok).toBe(true);
    if (!row.ok) return;
    expect(row.person).toMatchObject({
      email: 'ada@example.test',
      full_name: 'Ada Byron',
      type: 'candidate',
      country: 'DE',
      phone: '+4915123456789',
      external_ids: 'linkedin:https://www.linkedin.com/in/ada-b',
    });
    expect(row.profile).toMatchObject({ stage: 'Offer', role: 'Backend Engineer', atsId: '4411' });
  });

  it('maps a Lever export with several emails, phones and links', () => {
    const csv = [
      'Opportunity ID,Name,Emails,Phones,Location,Posting,Stage,Owner,Links,Created At (GMT)',
      'op-1,Bo Lee,"bo@example.test, bo.lee@mail.test","+4915123456789, +445612345678","Leeds, UK",SRE,Phone screen,Sam Owner,"https://github.com/bolee, https://example.test/blog",2026-11-20T10:11:12Z',
    ].join('\n');
    const read = readCandidateCsv(csv, 'lever');
    if (!read.ok) throw new Error(read.error);
    const row = mapCandidateCells(read.rows[0]!.cells);
    if (!row.ok) throw new Error(row.reason);
    expect(row.person.email).toBe('bo@example.test');
    expect(row.person.external_ids).toBe(
      'email:bo.lee@mail.test;phone:+445612345678;github:https://github.com/bolee',
    );
    expect(row.person.country).toBe('GB');
    expect(row.profile).toMatchObject({ appliedOn: '2026-11-20', recruiter: 'Sam Owner' });
  });

  it('refuses a file without an email column and a row of another type', () => {
    expect(readCandidateCsv('Name,Phone\nA,1\n', 'lever')).toMatchObject({ ok: false });
    const read = readCandidateCsv('email,full_name,type\nx@example.test,X Y,employee\n', 'vigil');
    if (!read.ok) throw new Error(read.error);
    expect(mapCandidateCells(read.rows[0]!.cells)).toMatchObject({ ok: false });
  });
});
