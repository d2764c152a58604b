// Linking Enterprise Connect: an admin's signed link → Cronofy's Enterprise Connect page (admin consent) →
// our callback, which stores the service account's tokens encrypted and starts syncing everyone. The link
// row is written only once the code is exchanged and the domain known, so a refusal leaves nothing behind.
import { z } from 'zod';
import { toStoredTokens } from '../cronofy/token-manager';
import { AppError, toAppError } from '../errors';
import { recordEnterpriseAudit } from './audit';
import { LIVE_LINK_STATES, findLiveLink } from './coverage';
import { ENTERPRISE_LINK_CHOICES, type EnterpriseProviderChoice } from './enterprise-blocks';
import { cancelRequests } from './outcomes';
import type { EnterpriseRuntime } from './runtime';
import { cancelRuns, startRun } from './sync-runs';

export const ENTERPRISE_LINK_PATH = '/enterprise/link';
export const ENTERPRISE_CALLBACK_PATH = '/cronofy/callback/enterprise';
/** The admin's link and the state sent to Cronofy both last this long. */
export const LINK_TTL_MINUTES = 30;

export type LinkOutcome = { kind: 'linked'; domain: string; provider: string | null } | { kind: 'declined' };

const providerSchema = z.enum(ENTERPRISE_LINK_CHOICES.map((choice) => choice.provider) as [EnterpriseProviderChoice, ...EnterpriseProviderChoice[]]);

const callbackSchema = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(2000).optional(),
  error: z.string().max(200).optional(),
});

function redirectUri(rt: EnterpriseRuntime): string {
  return `${rt.ctx.publicUrl}${ENTERPRISE_CALLBACK_PATH}`;
}

export async function startLink(rt: EnterpriseRuntime, workspaceId: string, adminSlackUserId: string, provider?: string): Promise<{ url: string; expiresAt: Date }> {
  const chosen = provider === undefined ? undefined : providerSchema.safeParse(provider);
  if (chosen && !chosen.success) {
    throw new AppError('bad_request', { message: `unknown Enterprise Connect provider ${provider}`, userMessage: 'Choose Google Workspace, Microsoft 365 or Exchange.' });
  }
  const issued = await rt.ctx.links.issue({ workspaceId, slackUserId: adminSlackUserId, purpose: 'enterprise_connect', provider: chosen?.data, ttlMinutes: LINK_TTL_MINUTES, path: ENTERPRISE_LINK_PATH });
  return { url: issued.url, expiresAt: issued.expiresAt };
}

/** GET /enterprise/link/:token → Cronofy's Enterprise Connect page, with a fresh single-use state. */
export async function openLink(rt: EnterpriseRuntime, token: string): Promise<string> {
  const link = await rt.ctx.links.redeem(token, ['enterprise_connect']);
  const state = await rt.ctx.links.issue({
    workspaceId: link.workspaceId,
    slackUserId: link.slackUserId,
    purpose: 'enterprise_callback',
    provider: link.provider ?? undefined,
    ttlMinutes: LINK_TTL_MINUTES,
    path: ENTERPRISE_CALLBACK_PATH,
  });
  await recordEnterpriseAudit(rt.ctx, { workspaceId: link.workspaceId, actorSlackUserId: link.slackUserId, action: 'enterprise_link_started', detail: { provider: link.provider } });
  return rt.ctx.cronofy.enterpriseAuthorizeUrl({ redirectUri: redirectUri(rt), state: state.token, providerName: link.provider ?? undefined });
}

