import { cronofyHmac, isValidCronofyHmac } from '../../src/cronofy/hmac';

describe('Cronofy-HMAC-SHA256 verification', () => {
  const secret = 'client-secret';
  const body = Buffer.from('{"notification":{"type":"change"}}');

  it('accepts the base64 HMAC of the raw body', () => {
    expect(isValidCronofyHmac(body, cronofyHmac(body, secret), secret)).toBe(true);
  });

  it('accepts a header listing several values when any one matches', () => {
    expect(isValidCronofyHmac(body, `bm90LWl0, ${cronofyHmac(body, secret)}`, secret)).toBe(true);
  });

  it('refuses a missing header, another secret, or a body changed by one byte', () => {
    expect(isValidCronofyHmac(body, undefined, secret)).toBe(false);
    expect(isValidCronofyHmac(body, cronofyHmac(body, 'other'), secret)).toBe(false);
    expect(isValidCronofyHmac(Buffer.from('{"notification":{"type":"chang3"}}'), cronofyHmac(body, secret), secret)).toBe(false);
  });
});
