import { describe, expect, it } from 'vitest';
import { addWebhookSchema, updateWebhookSchema } from './inputs';

describe('webhook inputs', () => {
  it('takes a URL, de-duplicates and sorts the filter, defaults to every event', () => {
    expect(addWebhookSchema.parse({ url: ' https://hooks.example.com/v ' })).toEqual({
      url: 'https://hooks.example.com/v',
      description: '',
      events: [],
    });
    expect(
      addWebhookSchema.parse({
        url: 'https://hooks.example.com/v',
        events: ['case.opened', 'signal.created', 'case.opened'],
      }).events,
    ).toEqual(['case.opened', 'signal.created']);
  });

  it('refuses a bad URL and an unknown event type with a clear message', () => {
    const bad = addWebhookSchema.safeParse({ url: 'not a url' });
    expect(bad.error?.issues[0]?.message).toBe('Enter a full URL starting with https://');
    const ftp = addWebhookSchema.safeParse({ url: 'ftp://example.com/x' });
    expect(ftp.success).toBe(false);
    const unknown = updateWebhookSchema.safeParse({
      endpointId: '00000000-0000-4000-8000-000000000000',
      description: '',
      events: ['case.exploded'],
    });
    expect(unknown.error?.issues[0]?.message).toMatch(/Unknown event type "case.exploded"/);
  });

  it('refuses a short provided secret', () => {
    const r = addWebhookSchema.safeParse({ url: 'https://h.example.com/', secret: 'short' });
    expect(r.error?.issues[0]?.message).toMatch(/at least 24/);
  });
});
