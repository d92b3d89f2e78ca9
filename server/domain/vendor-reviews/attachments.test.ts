import { describe, expect, it } from 'vitest';
import { checkAttachmentType, cleanFileName } from './attachments';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('attachment type check', () => {
  it('accepts a file whose extension and content agree', () => {
    expect(checkAttachmentType('soc2.pdf', text('%PDF-1.7\n...'))).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
    });
    expect(
      checkAttachmentType('shot.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
    ).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(checkAttachmentType('photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)).ok).toBe(true);
    expect(checkAttachmentType('roster.csv', text('name,email\nA,a@x.test\n')).ok).toBe(true);
    expect(checkAttachmentType('notes.txt', text('Plain notes — with UTF-8 ✓')).ok).toBe(true);
    expect(checkAttachmentType('answers.json', text('\uFEFF  {"a":1}')).ok).toBe(true);
    expect(checkAttachmentType('policy.docx', bytes(0x50, 0x4b, 0x03, 0x04, 0x14)).ok).toBe(true);
  });

  it('refuses types not on the list, and content that does not match the name', () => {
    const exe = checkAttachmentType('setup.exe', bytes(0x4d, 0x5a));
    expect(exe).toMatchObject({ ok: false });
    expect(!exe.ok && exe.message).toContain('.exe');
    expect(checkAttachmentType('report.pdf', bytes(0x4d, 0x5a, 0x90)).ok).toBe(false);
    expect(checkAttachmentType('page.txt', text('<!DOCTYPE html><script>x</script>')).ok).toBe(
      false,
    );
    expect(checkAttachmentType('data.csv', bytes(0x00, 0x01, 0x02)).ok).toBe(false);
    expect(checkAttachmentType('data.json', text('hello')).ok).toBe(false);
    expect(checkAttachmentType('noext', text('hello')).ok).toBe(false);
    expect(checkAttachmentType('empty.txt', new Uint8Array(0)).ok).toBe(false);
    expect(checkAttachmentType('fake.xlsx', text('not a zip')).ok).toBe(false);
  });

  it('cleans file names to something safe to store and send', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\SOC 2 report.pdf')).toBe('SOC 2 report.pdf');
    expect(cleanFileName('a"b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFileName('.hidden')).toBe('hidden');
    expect(cleanFileName('')).toBe('evidence');
  });
});
