// The Cronofy port and its adapter over the official SDK: typed inputs, zod-checked outputs, coded errors, retries.
import type { CronofyConfig } from '../config/env';
import { cronofyError } from './errors';
import { isValidCronofyHmac } from './hmac';
import type { AppError } from '../errors';
import { DEFAULT_RETRY_POLICY, isRateLimited, withRetries, type RetryPolicy } from './retry';
import {
  availabilityResponseSchema,
  channelResponseSchema,
  conferencingAuthorizationSchema,
  readEventsResponseSchema,
  tokenResponseSchema,
  userInfoSchema,
  type AvailabilityResponse,
  type CronofyEvent,
  type TokenResponse,
  type UserInfo,
} from './schemas';
import { newSdkClient } from './sdk';
import type { z } from 'zod';

/** What Slotline asks of each person's calendar (granular scopes, see the Cronofy reference §1). */
export const CALENDAR_SCOPE = 'read_account list_calendars read_events create_event delete_event read_free_busy';
export const ENTERPRISE_SCOPE = 'service_account/accounts/manage';

export type ConferencingProviderName = 'zoom' | 'ms_teams' | 'go_to';

export interface AvailabilityQuery {
  participants: Array<{ members: Array<{ sub: string; calendar_ids?: string[]; available_periods?: Array<{ start: string; end: string }>; managed_availability?: boolean }>; required: 'all' | number }>;
  required_duration: { minutes: number };
  query_periods: Array<{ start: string; end: string }>;
  buffer?: { before?: { minutes: number }; after?: { minutes: number } };
  start_interval?: { minutes: number };
  response_format?: 'slots' | 'periods' | 'overlapping_slots';
  max_results?: number;
  include_member_statuses?: boolean;
}

export interface EventUpsert {
  event_id: string;
  summary: string;
  description?: string;
  start: string;
  end: string;
  tzid?: string;
  attendees?: { invite?: Array<{ email: string; display_name?: string }>; remove?: Array<{ email: string }> };
  conferencing?: { profile_id: string; provider_description?: string; join_url?: string };
  subscriptions?: Array<{ type: 'webhook'; uri: string; interactions: Array<{ type: string }> }>;
  transparency?: 'opaque' | 'transparent';
  reminders?: Array<{ minutes: number }>;
}

export interface ServiceAccountAuthorizationRequest {
  email: string;
  scope: string;
  callback_url: string;
  state?: string;
}

export interface CronofyGateway {
  readonly siteUrl: string;
  authorizeUrl(options: { redirectUri: string; state: string; providerName?: string; scope?: string }): string;
  enterpriseAuthorizeUrl(options: { redirectUri: string; state: string; providerName?: string; delegatedScope?: string }): string;
  exchangeCode(options: { code: string; redirectUri: string }): Promise<TokenResponse>;
  refreshToken(refreshToken: string): Promise<TokenResponse>;
  revoke(options: { token?: string; sub?: string }): Promise<void>;
  userInfo(accessToken: string): Promise<UserInfo>;
  conferencingAuthorizationUrl(accessToken: string, options: { redirectUri: string; provider?: ConferencingProviderName }): Promise<string>;
  createPushChannel(accessToken: string, options: { callbackUrl: string; calendarIds?: string[] }): Promise<string>;
  deletePushChannel(accessToken: string, channelId: string): Promise<void>;
  availability(query: AvailabilityQuery): Promise<AvailabilityResponse>;
  upsertEvent(accessToken: string, calendarId: string, event: EventUpsert): Promise<void>;
  deleteEvent(accessToken: string, calendarId: string, eventId: string): Promise<void>;
  readManagedEvents(accessToken: string, options: { from: string; to: string; calendarIds?: string[] }): Promise<CronofyEvent[]>;
  authorizeWithServiceAccount(serviceAccountToken: string, requests: ServiceAccountAuthorizationRequest[]): Promise<void>;
  isValidHmac(rawBody: Buffer | string, header: string | undefined): boolean;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw cronofyError(new Error(`unexpected response shape: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`), operation);
  }
  return result.data;
}

