// The admin part of the App Home tab: the readiness summary with bars, the bulk actions, and the setup checklist.
// Called by the Home tab's owner (onboarding) for everyone; non-admins get nothing.
import type { types } from '@slack/bolt';
import type { AppContext } from '../app-context';
import { ADMIN_ACTIONS } from './action-ids';
import { count, people } from './bars';
import { button, context, divider, header, type KnownBlock } from './blocks';
import { formatInZone } from './format-time';
import { viewerTimeZone } from './members';
import { isIntegrationAdmin } from './permissions';
import { setupChecklist, setupChecklistBlocks } from './setup-checklist';
import { enterpriseHomeSection } from '../enterprise/enterprise-admin';
import { buildStatusReport } from './status-report';
import { summaryBlocks } from './summary-blocks';

export async function adminHomeBlocks(ctx: AppContext, workspaceId: string, slackUserId: string): Promise<types.KnownBlock[]> {
  const workspace = await ctx.workspaces.get(workspaceId);
  const client = await ctx.slack.forTeam(workspace.slackTeamId);
  if (!(await isIntegrationAdmin(ctx, client, workspaceId, slackUserId))) return [];
  const report = await buildStatusReport(ctx, workspace, { page: null });
  const { summary } = report;
  const actions = [
    ...(summary.missing > 0
      ? [
          button({
            actionId: ADMIN_ACTIONS.nudgeAll,
            text: `Nudge everyone missing something (${count(summary.missing)})`,
            style: 'primary',
            confirm: { title: 'Send reminders?', text: `Slotline will DM ${people(summary.missing)} with what they still need to connect.`, confirm: 'Send reminders' },
          }),
        ]
      : []),
    button({ actionId: ADMIN_ACTIONS.exportCsv, text: 'Export CSV' }),
    button({ actionId: ADMIN_ACTIONS.openSettings, text: 'Settings' }),
  ];
  const blocks: KnownBlock[] = [
    header('Admin: interview readiness'),
    ...summaryBlocks(summary, report.enterprise),
    context(`${people(summary.people)} · as of ${formatInZone(ctx.clock.now(), await viewerTimeZone(ctx, workspaceId, slackUserId))} · \`/integrations status\` lists who is missing what`),
    { type: 'actions', block_id: 'admin-home-actions', elements: actions },
    divider,
    header('Setup checklist'),
    ...setupChecklistBlocks(setupChecklist(workspace, summary, report.enterprise)),
    // Enterprise Connect's own section (src/enterprise): link state, counts, Sync all / Retry failed / Details.
    divider,
    ...(await enterpriseHomeSection(ctx, workspaceId)),
  ];
  return blocks;
}
