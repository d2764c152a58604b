// Modals (a stack of at most 3 per person) and Home tabs (one per person), shared by views.* and view_submission acks.
import { viewProblems } from './block-kit-limits';
import { stateValuesFor, withFilledIds } from './blocks';
import type { IdFactory } from './ids';
import type { ActionState, SlackObject, ViewRecord } from './records';
import type { SimStore } from './store';
import { SlackApiError, schemaError } from './web-api/errors';

const MAX_MODAL_STACK = 3;

function personKey(teamId: string, userId: string): string {
  return `${teamId}:${userId}`;
}

export class ViewStacks {
  private readonly stacks = new Map<string, ViewRecord[]>();
  private readonly homes = new Map<string, ViewRecord>();

  constructor(
    private readonly store: SimStore,
    private readonly ids: IdFactory,
    private readonly clock: () => number,
  ) {}

  /** Validates a view as Slack does and fills in missing block and action ids. */
  checkedSpec(view: unknown, expectedType: 'modal' | 'home'): SlackObject {
    const problems = viewProblems(view);
    const spec = view as SlackObject;
    if (problems.length === 0 && spec.type !== expectedType) problems.push(`must be ${expectedType} [json-pointer:/view/type]`);
    if (problems.length > 0) throw schemaError('invalid_arguments', problems);
    const blocks = withFilledIds(spec.blocks as SlackObject[], () => this.ids.shortId());
    return { ...spec, blocks };
  }

  /** A new root modal; whatever the person had open is closed. */
  open(teamId: string, userId: string, spec: SlackObject): ViewRecord {
    this.assertExternalIdFree(teamId, spec.external_id);
    this.closeAll(teamId, userId);
    const view = this.create(teamId, userId, 'modal', spec, null, null);
    this.stacks.set(personKey(teamId, userId), [view]);
    return this.store.add(view);
  }

  push(teamId: string, userId: string, spec: SlackObject): ViewRecord {
    const stack = this.stack(teamId, userId);
    if (stack.length === 0) return this.open(teamId, userId, spec);
    if (stack.length >= MAX_MODAL_STACK) throw new SlackApiError('push_limit_reached');
    this.assertExternalIdFree(teamId, spec.external_id);
    const top = stack[stack.length - 1];
    const view = this.create(teamId, userId, 'modal', spec, top.rootViewId, top.id);
    this.stacks.set(personKey(teamId, userId), [...stack, view]);
    return this.store.add(view);
  }

  /** Replaces a view's content, keeping its id; a stale `hash` is refused. */
  replace(view: ViewRecord, spec: SlackObject, expectedHash?: string): ViewRecord {
    if (expectedHash !== undefined && expectedHash !== view.hash) throw new SlackApiError('hash_conflict');
    if (spec.external_id !== undefined && spec.external_id !== view.externalId) this.assertExternalIdFree(view.teamId, spec.external_id);
    view.spec = spec;
    view.hash = this.ids.viewHash();
    // An update that leaves external_id out keeps the view addressable by the one it had.
    if (typeof spec.external_id === 'string') view.externalId = spec.external_id;
    view.stateValues = stateValuesFor(spec.blocks as SlackObject[], view.stateValues);
    view.errors = null;
    view.updatedAt = this.clock();
    this.store.changed(view);
    return view;
  }

  publishHome(teamId: string, userId: string, spec: SlackObject, expectedHash?: string): ViewRecord {
    const existing = this.homes.get(personKey(teamId, userId));
    if (existing) return this.replace(existing, spec, expectedHash);
    const view = this.create(teamId, userId, 'home', spec, null, null);
    this.homes.set(personKey(teamId, userId), view);
    return this.store.add(view);
  }

  home(teamId: string, userId: string): ViewRecord | undefined {
    return this.homes.get(personKey(teamId, userId));
  }

  /** Open modals, root first. */
  stack(teamId: string, userId: string): ViewRecord[] {
    return [...(this.stacks.get(personKey(teamId, userId)) ?? [])];
  }

  find(teamId: string, viewId: string): ViewRecord | undefined {
    return this.store.list('view').find((view) => view.teamId === teamId && view.id === viewId);
  }

  findByExternalId(teamId: string, externalId: string): ViewRecord | undefined {
    return this.store.list('view').find((view) => view.teamId === teamId && view.externalId === externalId && view.status === 'open');
  }

  closeTop(teamId: string, userId: string): void {
    const stack = this.stack(teamId, userId);
    const top = stack.pop();
    if (top) this.markClosed(top);
    this.stacks.set(personKey(teamId, userId), stack);
  }

  closeAll(teamId: string, userId: string): void {
    for (const view of this.stack(teamId, userId)) this.markClosed(view);
    this.stacks.set(personKey(teamId, userId), []);
  }

  setActionState(view: ViewRecord, blockId: string, actionId: string, state: ActionState): void {
    view.stateValues = { ...view.stateValues, [blockId]: { ...view.stateValues[blockId], [actionId]: state } };
    this.store.changed(view);
  }

  showErrors(view: ViewRecord, errors: Record<string, string>): void {
    view.errors = errors;
    this.store.changed(view);
  }

  private create(teamId: string, userId: string, type: ViewRecord['type'], spec: SlackObject, rootViewId: string | null, previousViewId: string | null): ViewRecord {
    const id = this.ids.next('V');
    return {
      kind: 'view',
      id,
      teamId,
      userId,
      type,
      spec,
      hash: this.ids.viewHash(),
      externalId: typeof spec.external_id === 'string' ? spec.external_id : null,
      rootViewId: rootViewId ?? id,
      previousViewId,
      stateValues: stateValuesFor(spec.blocks as SlackObject[]),
      errors: null,
      status: 'open',
      createdAt: this.clock(),
      updatedAt: this.clock(),
    };
  }

  private markClosed(view: ViewRecord): void {
    view.status = 'closed';
    view.updatedAt = this.clock();
    this.store.changed(view);
  }

  private assertExternalIdFree(teamId: string, externalId: unknown): void {
    if (typeof externalId === 'string' && this.findByExternalId(teamId, externalId)) throw new SlackApiError('duplicate_external_id');
  }
}
