import { describe, expect, it } from 'vitest';
import { checkEvidenceType, cleanFileName } from './attachments';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('evidence type check', () => {
  it('accepts a file whose extension and content agree', () => {
    expect(checkEvidenceType('soc2.pdf', text('%PDF-1.7\n...'))).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
    });
    expect(
      checkEvidenceType('shot.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
    ).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(checkEvidenceType('photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)).ok).toBe(true);
    expect(checkEvidenceType('roster.csv', text('name,email\nA,a@x.test\n')).ok).toBe(true);
    expect(checkEvidenceType('notes.txt', text('Plain notes — with UTF-8 ✓')).ok).toBe(true);
    expect(checkEvidenceType('answers.json', text('\uFEFF  {"a":1}')).ok).toBe(true);
    expect(checkEvidenceType('policy.docx', bytes(0x50, 0x4b, 0x03, 0x04, 0x14)).ok).toBe(true);
  });

  it('refuses types not on the list, and content that does not match the name', () => {
    const exe = checkEvidenceType('setup.exe', bytes(0x4d, 0x5a));
    expect(exe).toMatchObject({ ok: false });
    expect(!exe.ok && exe.message).toContain('.exe');
    expect(checkEvidenceType('report.pdf', bytes(0x4d, 0x5a, 0x90)).ok).toBe(false);
    expect(checkEvidenceType('page.txt', text('<!DOCTYPE html><script>x</script>')).ok).toBe(false);
    expect(checkEvidenceType('data.csv', bytes(0x00, 0x01, 0x02)).ok).toBe(false);
    expect(checkEvidenceType('data.json', text('hello')).ok).toBe(false);
    expect(checkEvidenceType('noext', text('hello')).ok).toBe(false);
    expect(checkEvidenceType('empty.txt', new Uint8Array(0)).ok).toBe(false);
    expect(checkEvidenceType('fake.xlsx', text('not a zip')).ok).toBe(false);
  });

  it('cleans file names to something safe to store and send', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\SOC 2 report.pdf')).toBe('SOC 2 report.pdf');
    expect(cleanFileName('a"b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFileName('.hidden')).toBe('hidden');
    expect(cleanFileName('')).toBe('evidence');
  });
});
