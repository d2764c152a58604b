// Everything a listener, route or job needs, built once at start: the ports and the services over them.
import type { Config } from './config/env';
import type { TokenCipher } from './crypto/token-cipher';
import type { CronofyGateway } from './cronofy/cronofy-gateway';
import type { Db } from './db/client';
import type { RawSql } from './db/raw-sql';
import type { CalendarCredentials } from './connections/calendar-credentials';
import type { JobQueue } from './jobs/job-queue';
import type { RosterService } from './employees/roster-service';
import type { LinkService } from './links/link-service';
import type { EnterpriseService } from './enterprise/enterprise-service';
import type { DomainEventBus } from './platform/domain-events';
import type { Clock } from './platform/clock';
import type { IdGenerator } from './platform/ids';
import type { Logger } from './platform/logger';
import type { OnboardingService } from './onboarding/onboarding-service';
import type { CampaignService } from './reminders/campaign-service';
import type { SchedulingService } from './scheduling/scheduling-service';
import type { SlackClients } from './slack/slack-clients';
import type { WorkspaceService } from './workspaces/workspace-service';

export interface AppContext {
  config: Config;
  publicUrl: string;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  db: Db;
  rawSql: RawSql;
  cipher: TokenCipher;
  cronofy: CronofyGateway;
  slack: SlackClients;
  links: LinkService;
  workspaces: WorkspaceService;
  events: DomainEventBus;
  calendars: CalendarCredentials;
  jobs: JobQueue;
  roster: RosterService;
  enterprise: EnterpriseService;
  onboarding: OnboardingService;
  campaigns: CampaignService;
  scheduling: SchedulingService;
}
