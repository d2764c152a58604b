-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "slackEnterpriseId" TEXT,
    "name" TEXT NOT NULL,
    "conferencingProviders" TEXT,
    "reminderIntervalHours" INTEGER NOT NULL DEFAULT 48,
    "reminderMaxCount" INTEGER NOT NULL DEFAULT 3,
    "autoNudgeIntervalDays" INTEGER NOT NULL DEFAULT 0,
    "reminderGateUntil" TIMESTAMP(3),
    "workingHoursStart" TEXT NOT NULL DEFAULT '09:00',
    "workingHoursEnd" TEXT NOT NULL DEFAULT '17:00',
    "workingDays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "defaultTimeZone" TEXT NOT NULL DEFAULT 'UTC',
    "recruiterUserGroupId" TEXT,
    "recruitersRestricted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" TEXT NOT NULL,
    "installationKey" TEXT NOT NULL,
    "workspaceId" TEXT,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "botUserId" TEXT,
    "installationEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employee" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "email" TEXT,
    "realName" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "isSlackAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isSlackOwner" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" TIMESTAMP(3),
    "optedOutAt" TIMESTAMP(3),
    "dmChannelId" TEXT,
    "dmTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarConnection" (
    "id" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'not_connected',
    "reason" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "viaEnterpriseConnect" BOOLEAN NOT NULL DEFAULT false,
    "cronofyAccountId" TEXT,
    "profileId" TEXT,
    "profileName" TEXT,
    "providerName" TEXT,
    "providerService" TEXT,
    "providerProtocol" TEXT,
    "primaryCalendarId" TEXT,
    "integratedConferencing" BOOLEAN NOT NULL DEFAULT false,
    "relinkUrl" TEXT,
    "scope" TEXT,
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "pushChannelId" TEXT,
    "disconnectedAt" TIMESTAMP(3),
    "relinkNotifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConferencingConnection" (
    "id" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'not_connected',
    "reason" TEXT,
    "profileId" TEXT,
    "profileName" TEXT,
    "relinkUrl" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConferencingConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseConnectLink" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "providerName" TEXT,
    "domain" TEXT,
    "serviceAccountId" TEXT,
    "scope" TEXT,
    "delegatedScope" TEXT,
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "linkedBySlackUserId" TEXT,
    "linkedAt" TIMESTAMP(3),
    "unlinkedAt" TIMESTAMP(3),
    "paceUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnterpriseConnectLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseSyncRun" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedBySlackUserId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'planning',
    "total" INTEGER NOT NULL DEFAULT 0,
    "progressChannelId" TEXT,
    "progressTs" TEXT,
    "lastProgressAt" TIMESTAMP(3),
    "expectedEndAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "EnterpriseSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAccountAuthorization" (
    "id" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'requested',
    "errorKey" TEXT,
    "errorDescription" TEXT,
    "callbackTokenHash" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "runId" TEXT,
    "openKey" TEXT,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "exchangeAfter" TIMESTAMP(3),

    CONSTRAINT "ServiceAccountAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "provider" TEXT,
    "data" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "recruiterSlackUserId" TEXT NOT NULL,
    "organizerEmployeeId" TEXT NOT NULL,
    "calendarId" TEXT,
    "candidateName" TEXT NOT NULL,
    "candidateEmail" TEXT NOT NULL,
    "interviewerSlackUserIds" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "durationMinutes" INTEGER NOT NULL,
    "start" TIMESTAMP(3),
    "end" TIMESTAMP(3),
    "timeZone" TEXT NOT NULL,
    "conferencingChoice" TEXT NOT NULL,
    "conferencingProvider" TEXT,
    "joinUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "statusReason" TEXT,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "conferencingProfileId" TEXT,
    "conferencingStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewHistory" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorSlackUserId" TEXT,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InterviewHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewMessage" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InterviewMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NudgeCampaign" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "startedBySlackUserId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "progressChannelId" TEXT,
    "progressTs" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'admin',
    "lastProgressAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "NudgeCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nudge" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT,
    "employeeId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "scheduledFor" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,
    "claimedAt" TIMESTAMP(3),
    "messageTs" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestedBySlackUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Nudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "grantedBySlackUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "actorSlackUserId" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "uniqueKey" TEXT,
    "runAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedSlackEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedSlackEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "SlackRequestReceipt" (
    "signatureHash" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackRequestReceipt_pkey" PRIMARY KEY ("signatureHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slackTeamId_key" ON "Workspace"("slackTeamId");

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_installationKey_key" ON "SlackInstallation"("installationKey");

-- CreateIndex
CREATE INDEX "Employee_workspaceId_email_idx" ON "Employee"("workspaceId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_workspaceId_slackUserId_key" ON "Employee"("workspaceId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarConnection_employeeId_key" ON "CalendarConnection"("employeeId");

-- CreateIndex
CREATE INDEX "CalendarConnection_cronofyAccountId_idx" ON "CalendarConnection"("cronofyAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "ConferencingConnection_employeeId_provider_key" ON "ConferencingConnection"("employeeId", "provider");

-- CreateIndex
CREATE INDEX "EnterpriseConnectLink_workspaceId_state_idx" ON "EnterpriseConnectLink"("workspaceId", "state");

-- CreateIndex
CREATE INDEX "EnterpriseSyncRun_linkId_status_idx" ON "EnterpriseSyncRun"("linkId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccountAuthorization_callbackTokenHash_key" ON "ServiceAccountAuthorization"("callbackTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccountAuthorization_openKey_key" ON "ServiceAccountAuthorization"("openKey");

-- CreateIndex
CREATE INDEX "ServiceAccountAuthorization_employeeId_idx" ON "ServiceAccountAuthorization"("employeeId");

-- CreateIndex
CREATE INDEX "ServiceAccountAuthorization_linkId_current_state_idx" ON "ServiceAccountAuthorization"("linkId", "current", "state");

-- CreateIndex
CREATE INDEX "ServiceAccountAuthorization_runId_state_idx" ON "ServiceAccountAuthorization"("runId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthState_tokenHash_key" ON "OAuthState"("tokenHash");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "Interview_workspaceId_status_idx" ON "Interview"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "InterviewHistory_interviewId_at_idx" ON "InterviewHistory"("interviewId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewMessage_interviewId_slackUserId_revision_key" ON "InterviewMessage"("interviewId", "slackUserId", "revision");

-- CreateIndex
CREATE INDEX "NudgeCampaign_workspaceId_status_idx" ON "NudgeCampaign"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "Nudge_status_scheduledFor_idx" ON "Nudge"("status", "scheduledFor");

-- CreateIndex
CREATE UNIQUE INDEX "Nudge_campaignId_employeeId_sequence_key" ON "Nudge"("campaignId", "employeeId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "RoleGrant_workspaceId_slackUserId_role_key" ON "RoleGrant"("workspaceId", "slackUserId", "role");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_at_idx" ON "AuditEvent"("workspaceId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Job_uniqueKey_key" ON "Job"("uniqueKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "SlackRequestReceipt_receivedAt_idx" ON "SlackRequestReceipt"("receivedAt");

-- AddForeignKey
ALTER TABLE "SlackInstallation" ADD CONSTRAINT "SlackInstallation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarConnection" ADD CONSTRAINT "CalendarConnection_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConferencingConnection" ADD CONSTRAINT "ConferencingConnection_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseConnectLink" ADD CONSTRAINT "EnterpriseConnectLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseSyncRun" ADD CONSTRAINT "EnterpriseSyncRun_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "EnterpriseConnectLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAccountAuthorization" ADD CONSTRAINT "ServiceAccountAuthorization_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthState" ADD CONSTRAINT "OAuthState_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewHistory" ADD CONSTRAINT "InterviewHistory_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewMessage" ADD CONSTRAINT "InterviewMessage_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NudgeCampaign" ADD CONSTRAINT "NudgeCampaign_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "NudgeCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

