// Seeding the "provider" side: people who can sign in, their busy time, and Enterprise Connect domains.
import { z } from 'zod';
import type { SimContext } from './config';
import { newCalendarId, newEventUid, newProfileId } from './ids';
import {
  CALENDAR_PROVIDERS,
  CONFERENCING_PROVIDERS,
  ENTERPRISE_PROVIDERS,
  OFFICE365_PROTOCOLS,
  type Person,
  type SimEvent,
} from './model';
import { pushEventChange } from './push';
import { findPerson } from './store';
import { isValidZone } from './time-formats';
import { isValidClock } from './working-hours';

const workingHoursSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1),
    start: z.string().refine(isValidClock, 'expected HH:mm'),
    end: z.string().refine(isValidClock, 'expected HH:mm'),
  })
  .refine((hours) => hours.start < hours.end, 'end must be after start');

const personSeedSchema = z.object({
  email: z.email(),
  name: z.string().optional(),
  zone: z.string().refine(isValidZone, 'expected an IANA time zone'),
  calendar: z
    .object({
      provider: z.enum(CALENDAR_PROVIDERS),
      protocol: z.enum(OFFICE365_PROTOCOLS).optional(),
      sharedMailbox: z.boolean().optional(),
    })
    .refine((calendar) => calendar.provider === 'office365' || !calendar.protocol, 'protocol applies to office365 only'),
  workingHours: workingHoursSchema.optional(),
  conferencingAccounts: z.array(z.enum(CONFERENCING_PROVIDERS)).optional(),
});

export type PersonSeed = z.input<typeof personSeedSchema>;

const busySchema = z.object({
  start: z.union([z.string(), z.date()]).transform(toInstant),
  end: z.union([z.string(), z.date()]).transform(toInstant),
  summary: z.string().optional(),
});

export type BusySeed = z.input<typeof busySchema>;

const enterpriseDomainSchema = z.object({
  domain: z.string().min(1).transform((domain) => domain.toLowerCase()),
  provider: z.enum(ENTERPRISE_PROVIDERS),
  adminEmail: z.email(),
});

export type EnterpriseDomainSeed = z.input<typeof enterpriseDomainSchema>;

const DEFAULT_WORKING_HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

export interface SeededPerson {
  email: string;
  profileId: string;
  calendarId: string;
}

export function addPerson(ctx: SimContext, seed: PersonSeed): SeededPerson {
  const input = personSeedSchema.parse(seed);
  if (findPerson(ctx.store, input.email)) throw new Error(`A person with email ${input.email} already exists`);
  const profileId = newProfileId();
  const person: Person = {
    email: input.email,
    name: input.name ?? nameFromEmail(input.email),
    zone: input.zone,
    provider: input.calendar.provider,
    protocol: input.calendar.provider === 'office365' ? (input.calendar.protocol ?? 'graph_api') : undefined,
    sharedMailbox: input.calendar.sharedMailbox ?? false,
    workingHours: input.workingHours ?? DEFAULT_WORKING_HOURS,
    conferencingAccounts: input.conferencingAccounts ?? [],
    profileId,
    calendarId: newCalendarId(profileId),
    connected: true,
  };
  ctx.store.people.set(person.email.toLowerCase(), person);
  return { email: person.email, profileId, calendarId: person.calendarId };
}

/** Busy time is an event of the person's own (not managed by the app) in their calendar. */
export function addBusy(ctx: SimContext, email: string, busy: BusySeed): void {
  const person = findPerson(ctx.store, email);
  if (!person) throw new Error(`No person with email ${email}; call addPerson first`);
  const input = busySchema.parse(busy);
  if (input.end <= input.start) throw new Error('Busy time must end after it starts');
  const now = ctx.config.clock();
  const event: SimEvent = {
    calendarId: person.calendarId,
    eventUid: newEventUid(),
    summary: input.summary ?? 'Busy',
    description: '',
    start: { ms: input.start },
    end: { ms: input.end },
    tzid: person.zone,
    attendees: [],
    transparency: 'opaque',
    deleted: false,
    createdAt: now,
    updatedAt: now,
    subscriptions: [],
  };
  ctx.store.events.push(event);
  pushEventChange(ctx, event);
}

export function addEnterpriseDomain(ctx: SimContext, seed: EnterpriseDomainSeed): void {
  const input = enterpriseDomainSchema.parse(seed);
  ctx.store.enterpriseDomains.set(input.domain, input);
}

function toInstant(value: string | Date, context: z.RefinementCtx): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) context.addIssue({ code: 'custom', message: `${String(value)} is not a valid instant` });
  return ms;
}

function nameFromEmail(email: string): string {
  return email
    .split('@')[0]
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}