/** GET /cronofy/callback/enterprise?code&state (or ?error=access_denied&state). */
export async function finishLink(rt: EnterpriseRuntime, query: URLSearchParams): Promise<LinkOutcome> {
  const { ctx } = rt;
  const parsed = callbackSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    throw new AppError('bad_request', { message: 'Enterprise Connect callback without a usable state', userMessage: 'This page only works at the end of an Enterprise Connect sign-in started from Slotline in Slack.' });
  }
  const { state, code, error } = parsed.data;
  const redeemed = await ctx.links.redeem(state, ['enterprise_callback']);
  const { workspaceId, slackUserId: adminSlackUserId } = redeemed;
  if (error || !code) {
    await recordEnterpriseAudit(ctx, { workspaceId, actorSlackUserId: adminSlackUserId, action: 'enterprise_link_declined', detail: { error: error ?? 'no_code' } });
    if (error === 'access_denied') return { kind: 'declined' };
    throw new AppError('oauth_declined', {
      message: `Enterprise Connect authorization returned ${error ? `error ${error}` : 'no code'}`,
      userMessage: 'Cronofy could not finish the Enterprise Connect sign-in, so nothing was linked. Start again from `/integrations enterprise` in Slack.',
    });
  }

  const response = await ctx.cronofy.exchangeCode({ code, redirectUri: redirectUri(rt) });
  const tokens = toStoredTokens(response, ctx.clock.now());
  let serviceAccount: { domain: string; provider: string | null; id: string; delegatedScope: string | null };
  try {
    const info = await ctx.cronofy.userInfo(tokens.accessToken);
    const data = info['cronofy.data']?.service_account;
    if (!data?.domain || (info['cronofy.type'] !== 'service_account' && !response.service_account_id)) {
      throw new AppError('bad_request', {
        message: 'Enterprise Connect authorization did not yield a service account with a domain',
        userMessage: 'Cronofy did not report which domain this authorization covers, so nothing was linked. Make sure a domain administrator signs in on the Enterprise Connect page.',
      });
    }
    serviceAccount = {
      domain: data.domain.toLowerCase(),
      provider: data.provider_name ?? redeemed.provider,
      id: response.service_account_id ?? info.sub,
      delegatedScope: info['cronofy.data']?.authorization?.delegated_scope ?? null,
    };
  } catch (raw) {
    await revokeQuietly(rt, tokens.refreshToken ?? tokens.accessToken);
    throw raw;
  }

  const previous = await ctx.db.enterpriseConnectLink.findMany({ where: { workspaceId, state: { in: [...LIVE_LINK_STATES] } } });
  const now = ctx.clock.now();
  const link = await ctx.db.enterpriseConnectLink.create({
    data: {
      id: ctx.ids.id('ecl'),
      workspaceId,
      state: 'active',
      providerName: serviceAccount.provider,
      domain: serviceAccount.domain,
      serviceAccountId: serviceAccount.id,
      scope: response.scope ?? null,
      delegatedScope: serviceAccount.delegatedScope,
      accessTokenEnc: ctx.cipher.encrypt(tokens.accessToken),
      refreshTokenEnc: tokens.refreshToken ? ctx.cipher.encrypt(tokens.refreshToken) : null,
      accessTokenExpiresAt: tokens.expiresAt,
      linkedBySlackUserId: adminSlackUserId,
      linkedAt: now,
    },
  });
  for (const old of previous) await retireLink(rt, old.id, { revoke: old.serviceAccountId !== serviceAccount.id, reason: 'replaced' });
  await recordEnterpriseAudit(ctx, { workspaceId, actorSlackUserId: adminSlackUserId, action: 'enterprise_linked', target: serviceAccount.domain, detail: { provider: serviceAccount.provider } });
  ctx.logger.info('Enterprise Connect linked', { workspaceId, linkId: link.id, domain: serviceAccount.domain });
  await startRun(rt, link.id, 'initial', adminSlackUserId);
  return { kind: 'linked', domain: serviceAccount.domain, provider: serviceAccount.provider };
}

export async function unlink(rt: EnterpriseRuntime, workspaceId: string, bySlackUserId: string): Promise<{ domain: string | null }> {
  const link = await findLiveLink(rt.ctx.db, workspaceId);
  if (!link) throw new AppError('not_found', { message: 'unlink without a live Enterprise Connect link', userMessage: 'Enterprise Connect is not linked, so there is nothing to unlink.' });
  const tokens = await rt.serviceAccounts.load(link.id);
  if (tokens) {
    try {
      await rt.ctx.cronofy.revoke({ token: tokens.refreshToken ?? tokens.accessToken });
    } catch (raw) {
      const error = toAppError(raw);
      // Already revoked at Cronofy's end (an admin removed the app): unlinking here just catches up.
      if (!['cronofy_invalid_grant', 'cronofy_unauthorized'].includes(error.code)) {
        throw new AppError(error.code, {
          message: `Enterprise Connect revoke failed: ${error.message}`,
          userMessage: 'Cronofy could not be reached to revoke the service account, so Enterprise Connect is still linked. Try Unlink again in a few minutes.',
          cause: error,
        });
      }
    }
  }
  await retireLink(rt, link.id, { revoke: false, reason: 'unlinked_by_admin' });
  await recordEnterpriseAudit(rt.ctx, { workspaceId, actorSlackUserId: bySlackUserId, action: 'enterprise_unlinked', target: link.domain });
  return { domain: link.domain };
}

/** Clears a link's tokens and stops everything still waiting on it; people's own connections stay. */
async function retireLink(rt: EnterpriseRuntime, linkId: string, options: { revoke: boolean; reason: string }): Promise<void> {
  const { db, clock } = rt.ctx;
  if (options.revoke) {
    const tokens = await rt.serviceAccounts.load(linkId);
    if (tokens) await revokeQuietly(rt, tokens.refreshToken ?? tokens.accessToken);
  }
  const link = await db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
  await db.enterpriseConnectLink.updateMany({
    where: { id: linkId, state: { in: [...LIVE_LINK_STATES] } },
    data: { state: 'unlinked', reason: options.reason, unlinkedAt: clock.now(), accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, paceUntil: null },
  });
  await cancelRequests(rt.ctx, { linkId });
  await cancelRuns(rt, linkId);
  // Reasons that only made sense while the link stood (e.g. "mailbox not found") go with it.
  await db.calendarConnection.updateMany({
    where: { reason: { startsWith: 'ec_' }, state: { not: 'connected' }, employee: { workspaceId: link.workspaceId } },
    data: { reason: null },
  });
}

async function revokeQuietly(rt: EnterpriseRuntime, token: string): Promise<void> {
  try {
    await rt.ctx.cronofy.revoke({ token });
  } catch (error) {
    rt.ctx.logger.warn('could not revoke an Enterprise Connect authorization', { error: error instanceof Error ? error.message : String(error) });
  }
}
