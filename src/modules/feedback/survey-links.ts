import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connection.ts';

/**
 * One-click rating links. A link carries the survey id and its expiry (epoch seconds), signed with
 * HMAC-SHA256 under a server key kept in the database (`survey_signing_keys`: the newest signs, any
 * verifies, so a key can be rotated without breaking links already sent). Nothing about the link is
 * stored: the signature is the proof that Frontline issued it.
 */
export type LinkCheck =
  | { ok: true; surveyId: number; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired'; surveyId?: number };

const TOKEN = /^([1-9][0-9]{0,14})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

function signature(key: string, surveyId: number, expiresAtSeconds: number): string {
  return createHmac('sha256', key).update(`frontline-survey:${surveyId}:${expiresAtSeconds}`).digest('base64url');
}

/** The token of a survey link: `<survey id>.<expiry, epoch seconds>.<HMAC-SHA256, base64url>`. */
export function signSurveyToken(key: string, surveyId: number, expiresAt: Date): string {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `${surveyId}.${seconds}.${signature(key, surveyId, seconds)}`;
}

/** Checks the signature first (a forged link says nothing about expiry), then the expiry. */
export function verifySurveyToken(keys: readonly string[], token: string, now: Date): LinkCheck {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const surveyId = Number(match[1]);
  const seconds = Number(match[2]);
  const given = Buffer.from(match[3] as string);
  const valid = keys.some((key) => {
    const expected = Buffer.from(signature(key, surveyId, seconds));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) return { ok: false, reason: 'forged' };
  if (seconds * 1000 <= now.getTime()) return { ok: false, reason: 'expired', surveyId };
  return { ok: true, surveyId, expiresAt: new Date(seconds * 1000) };
}

/** The signing keys, newest first. */
export async function signingKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('survey_signing_keys').select('secret').orderBy('id', 'desc').execute();
  return rows.map((row) => row.secret);
}
