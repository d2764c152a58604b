// The shape of a Web API method handler: authenticated workspace and raw args in, Slack's success body out.
import type { SimulatorContext } from '../context';
import type { Workspace } from '../directory';
import type { SlackObject } from '../records';

export interface WebApiCall {
  sim: SimulatorContext;
  workspace: Workspace;
  args: SlackObject;
}

/** Returns the fields after `ok: true`; throws SlackApiError for `ok: false`. */
export type WebApiMethod = (call: WebApiCall) => SlackObject;
