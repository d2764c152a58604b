// A typed view of the untyped `cronofy` SDK (3.8.4), limited to what these tests call, pointed at
// the simulator the way the app's adapter does: `client.urls.api = sim.apiUrl`.
import type { CronofySimulator } from '../../../src/simulators/cronofy';

type Options = Record<string, unknown>;

export interface TokenResponse {
  token_type: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  sub: string;
  account_id?: string;
  service_account_id?: string;
  linking_profile?: { provider_name: string; provider_service: string; profile_id: string; profile_name: string };
}

export interface Profile {
  provider_name: string;
  provider_service: string;
  provider_protocol?: string;
  graph_api_migration_url?: string;
  profile_id: string;
  profile_name: string;
  profile_connected: boolean;
  profile_relink_url?: string;
  profile_calendars: Calendar[];
}

export interface Calendar {
  calendar_id: string;
  calendar_name: string;
  calendar_primary: boolean;
  calendar_readonly: boolean;
  calendar_integrated_conferencing_available: boolean;
  profile_id?: string;
}

export interface ConferencingProfile {
  provider_name: string;
  profile_id: string;
  profile_name: string;
  profile_connected: boolean;
}

export interface Userinfo {
  sub: string;
  email: string;
  name?: string;
  zoneinfo?: string;
  'cronofy.type': string;
  'cronofy.data': {
    authorization: { scope: string; status: string; delegated_scope?: string };
    profiles?: Profile[];
    conferencing_profiles?: ConferencingProfile[];
    service_account?: { provider_name: string; domain: string };
  };
}

export interface AvailableTime {
  start: string;
  end: string;
  participants: Array<{ sub: string }>;
}

export interface AvailabilityResponse {
  available_periods?: AvailableTime[];
  available_slots?: AvailableTime[];
  member_statuses?: Array<{ sub: string; sync_status: string }>;
}

export interface CronofyEvent {
  calendar_id: string;
  event_uid: string;
  event_id?: string;
  summary: string;
  start: string;
  end: string;
  deleted: boolean;
  updated: string;
  attendees: Array<{ email: string; display_name: string }>;
  conferencing?: { provider_name: string; join_url: string };
}

export interface Pages {
  current: number;
  total: number;
  next_page?: string;
}

export interface Channel {
  channel_id: string;
  callback_url: string;
  filters: { calendar_ids?: string[]; only_managed?: boolean };
}

export interface CronofySdk {
  urls: { api: string };
  requestAccessToken(options: Options): Promise<TokenResponse>;
  refreshAccessToken(options: Options): Promise<TokenResponse>;
  revokeAuthorization(options: Options): Promise<void>;
  userInfo(options?: Options): Promise<Userinfo>;
  accountInformation(options?: Options): Promise<{ account: { account_id: string; email: string; name: string; default_tzid: string } }>;
  profileInformation(options?: Options): Promise<{ profiles: Profile[] }>;
  listCalendars(options?: Options): Promise<{ calendars: Calendar[] }>;
  conferencingServiceAuthorizations(options: Options): Promise<{ authorization_request: { url: string } }>;
  authorizeWithServiceAccount(options: Options): Promise<unknown>;
  availability(options: Options): Promise<AvailabilityResponse>;
  readEvents(options: Options): Promise<{ pages: Pages; events: CronofyEvent[] }>;
  freeBusy(options: Options): Promise<{ pages: Pages; free_busy: Array<{ calendar_id: string; start: string; end: string; free_busy_status: string }> }>;
  createEvent(options: Options): Promise<unknown>;
  deleteEvent(options: Options): Promise<unknown>;
  createNotificationChannel(options: Options): Promise<{ channel: Channel }>;
  listNotificationChannels(options?: Options): Promise<{ channels: Channel[] }>;
  deleteNotificationChannel(options: Options): Promise<unknown>;
  batch(options: Options): Promise<{ batch: Array<{ status: number; data?: unknown }> }>;
  hmacValid(options: { hmac: string; body: string }): boolean;
}

interface SdkConfig {
  client_id: string;
  client_secret: string;
  access_token?: string;
}

export function createSdk(sim: CronofySimulator, config: SdkConfig): CronofySdk {
  const Cronofy = require('cronofy') as new (config: SdkConfig) => CronofySdk;
  const sdk = new Cronofy(config);
  sdk.urls.api = sim.apiUrl;
  return sdk;
}
