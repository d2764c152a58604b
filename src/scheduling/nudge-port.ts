// What scheduling needs from reminders: nudge one person now. Matches `ctx.campaigns.nudgeOne` (issue 3).
export type NudgeResult = 'sent' | 'nothing_missing' | 'opted_out';

export interface NudgePort {
  nudgeOne(employeeId: string, bySlackUserId?: string): Promise<NudgeResult>;
}
