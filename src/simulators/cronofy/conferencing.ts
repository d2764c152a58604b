// An event's conference: `default`, `integrated`, a linked profile (`pro_…`), `explicit` or `none`,
// provisioned asynchronously like Cronofy does, with `conferencing_assigned` / `conferencing_failing`
// subscription webhooks.
import type { SimContext } from './config';
import { newJoinUrl, type MeetingProvider } from './conferencing-providers';
import { eventView } from './event-views';
import { hasIntegratedConferencing } from './identity-views';
import type { Account, EventConferencing, Person, SimEvent } from './model';
import { pushEventChange } from './push';

export interface ConferencingRequest {
  profile_id: string;
  provider_description?: string;
  join_url?: string;
}

const KEYWORDS = ['default', 'integrated', 'explicit', 'none'];

/** Why the request cannot be accepted (answered with 422), or undefined. */
export function conferencingRequestProblem(account: Account, request: ConferencingRequest): string | undefined {
  if (request.profile_id === 'explicit' && !request.join_url) return 'join_url is required for explicit conferencing';
  if (KEYWORDS.includes(request.profile_id)) return undefined;
  if (!account.conferencingProfiles.some((profile) => profile.id === request.profile_id)) {
    return `${request.profile_id} is not a conferencing profile of this account`;
  }
  return undefined;
}

export function sameConferencingRequest(state: EventConferencing | undefined, request: ConferencingRequest): boolean {
  return (
    state !== undefined &&
    state.requestedProfileId === request.profile_id &&
    (request.profile_id !== 'explicit' || state.joinUrl === request.join_url)
  );
}

interface Conference {
  providerName: string;
  joinUrl: () => string;
}

export function applyConferencing(ctx: SimContext, event: SimEvent, owner: Person, account: Account, request: ConferencingRequest): void {
  // Cronofy does not generate conferencing for events that have already started.
  if (request.profile_id === 'none' || (request.profile_id !== 'explicit' && event.start.ms < ctx.config.clock())) {
    event.conferencing = undefined;
    return;
  }
  const conference = chooseConference(owner, account, request);
  const state: EventConferencing = {
    requestedProfileId: request.profile_id,
    providerName: conference?.providerName ?? request.profile_id,
    status: 'pending',
    providerDescription: request.provider_description,
  };
  event.conferencing = state;
  ctx.tasks.later(ctx.config.conferencingDelayMs, () => settle(ctx, event, state, conference));
}

function chooseConference(owner: Person, account: Account, request: ConferencingRequest): Conference | undefined {
  const explicitUrl = request.join_url;
  if (request.profile_id === 'explicit' && explicitUrl) return { providerName: 'explicit', joinUrl: () => explicitUrl };
  const linked = account.conferencingProfiles.find((profile) =>
    request.profile_id === 'default' ? profile.connected : profile.id === request.profile_id && profile.connected,
  );
  if (linked) return meeting(linked.provider);
  if (request.profile_id !== 'default' && request.profile_id !== 'integrated') return undefined;
  if (!hasIntegratedConferencing(owner)) return undefined;
  return meeting(owner.provider === 'google' ? 'google_meet' : 'ms_teams');
}

function meeting(provider: MeetingProvider): Conference {
  return { providerName: provider, joinUrl: () => newJoinUrl(provider) };
}

function settle(ctx: SimContext, event: SimEvent, state: EventConferencing, conference: Conference | undefined): void {
  if (event.conferencing !== state || event.deleted) return;
  if (!conference) {
    state.status = 'failing';
    notifySubscribers(ctx, event, 'conferencing_failing');
    return;
  }
  state.status = 'assigned';
  state.joinUrl = conference.joinUrl();
  event.updatedAt = ctx.config.clock();
  notifySubscribers(ctx, event, 'conferencing_assigned');
  pushEventChange(ctx, event);
}

function notifySubscribers(ctx: SimContext, event: SimEvent, type: 'conferencing_assigned' | 'conferencing_failing'): void {
  const body = { notification: { type }, event: eventView(ctx, event) };
  for (const subscription of event.subscriptions) {
    if (subscription.interactions.includes(type)) ctx.outbound.send(subscription.uri, type, body, 0);
  }
}
