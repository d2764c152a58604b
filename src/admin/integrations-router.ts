// Routes `/integrations <subcommand>` after the listener acked: checks the caller is an admin, then runs the subcommand.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import type { Employee } from '../generated/prisma/sqlite/client';
import { CONFERENCING_LABELS, CONFERENCING_PROVIDERS, isConferencingProvider, type ConferencingProvider } from '../readiness/providers';
import type { Workspace } from '../workspaces/workspace-service';
import { adminsCommand } from './admins-command';
import { recordAudit } from './audit-log';
import { startCsvExport } from './csv-export';
import { enterpriseStatusReply } from '../enterprise/enterprise-admin';
import { helpText, unknownSubcommandText } from './help';
import { hostingChecks, hostingChecksText, liveHostingTest } from './hosting-test';
import { formatInZone } from './format-time';
import { targetEmployee, viewerTimeZone } from './members';
import { parseCommand, type ParsedCommand } from './parse-command';
import { nudgeEveryone, nudgePerson } from './person-actions';
import { personDetail } from './person-detail';
import { adminRefusal, isIntegrationAdmin } from './permissions';
import { recruitersCommand } from './recruiters-command';
import type { Responder } from './responder';
import { settingsModal } from './settings-modal';
import { statusMessage } from './status-blocks';
import { buildStatusReport } from './status-report';

export interface IntegrationsRequest {
  workspace: Workspace;
  slackUserId: string;
  text: string;
  triggerId: string;
  client: WebClient;
  respond: Responder;
}

const MENTION_HINT = 'Mention the person (type @ and pick them from the list) so Slack can tell me who you mean.';

export async function runIntegrationsCommand(ctx: AppContext, request: IntegrationsRequest): Promise<void> {
  const { workspace, slackUserId, client, respond } = request;
  const command = parseCommand(request.text);
  try {
    if (!(await isIntegrationAdmin(ctx, client, workspace.id, slackUserId))) {
      await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: slackUserId, action: 'access_denied', detail: { subcommand: command.subcommand.slice(0, 30) } });
      await respond({ text: await adminRefusal(ctx.db, workspace.id) });
      return;
    }
    await route(ctx, request, command);
  } catch (raw) {
    const error = toAppError(raw);
    ctx.logger.error('/integrations failed', { subcommand: command.subcommand.slice(0, 30), code: error.code, error: error.message });
    await respond({ text: `Sorry, that didn't work: ${error.userMessage}` }).catch(() => undefined);
  }
}

async function route(ctx: AppContext, request: IntegrationsRequest, command: ParsedCommand): Promise<void> {
  const { workspace, slackUserId: actor, client, respond } = request;
  const needsPerson = async (): Promise<Employee | string | null> => {
    const [slackUserId] = command.users;
    if (!slackUserId) {
      await respond({ text: command.plainMentions.length ? MENTION_HINT : `Name one person: \`/integrations ${command.subcommand} @person\`.` });
      return null;
    }
    return targetEmployee(ctx, client, workspace.id, slackUserId);
  };

  switch (command.subcommand) {
    case '':
    case 'help':
      await respond({ text: helpText() });
      return;

    case 'settings':
      // trigger_id lives for three seconds: open the modal before anything slow.
      await client.views.open({ trigger_id: request.triggerId, view: settingsModal(workspace) });
      return;

    case 'status': {
      const timeZone = await viewerTimeZone(ctx, workspace.id, actor);
      if (command.users.length || command.plainMentions.length) {
        const target = await needsPerson();
        if (target === null) return;
        if (typeof target === 'string') await respond({ text: target });
        else await respond(await personDetail(ctx, workspace, target, timeZone));
        return;
      }
      const report = await buildStatusReport(ctx, workspace, { page: 1 });
      await respond(statusMessage(report, { viewerTimeZone: timeZone, now: ctx.clock.now() }));
      return;
    }

    case 'nudge': {
      if (!command.users.length && !command.plainMentions.length) {
        await respond(await nudgeEveryone(ctx, workspace, actor, client));
        return;
      }
      const target = await needsPerson();
      if (target === null) return;
      await respond(typeof target === 'string' ? { text: target } : await nudgePerson(ctx, workspace, actor, target));
      return;
    }

    case 'test': {
      const target = await needsPerson();
      if (target === null) return;
      if (typeof target === 'string') {
        await respond({ text: target });
        return;
      }
      const live = command.flags.includes('live');
      const provider = command.words.find((w): w is ConferencingProvider => (CONFERENCING_PROVIDERS as readonly string[]).includes(w));
      await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: actor, action: live ? 'test_live' : 'test', target: target.slackUserId, detail: { provider: provider ?? null } });
      const { checks } = await hostingChecks(ctx.db, workspace, target);
      await respond({ text: hostingChecksText(target.slackUserId, checks) });
      if (!live) return;
      await respond({ text: `Creating a 15-minute test event with ${provider ? CONFERENCING_LABELS[provider] : 'their default'} video in <@${target.slackUserId}>'s calendar…` });
      const result = await liveHostingTest(ctx, workspace, target, provider);
      const timeZone = await viewerTimeZone(ctx, workspace.id, actor);
      const when = result.start ? ` for ${formatInZone(result.start, timeZone, 'HH:mm zzz')}` : '';
      const cleanup = result.leftover ? '\n⚠️ I could not delete the test event: please remove "Slotline test interview" from their calendar.' : '';
      const video = result.ok && result.providerName ? (isConferencingProvider(result.providerName) ? CONFERENCING_LABELS[result.providerName] : result.providerName) : 'a';
      await respond({
        text: result.ok
          ? `✅ Live test passed: Cronofy created a test event${when} with ${video} video link ${result.joinUrl}, and I deleted it again.${cleanup}`
          : `❌ Live test failed: ${result.message}${cleanup}`,
      });
      return;
    }

    case 'enterprise':
      await respond(await enterpriseStatusReply(ctx, workspace, actor));
      return;

    case 'admins':
      await respond(await adminsCommand(ctx, workspace, actor, command, client));
      return;

    case 'recruiters':
      await respond(await recruitersCommand(ctx, workspace, actor, command, client));
      return;

    case 'export':
      await respond(await startCsvExport(ctx, workspace, actor, client));
      return;

    default:
      await respond({ text: unknownSubcommandText(command.subcommand) });
  }
}

