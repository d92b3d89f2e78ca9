import { describe, expect, it } from 'vitest';
import { checkSlackSignature, slackSignature } from './signature';

// The worked example of Slack's request-signing documentation.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const TS = '1531420618';

describe('Slack request signatures', () => {
  it('matches the documented example', () => {
    expect(slackSignature(SECRET, TS, BODY)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('accepts a fresh, correct signature', () => {
    const check = checkSlackSignature({
      secret: SECRET,
      timestamp: TS,
      signature: slackSignature(SECRET, TS, BODY),
      rawBody: BODY,
      nowSeconds: Number(TS) + 299,
    });
    expect(check).toEqual({ ok: true });
  });

  it('refuses a changed body, a wrong secret, a missing header and an old timestamp', () => {
    const base = { secret: SECRET, timestamp: TS, rawBody: BODY, nowSeconds: Number(TS) };
    const good = slackSignature(SECRET, TS, BODY);
    expect(checkSlackSignature({ ...base, signature: good, rawBody: `${BODY}x` })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkSlackSignature({ ...base, signature: slackSignature('other', TS, BODY) })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkSlackSignature({ ...base, signature: 'v0=short' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkSlackSignature({ ...base, signature: null })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(checkSlackSignature({ ...base, timestamp: 'soon', signature: good })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(checkSlackSignature({ ...base, signature: good, nowSeconds: Number(TS) + 301 })).toEqual(
      { ok: false, reason: 'stale' },
    );
    expect(checkSlackSignature({ ...base, signature: good, nowSeconds: Number(TS) - 301 })).toEqual(
      { ok: false, reason: 'stale' },
    );
  });
});
