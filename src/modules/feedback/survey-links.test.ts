import { describe, expect, it } from 'vitest';
import { signSurveyToken, verifySurveyToken } from './survey-links.ts';

const key = 'k'.repeat(43);
const otherKey = 'o'.repeat(43);
const now = new Date('2026-03-02T09:00:00Z');
const later = new Date('2026-03-16T09:00:00Z');

describe('survey rating links', () => {
  it('verify when signed by a current key and not yet expired', () => {
    const token = signSurveyToken(key, 42, later);
    expect(verifySurveyToken([key], token, now)).toEqual({ ok: true, surveyId: 42, expiresAt: later });
  });

  it('still verify after a key rotation (any stored key verifies)', () => {
    const token = signSurveyToken(key, 42, later);
    expect(verifySurveyToken([otherKey, key], token, now).ok).toBe(true);
  });

  it('are refused as forged when the survey id, the expiry or the signature is changed, or another key signed them', () => {
    const token = signSurveyToken(key, 42, later);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [
      `43.${exp}.${sig}`,
      `${id}.${Number(exp) + 86_400}.${sig}`,
      `${id}.${exp}.${flipped}`,
      signSurveyToken(otherKey, 42, later),
    ]) {
      expect(verifySurveyToken([key], forged, now)).toMatchObject({ ok: false, reason: 'forged' });
    }
  });

  it('are refused as expired once the expiry has passed, and a forged expired link is still called forged', () => {
    const token = signSurveyToken(key, 42, later);
    expect(verifySurveyToken([key], token, new Date(later.getTime() + 1000))).toMatchObject({ ok: false, reason: 'expired', surveyId: 42 });
    expect(verifySurveyToken([key], token, later)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifySurveyToken([otherKey], token, new Date(later.getTime() + 1000))).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('are refused as malformed when they are not three dot-separated parts of the right shape', () => {
    for (const bad of [
      '',
      'abc',
      '42.123',
      '0.1.x',
      `42.${'9'.repeat(13)}.${'a'.repeat(43)}`,
      `42.1.${'a'.repeat(42)}`,
      `42.1.${'a'.repeat(43)}=`,
    ]) {
      expect(verifySurveyToken([key], bad, now)).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });
});
