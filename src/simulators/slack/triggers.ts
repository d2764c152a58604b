// trigger_id: issued with every command and interaction, valid 3 s on the simulator's clock, exchangeable once.
import type { IdFactory } from './ids';
import { SlackApiError } from './web-api/errors';

const TRIGGER_TTL_MS = 3000;

interface Trigger {
  teamId: string;
  userId: string;
  issuedAt: number;
  exchanged: boolean;
}

export class TriggerRegistry {
  private readonly triggers = new Map<string, Trigger>();
  private issuedCount = 0;

  constructor(
    private readonly ids: IdFactory,
    private readonly clock: () => number,
  ) {}

  issue(teamId: string, userId: string): string {
    this.issuedCount += 1;
    const id = `${Math.floor(this.clock() / 1000)}.${this.issuedCount}.${this.ids.secret(16)}`;
    this.triggers.set(id, { teamId, userId, issuedAt: this.clock(), exchanged: false });
    return id;
  }

  /** The person whose interaction the trigger came from. */
  exchange(triggerId: string, teamId: string): { userId: string } {
    const trigger = this.triggers.get(triggerId);
    if (!trigger || trigger.teamId !== teamId) throw new SlackApiError('invalid_trigger_id');
    if (trigger.exchanged) throw new SlackApiError('exchanged_trigger_id');
    if (this.clock() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id');
    trigger.exchanged = true;
    return { userId: trigger.userId };
  }
}
