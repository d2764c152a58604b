// Identifiers and secrets that look like Cronofy's: acc_…, pro_…, cal_…, chn_…, ser_…, evt_external_….
import { randomBytes, randomInt } from 'node:crypto';

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALPHANUMERIC = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_ALPHANUMERIC}`;

export function randomText(length: number, alphabet = LOWER_ALPHANUMERIC): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function randomDigits(length: number): string {
  return randomText(length, '0123456789');
}

export const newAccountId = () => `acc_${randomHex(12)}`;
export const newProfileId = () => `pro_${randomText(10)}`;
/** Cronofy calendar ids embed their profile's id: `cal_<profile>_<calendar>`. */
export const newCalendarId = (profileId: string) => `cal_${profileId.slice('pro_'.length)}_${randomText(11)}`;
export const newChannelId = () => `chn_${randomHex(12)}`;
export const newServiceAccountId = () => `ser_${randomDigits(15)}`;
export const newEventUid = () => `evt_external_${randomHex(12)}`;
export const newGrantId = () => `grt_${randomHex(8)}`;
export const newSecret = () => randomText(32, ALPHANUMERIC);
export const newPageToken = () => randomHex(8);
