// Authorization codes from the simulated consent page: single use, 10 minutes, bound to client and redirect_uri.
import type { IdFactory } from './ids';
import { SlackApiError } from './web-api/errors';

const OAUTH_CODE_TTL_MS = 10 * 60_000;

export interface Grant {
  teamId: string;
  userId: string;
  scope: string;
  userScope: string;
  redirectUri: string;
}

interface IssuedGrant extends Grant {
  issuedAt: number;
  redeemed: boolean;
}

export class OAuthGrants {
  private readonly grants = new Map<string, IssuedGrant>();

  constructor(
    private readonly ids: IdFactory,
    private readonly clock: () => number,
  ) {}

  issue(grant: Grant): string {
    const code = `${Math.floor(this.clock() / 1000)}.${this.ids.secret(20)}`;
    this.grants.set(code, { ...grant, issuedAt: this.clock(), redeemed: false });
    return code;
  }

  redeem(code: string, redirectUri: string | undefined): Grant {
    const grant = this.grants.get(code);
    if (!grant || grant.redeemed || this.clock() - grant.issuedAt > OAUTH_CODE_TTL_MS) throw new SlackApiError('invalid_code');
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) throw new SlackApiError('bad_redirect_uri');
    grant.redeemed = true;
    return grant;
  }
}