export function createCronofyGateway(config: CronofyConfig, retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY): CronofyGateway {
  const sdk = () => newSdkClient(config);
  const call = <T>(operation: string, fn: () => Promise<T>, retryable?: (error: AppError) => boolean) =>
    withRetries(operation, fn, (error) => cronofyError(error, operation), retryPolicy, undefined, retryable);

  return {
    siteUrl: config.siteUrl,

    authorizeUrl({ redirectUri, state, providerName, scope = CALENDAR_SCOPE }) {
      const url = new URL('/oauth/authorize', config.siteUrl);
      url.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, scope, state, ...(providerName ? { provider_name: providerName } : {}) }).toString();
      return url.toString();
    },

    enterpriseAuthorizeUrl({ redirectUri, state, providerName, delegatedScope = CALENDAR_SCOPE }) {
      const url = new URL('/enterprise_connect/oauth/authorize', config.siteUrl);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: ENTERPRISE_SCOPE,
        delegated_scope: delegatedScope,
        state,
        ...(providerName ? { provider_name: providerName } : {}),
      }).toString();
      return url.toString();
    },

    // Token calls are not idempotent (codes are single-use, refresh tokens may rotate): after a 5xx or a timeout
    // Cronofy may have used the code, so only a 429, which Cronofy refused before doing anything, is tried again.
    async exchangeCode({ code, redirectUri }) {
      const body = await call('token exchange', () => sdk().requestAccessToken({ client_id: config.clientId, client_secret: config.clientSecret, code, redirect_uri: redirectUri }), isRateLimited);
      return parse(tokenResponseSchema, body, 'token exchange');
    },

    async refreshToken(refreshToken) {
      const body = await call('token refresh', () => sdk().refreshAccessToken({ client_id: config.clientId, client_secret: config.clientSecret, refresh_token: refreshToken }), isRateLimited);
      return parse(tokenResponseSchema, body, 'token refresh');
    },

    async revoke({ token, sub }) {
      await call('revoke', () => sdk().revokeAuthorization({ client_id: config.clientId, client_secret: config.clientSecret, ...(token ? { token } : { sub }) }));
    },

    async userInfo(accessToken) {
      return parse(userInfoSchema, await call('userinfo', () => sdk().userInfo({ access_token: accessToken })), 'userinfo');
    },

    async conferencingAuthorizationUrl(accessToken, { redirectUri, provider }) {
      const body = await call('conferencing authorization', () =>
        sdk().conferencingServiceAuthorizations({ access_token: accessToken, redirect_uri: redirectUri, ...(provider ? { provider_name: provider } : {}) }),
      );
      return parse(conferencingAuthorizationSchema, body, 'conferencing authorization').authorization_request.url;
    },

    async createPushChannel(accessToken, { callbackUrl, calendarIds }) {
      const body = await call('create channel', () =>
        sdk().createNotificationChannel({ access_token: accessToken, callback_url: callbackUrl, filters: { only_managed: false, ...(calendarIds ? { calendar_ids: calendarIds } : {}) } }),
      );
      return parse(channelResponseSchema, body, 'create channel').channel.channel_id;
    },

    async deletePushChannel(accessToken, channelId) {
      await call('delete channel', () => sdk().deleteNotificationChannel({ access_token: accessToken, channel_id: channelId }));
    },

    async availability(query) {
      const body = await call('availability', () => sdk().availability({ access_token: config.clientSecret, ...query }));
      return parse(availabilityResponseSchema, body, 'availability');
    },

    async upsertEvent(accessToken, calendarId, event) {
      await call('event upsert', () => sdk().createEvent({ access_token: accessToken, calendar_id: calendarId, ...event }));
    },

    async deleteEvent(accessToken, calendarId, eventId) {
      await call('event delete', () => sdk().deleteEvent({ access_token: accessToken, calendar_id: calendarId, event_id: eventId }));
    },

    async readManagedEvents(accessToken, { from, to, calendarIds }) {
      const body = await call('read events', () =>
        sdk().readEvents({ access_token: accessToken, tzid: 'Etc/UTC', from, to, include_managed: true, ...(calendarIds ? { calendar_ids: calendarIds } : {}) }),
      );
      return parse(readEventsResponseSchema, body, 'read events').events;
    },

    async authorizeWithServiceAccount(serviceAccountToken, requests) {
      const options = requests.length === 1 ? { ...requests[0] } : { service_account_authorizations: requests };
      await call('service account authorization', () => sdk().authorizeWithServiceAccount({ access_token: serviceAccountToken, ...options }));
    },

    isValidHmac(rawBody, header) {
      return isValidCronofyHmac(rawBody, header, config.clientSecret);
    },
  };
}
