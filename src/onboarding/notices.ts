// The line above a checklist that says why Slotline wrote now.
import { calendarLabel } from '../readiness/providers';
import { describeReason } from './checklist-blocks';

function firstName(realName: string): string {
  return realName.split(/\s+/)[0] || realName;
}

export function welcomeNotice(realName: string): string {
  return `:wave: Hi ${firstName(realName)}! Slotline books interviews from Slack. Two minutes of setup and the interviews you host arrive with a video link.`;
}

export function connectionLostNotice(connection: { providerName: string | null; providerProtocol: string | null; reason: string | null }): string {
  const label = connection.providerName ? `${calendarLabel(connection.providerName, connection.providerProtocol)} calendar` : 'calendar';
  return `:warning: Your ${label} disconnected from Slotline because ${describeReason(connection.reason)}. Until you relink it, interviews cannot be booked into it.`;
}
