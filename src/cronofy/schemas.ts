// zod schemas for what Cronofy sends us. Vendor enums stay open strings: Cronofy adds provider names.
import { z } from 'zod';

export const tokenResponseSchema = z.object({
  token_type: z.string().optional(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  scope: z.string().optional(),
  account_id: z.string().optional(),
  sub: z.string().optional(),
  service_account_id: z.string().optional(),
  linking_profile: z
    .object({ provider_name: z.string(), provider_service: z.string().optional(), profile_id: z.string(), profile_name: z.string().optional() })
    .partial()
    .optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const calendarSchema = z.object({
  calendar_id: z.string(),
  calendar_name: z.string().optional(),
  calendar_readonly: z.boolean().optional().default(false),
  calendar_deleted: z.boolean().optional().default(false),
  calendar_primary: z.boolean().optional().default(false),
  calendar_integrated_conferencing_available: z.boolean().optional().default(false),
  permission_level: z.string().optional(),
});

export const calendarProfileSchema = z.object({
  provider_name: z.string(),
  provider_service: z.string().optional(),
  provider_protocol: z.string().optional(),
  graph_api_migration_url: z.string().optional(),
  profile_id: z.string(),
  profile_name: z.string().optional(),
  profile_connected: z.boolean().optional().default(true),
  profile_initial_sync_required: z.boolean().optional(),
  profile_relink_url: z.string().optional(),
  profile_calendars: z.array(calendarSchema).optional().default([]),
});
export type CalendarProfile = z.infer<typeof calendarProfileSchema>;

export const conferencingProfileSchema = z.object({
  provider_name: z.string(),
  profile_id: z.string(),
  profile_name: z.string().optional(),
  profile_connected: z.boolean().optional().default(true),
  profile_relink_url: z.string().optional(),
});
export type ConferencingProfile = z.infer<typeof conferencingProfileSchema>;

export const userInfoSchema = z.object({
  sub: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  zoneinfo: z.string().optional(),
  'cronofy.type': z.string().optional(),
  'cronofy.data': z
    .object({
      authorization: z.object({ scope: z.string().optional(), status: z.string().optional(), delegated_scope: z.string().optional() }).partial().optional(),
      profiles: z.array(calendarProfileSchema).optional().default([]),
      conferencing_profiles: z.array(conferencingProfileSchema).optional().default([]),
      service_account: z.object({ provider_name: z.string().optional(), domain: z.string().optional() }).partial().optional(),
    })
    .optional(),
});
export type UserInfo = z.infer<typeof userInfoSchema>;

export const conferencingAuthorizationSchema = z.object({ authorization_request: z.object({ url: z.string().url() }) });

export const availabilityResponseSchema = z.object({
  available_slots: z.array(z.object({ start: z.string(), end: z.string(), participants: z.array(z.object({ sub: z.string() })).optional() })).optional(),
  available_periods: z.array(z.object({ start: z.string(), end: z.string(), participants: z.array(z.object({ sub: z.string() })).optional() })).optional(),
  member_statuses: z.array(z.object({ sub: z.string(), sync_status: z.string() })).optional(),
});
export type AvailabilityResponse = z.infer<typeof availabilityResponseSchema>;

export const eventSchema = z.object({
  calendar_id: z.string().optional(),
  event_id: z.string().optional(),
  event_uid: z.string().optional(),
  summary: z.string().optional(),
  start: z.union([z.string(), z.object({ time: z.string(), tzid: z.string().optional() })]).optional(),
  end: z.union([z.string(), z.object({ time: z.string(), tzid: z.string().optional() })]).optional(),
  deleted: z.boolean().optional(),
  attendees: z.array(z.object({ email: z.string(), display_name: z.string().optional(), status: z.string().optional() })).optional(),
  conferencing: z.object({ provider_name: z.string().optional(), join_url: z.string().optional(), provider_description: z.string().optional() }).partial().optional(),
  meeting_url: z.string().optional(),
});
export type CronofyEvent = z.infer<typeof eventSchema>;

export const readEventsResponseSchema = z.object({
  pages: z.object({ current: z.number(), total: z.number(), next_page: z.string().optional() }).partial().optional(),
  events: z.array(eventSchema),
});

export const channelResponseSchema = z.object({ channel: z.object({ channel_id: z.string(), callback_url: z.string().optional() }) });

export const validationErrorsSchema = z.object({
  errors: z.record(z.string(), z.array(z.object({ key: z.string().optional(), description: z.string().optional() }).partial())),
});

export const pushNotificationSchema = z.object({
  notification: z.object({ type: z.string(), changes_since: z.string().optional() }).passthrough(),
  channel: z.object({ channel_id: z.string().optional(), callback_url: z.string().optional() }).partial().optional(),
});
export type PushNotification = z.infer<typeof pushNotificationSchema>;

export const serviceAccountCallbackSchema = z.object({
  authorization: z
    .object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_key: z.string().optional(), error_description: z.string().optional() })
    .passthrough(),
});
export type ServiceAccountCallback = z.infer<typeof serviceAccountCallbackSchema>;

export const conferencingWebhookSchema = z
  .object({
    notification: z.object({ type: z.string() }).passthrough().optional(),
    event: eventSchema.passthrough().optional(),
  })
  .passthrough();
