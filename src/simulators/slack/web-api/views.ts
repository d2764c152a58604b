// views.open, views.push (both need a fresh trigger_id), views.update (by view_id or external_id) and views.publish.
import { z } from 'zod';
import type { ViewRecord } from '../records';
import { slackView } from '../slack-shapes';
import { jsonEncoded, parseArgs } from './args';
import { SlackApiError, schemaError } from './errors';
import type { WebApiCall, WebApiMethod } from './method';

const triggeredArgs = z.looseObject({
  trigger_id: z.string().optional(),
  interactivity_pointer: z.string().optional(),
  view: jsonEncoded(z.unknown()),
});
const updateArgs = z.looseObject({
  view_id: z.string().optional(),
  external_id: z.string().optional(),
  hash: z.string().optional(),
  view: jsonEncoded(z.unknown()),
});
const publishArgs = z.looseObject({ user_id: z.string().optional(), hash: z.string().optional(), view: jsonEncoded(z.unknown()) });

function render({ sim, workspace }: WebApiCall, view: ViewRecord) {
  return { view: slackView(view, workspace, sim.app) };
}

function exchangeTrigger({ sim, workspace }: WebApiCall, args: z.output<typeof triggeredArgs>): string {
  const triggerId = args.trigger_id ?? args.interactivity_pointer;
  if (!triggerId) throw schemaError('invalid_arguments', ['missing required field: trigger_id [json-pointer:/trigger_id]']);
  return sim.triggers.exchange(triggerId, workspace.teamId).userId;
}

export const viewMethods: Record<string, WebApiMethod> = {
  'views.open': (call) => {
    const args = parseArgs(triggeredArgs, call.args);
    const spec = call.sim.views.checkedSpec(args.view, 'modal');
    const userId = exchangeTrigger(call, args);
    return render(call, call.sim.views.open(call.workspace.teamId, userId, spec));
  },

  'views.push': (call) => {
    const args = parseArgs(triggeredArgs, call.args);
    const spec = call.sim.views.checkedSpec(args.view, 'modal');
    const userId = exchangeTrigger(call, args);
    return render(call, call.sim.views.push(call.workspace.teamId, userId, spec));
  },

  'views.update': (call) => {
    const { sim, workspace } = call;
    const args = parseArgs(updateArgs, call.args);
    if (!args.view_id && !args.external_id) {
      throw schemaError('invalid_arguments', ['either view_id or external_id is required [json-pointer:/view_id]']);
    }
    const view = args.view_id ? sim.views.find(workspace.teamId, args.view_id) : sim.views.findByExternalId(workspace.teamId, args.external_id ?? '');
    if (!view || view.status === 'closed') throw new SlackApiError('not_found');
    const spec = sim.views.checkedSpec(args.view, view.type);
    return render(call, sim.views.replace(view, spec, args.hash));
  },

  'views.publish': (call) => {
    const { sim, workspace } = call;
    const args = parseArgs(publishArgs, call.args);
    const user = args.user_id ? sim.directory.user(workspace.teamId, args.user_id) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    const spec = sim.views.checkedSpec(args.view, 'home');
    return render(call, sim.views.publishHome(workspace.teamId, user.id, spec, args.hash));
  },
};
