/**
 * Files attached to vendor reviews (docs/SECURITY.md §Uploads and downloads: uploads checked by
 * type and size, never executed or served inline). A file is accepted when its extension is on the
 * list AND its first bytes look like that kind of file, so a renamed executable or HTML page is
 * refused.
 */
export const ATTACHMENT_TYPES = {
  pdf: { contentType: 'application/pdf', family: 'pdf' },
  png: { contentType: 'image/png', family: 'png' },
  jpg: { contentType: 'image/jpeg', family: 'jpeg' },
  jpeg: { contentType: 'image/jpeg', family: 'jpeg' },
  txt: { contentType: 'text/plain', family: 'text' },
  csv: { contentType: 'text/csv', family: 'text' },
  md: { contentType: 'text/markdown', family: 'text' },
  json: { contentType: 'application/json', family: 'json' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    family: 'zip',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    family: 'zip',
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    family: 'zip',
  },
  zip: { contentType: 'application/zip', family: 'zip' },
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[];

/** Bytes the sniffer needs from the start of a file. */
export const SNIFF_BYTES = 4096;

/** A file name safe to store and to put in a Content-Disposition header. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"]+/g, '')
    .replace(/[^\p{L}\p{N}._\- ()]+/gu, '_')
    .trim()
    .slice(0, 200);
  return cleaned.replace(/^\.+/, '') || 'evidence';
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const startsWith = (head: Uint8Array, bytes: readonly number[]) =>
  bytes.every((b, i) => head[i] === b);

function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    // A multi-byte character cut at the sniff window's end is still text.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      head.length >= SNIFF_BYTES ? trimPartialUtf8(head) : head,
    );
    return !/^\s*<(!doctype|html|script|svg|\?xml)/i.test(text);
  } catch {
    return false;
  }
}

function trimPartialUtf8(head: Uint8Array): Uint8Array {
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if ((b & 0xc0) === 0xc0) end -= i; // a lead byte whose sequence may be cut
    break;
  }
  return head.subarray(0, end);
}

function matchesFamily(family: string, head: Uint8Array): boolean {
  switch (family) {
    case 'pdf':
      return startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'zip':
      return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
    case 'json': {
      if (!looksLikeText(head)) return false;
      const first = new TextDecoder()
        .decode(head)
        .replace(/^\uFEFF/, '')
        .trimStart()[0];
      return first === '{' || first === '[';
    }
    case 'text':
      return looksLikeText(head);
    default:
      return false;
  }
}

export type AttachmentTypeCheck =
  | { ok: true; extension: AttachmentExtension; contentType: string }
  | { ok: false; message: string };

/** Decides a file's type from its name and first bytes (at most SNIFF_BYTES of them). */
export function checkAttachmentType(fileName: string, head: Uint8Array): AttachmentTypeCheck {
  const ext = extensionOf(fileName);
  if (!(ext in ATTACHMENT_TYPES))
    return {
      ok: false,
      message: `“.${ext || '(none)'}” files are not accepted as evidence. Upload ${ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(', ')}.`,
    };
  const type = ATTACHMENT_TYPES[ext as AttachmentExtension];
  if (head.length === 0) return { ok: false, message: 'The file is empty.' };
  if (!matchesFamily(type.family, head))
    return {
      ok: false,
      message: `The file is named .${ext} but its content is not a ${ext.toUpperCase()} file; export it again or upload the original.`,
    };
  return { ok: true, extension: ext as AttachmentExtension, contentType: type.contentType };
}
