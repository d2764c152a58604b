// Linking calendar profiles into Cronofy accounts, and revoking what an account has granted the app.
import type { SimContext } from './config';
import { newAccountId } from './ids';
import type { Account, Person, Subject } from './model';
import { pushToAccount } from './push';

/**
 * Links the person's calendar profile to `targetAccountId` (link tokens, browser sessions), else to
 * the account it already belongs to, else to a new account. Authorizing also reconnects the profile.
 */
export function linkPerson(ctx: SimContext, person: Person, targetAccountId?: string): Account {
  const { accounts } = ctx.store;
  const current = person.accountId ? accounts.get(person.accountId) : undefined;
  const target = targetAccountId ? accounts.get(targetAccountId) : undefined;
  person.connected = true;
  if (current && (!target || target === current)) return current;
  if (current) unlinkPerson(ctx, person);
  const account = target ?? createAccount(ctx, person);
  if (!account.personEmails.includes(person.email)) account.personEmails.push(person.email);
  person.accountId = account.id;
  return account;
}

export function unlinkPerson(ctx: SimContext, person: Person): void {
  const account = person.accountId ? ctx.store.accounts.get(person.accountId) : undefined;
  if (account) account.personEmails = account.personEmails.filter((email) => email !== person.email);
  person.accountId = undefined;
}

/** Revokes every grant of the subject; an account also loses its push channels. */
export function revokeSubject(ctx: SimContext, subject: Subject): void {
  for (const grant of ctx.store.grants.values()) {
    if (grant.subject.kind === subject.kind && grant.subject.id === subject.id) grant.revoked = true;
  }
  if (subject.kind !== 'account') return;
  for (const channel of ctx.store.channels.values()) {
    if (channel.accountId === subject.id) ctx.store.channels.delete(channel.id);
  }
}

function createAccount(ctx: SimContext, person: Person): Account {
  const account: Account = {
    id: newAccountId(),
    email: person.email,
    name: person.name,
    zone: person.zone,
    personEmails: [],
    conferencingProfiles: [],
  };
  ctx.store.accounts.set(account.id, account);
  return account;
}

/** Disconnecting tells the account's push channels with `profile_disconnected`. */
export function setProfileConnected(ctx: SimContext, person: Person, connected: boolean): void {
  if (person.connected === connected) return;
  person.connected = connected;
  if (!connected && person.accountId) pushToAccount(ctx, person.accountId, { type: 'profile_disconnected' });
}
