// Push notification channels per account: create (then a `verification` push), list, close.
import { z } from 'zod';
import { authenticateAccount } from '../auth';
import { parseBody } from '../body';
import type { SimContext } from '../config';
import { notFound } from '../errors';
import { emptyResponse, isHttpUrl, jsonResponse, type SimRequest, type SimResponse } from '../http';
import { newChannelId } from '../ids';
import type { Channel } from '../model';
import { channelView, pushToChannel } from '../push';
import type { Route } from '../router';

const channelSchema = z.object({
  callback_url: z.string().refine(isHttpUrl, 'must be an absolute http(s) URL'),
  filters: z
    .object({ calendar_ids: z.array(z.string()).optional(), only_managed: z.boolean().optional() })
    .optional(),
});

export const channelRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/channels', handler: createChannel },
  { method: 'GET', pattern: '/v1/channels', handler: listChannels },
  { method: 'DELETE', pattern: '/v1/channels/:channelId', handler: closeChannel },
];

function createChannel(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request, 'read_free_busy');
  const body = parseBody(channelSchema, request);
  const channel: Channel = {
    id: newChannelId(),
    accountId: caller.account.id,
    callbackUrl: body.callback_url,
    filters: body.filters ?? {},
  };
  ctx.store.channels.set(channel.id, channel);
  pushToChannel(ctx, channel, { type: 'verification' });
  return jsonResponse(200, { channel: channelView(channel) });
}

function listChannels(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  const channels = [...ctx.store.channels.values()].filter((channel) => channel.accountId === caller.account.id);
  return jsonResponse(200, { channels: channels.map(channelView) });
}

function closeChannel(request: SimRequest, ctx: SimContext): SimResponse {
  const caller = authenticateAccount(ctx, request);
  const channel = ctx.store.channels.get(request.params.channelId);
  if (!channel || channel.accountId !== caller.account.id) throw notFound();
  ctx.store.channels.delete(channel.id);
  return emptyResponse(202);
}
