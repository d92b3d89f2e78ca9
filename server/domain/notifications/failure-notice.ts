import { absoluteLink, oneLine, type Notice } from './notice';

/** The outbox kind of a failure notice: mail delivery never reports its own failures again. */
export const FAILURE_NOTICE_KIND = 'delivery.failed';

export interface Failure {
  /** What stopped delivering, e.g. "Webhook https://siem.example.com/hook". */
  what: string;
  /** Why, as the receiver or server answered (no secrets: callers pass an error message). */
  detail: string;
  /** Where an admin sees it: absolute, or a path in the app. */
  link: string;
}

/** A delivery that went dead after its last retry (mail, a webhook, a connector). */
export function failureNotice(base: string, f: Failure): Notice {
  return {
    category: 'delivery_failures',
    kind: FAILURE_NOTICE_KIND,
    subject: oneLine(`Delivery failing: ${f.what}`),
    lines: [
      `${oneLine(f.what, 300)} stopped delivering after its last retry.`,
      `Last error: ${oneLine(f.detail, 500) || 'none recorded'}`,
      'Details and what is still waiting:',
    ],
    link: absoluteLink(base, f.link),
  };
}
