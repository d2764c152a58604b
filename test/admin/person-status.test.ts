import { bucketOf, matchesFilter, missingCode, missingLabel, reasonLabel } from '../../src/admin/person-status';
import type { EmployeeReadiness } from '../../src/readiness/load-readiness';
import { evaluateReadiness, NOT_CONNECTED_CALENDAR, type CalendarFacts, type ConferencingFacts } from '../../src/readiness/readiness';

const google: CalendarFacts = { ...NOT_CONNECTED_CALENDAR, state: 'connected', providerName: 'google', integratedConferencing: true };

function person(calendar: CalendarFacts | null, conferencing: ConferencingFacts[] = [], optedOut = false): EmployeeReadiness {
  return { employeeId: 'emp_1', slackUserId: 'U1', realName: 'Ada', email: null, timeZone: 'UTC', readiness: evaluateReadiness({ calendar, conferencing, companyProviders: ['native', 'zoom'], optedOut }) };
}

const zoom = (state: ConferencingFacts['state'], reason: string | null = null): ConferencingFacts => ({ provider: 'zoom', state, reason, profileId: null, relinkUrl: null, lastCheckedAt: null });

describe('one person as an admin sees them', () => {
  it('puts opted-out people in their own bucket whatever their state', () => {
    expect(bucketOf(person(google, [zoom('connected')]).readiness)).toBe('ready');
    expect(bucketOf(person(google, [zoom('connected')], true).readiness)).toBe('opted_out');
    expect(bucketOf(person(null, [], true).readiness)).toBe('opted_out');
    expect(bucketOf(person(google).readiness)).toBe('missing');
  });

  it('says what is missing and why in words, and in a short code for the CSV', () => {
    const revoked = person({ ...google, state: 'disconnected', reason: 'authorization_revoked' }, [zoom('disconnected', 'profile_disconnected')]);
    expect(revoked.readiness.missing.map(missingLabel)).toEqual(['Calendar disconnected (access was revoked)', 'Zoom disconnected (the account was disconnected)']);
    expect(revoked.readiness.missing.map(missingCode)).toEqual(['calendar:disconnected(authorization_revoked)', 'zoom:disconnected(profile_disconnected)']);
    expect(person(null).readiness.missing.map(missingLabel)).toEqual(['Calendar not connected', 'Zoom not authorized']);
    expect(person({ ...google, state: 'pending' }, [zoom('pending')]).readiness.missing.map(missingLabel)).toEqual(['Calendar connection pending', 'Zoom authorization pending']);
  });

  it('keeps unknown reason codes readable', () => {
    expect(reasonLabel('mailbox_not_found')).toBe('mailbox not found');
    expect(reasonLabel(null)).toBeNull();
  });

  it('matches the status filters', () => {
    const disconnected = person({ ...google, state: 'disconnected', reason: 'authorization_revoked' });
    expect(matchesFilter(disconnected, 'missing')).toBe(true);
    expect(matchesFilter(disconnected, 'calendar')).toBe(true);
    expect(matchesFilter(disconnected, 'disconnected')).toBe(true);
    expect(matchesFilter(disconnected, 'pending')).toBe(false);
    expect(matchesFilter(disconnected, 'p:zoom')).toBe(true);
    expect(matchesFilter(person(google, [zoom('pending')]), 'calendar')).toBe(false);
    expect(matchesFilter(person(google, [zoom('pending')]), 'pending')).toBe(true);
    const optedOut = person(null, [], true);
    expect(matchesFilter(optedOut, 'opted_out')).toBe(true);
    expect(matchesFilter(optedOut, 'missing')).toBe(false);
  });
});
