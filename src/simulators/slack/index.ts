// Public surface of the local Slack simulator.
export { createSlackSimulator, SlackSimulator, type SlackSimulatorOptions } from './simulator';
export { signRequest, type SlackSignatureHeaders } from './signing';
export type { DeliveryResult } from './app-delivery';
export type { ChannelInput, UserGroupInput, UserInput, UserPatch, Workspace, WorkspaceInput } from './directory';
export type {
  ClickButtonInput,
  CloseViewInput,
  EventResult,
  InteractInput,
  InteractionLocation,
  InteractionResult,
  SendEventInput,
  SlashCommandInput,
  SlashCommandResult,
  SubmitOutcome,
  SubmitViewInput,
  SubmitViewResult,
  ViewValues,
} from './driver';
export type {
  ActionState,
  ApiCallRecord,
  DeliveryRecord,
  EphemeralRecord,
  FileRecord,
  MessageRecord,
  MessageUpdate,
  RateLimitRecord,
  ResponseUrlPostRecord,
  SimRecord,
  SlackObject,
  StateValues,
  ViewRecord,
} from './records';
export type { SlackUserObject } from './slack-shapes';
export type { Change, WaitForOptions } from './store';
