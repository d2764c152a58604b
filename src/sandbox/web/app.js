// The sandbox page: pick a person of the demo company and use Slotline as they would in Slack. Slack's client is
// played here (messages, App Home, modals, slash commands, clicks), Slack itself by the simulator behind /sandbox/api.
import { api, ApiError } from './api.js';
import { clientSideErrors, isObject, isValueElement, selectionFor, stateEntry } from './block-state.js';
import { renderCalendars } from './calendars.js';
import { escapeHtml, renderMrkdwn, renderPlainText, plainTextOf } from './mrkdwn.js';
import { renderHome, renderMessage, renderModal } from './surfaces.js';

/**
 * @typedef {import('./block-state.js').SlackObject} SlackObject
 * @typedef {import('./block-state.js').StateValues} StateValues
 * @typedef {import('./surfaces.js').ShownView} ShownView
 * @typedef {{ slackId: string, realName: string, name: string, email: string, tz: string, role: string }} DemoPerson
 * @typedef {{ id: string, name: string, realName: string, isBot: boolean, deleted: boolean }} DirectoryUser
 * @typedef {{ command: string, description: string, usageHint: string }} CommandInfo
 * @typedef {{ team: { id: string, name: string }, appName: string, botUserId: string, people: DemoPerson[], users: DirectoryUser[], commands: CommandInfo[] }} Bootstrap
 */

const POLL_MS = 25_000;
const CALENDAR_REFRESH_MS = 4_000;

/** @param {string} id @returns {HTMLElement} */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

const page = {
  people: /** @type {HTMLFieldSetElement} */ (byId('people')),
  viewer: byId('viewer'),
  teamName: byId('team-name'),
  tabHome: byId('tab-home'),
  tabMessages: byId('tab-messages'),
  panelHome: byId('panel-home'),
  panelMessages: byId('panel-messages'),
  messages: byId('messages'),
  home: byId('home'),
  composer: /** @type {HTMLFormElement} */ (byId('composer')),
  composerInput: /** @type {HTMLInputElement} */ (byId('composer-input')),
  commandHints: byId('command-hints'),
  commandList: byId('command-list'),
  calendars: byId('calendars'),
  calendarsRefresh: byId('calendars-refresh'),
  modalRoot: byId('modal-root'),
  toasts: byId('toasts'),
  confirm: /** @type {HTMLDialogElement} */ (byId('confirm-dialog')),
};

const state = {
  /** @type {Bootstrap | null} */
  boot: null,
  /** @type {DemoPerson | null} */
  me: null,
  /** @type {'home' | 'messages'} */
  tab: 'messages',
  /** @type {ShownView | null} */
  homeView: null,
  /** @type {ShownView[]} */
  modals: [],
  /** What the person typed into open modals and has not submitted yet, by view id. */
  /** @type {Map<string, StateValues>} */
  drafts: new Map(),
  /** Errors Slack's client shows before sending (required fields), by view id. */
  /** @type {Map<string, Record<string, string>>} */
  localErrors: new Map(),
  /** What the modal layer shows ('' for nothing), so a refresh that changes nothing leaves the person's focus alone. */
  shownModalKey: '',
  /** Set after a submission: the modal is drawn again even if the app left it as it was (clears the busy button). */
  redrawModal: false,
  /** @type {Map<string, string>} */
  shownMessages: new Map(),
  /** @type {string | null} */
  dmChannel: null,
  /** @type {Element | null} */
  focusBeforeModal: null,
};

// ---------------------------------------------------------------- helpers

/**
 * A short notice in the corner (announced to screen readers), like Slack's own banners.
 * @param {string} text
 * @param {'info' | 'error'} [tone]
 */
function toast(text, tone = 'info') {
  const item = document.createElement('div');
  item.className = `toast toast--${tone}`;
  item.textContent = text;
  page.toasts.append(item);
  setTimeout(() => item.remove(), tone === 'error' ? 9000 : 5000);
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/** @returns {import('./block-kit.js').RenderContext & { appName: string }} */
function renderContext(/** @type {string} */ idPrefix) {
  const boot = /** @type {Bootstrap} */ (state.boot);
  const me = /** @type {DemoPerson} */ (state.me);
  /** @type {Record<string, { id: string, name: string, realName: string }>} */
  const users = {};
  for (const user of boot.users) users[user.id] = { id: user.id, name: user.name, realName: user.realName };
  return {
    idPrefix,
    timeZone: me.tz,
    users,
    // Slack's user pickers offer people, not bots or Slackbot.
    userList: boot.users.filter((user) => !user.isBot && !user.deleted && user.id !== 'USLACKBOT').map((user) => ({ id: user.id, name: user.name, realName: user.realName })),
    conversations: state.dmChannel ? [{ id: state.dmChannel, name: `Direct message with ${boot.appName}` }] : [],
    appName: boot.appName,
  };
}

/**
 * The element spec behind a rendered control.
 * @param {unknown} blocks
 * @param {string} blockId
 * @param {string} actionId
 * @returns {SlackObject | null}
 */
function findElement(blocks, blockId, actionId) {
  if (!Array.isArray(blocks)) return null;
  const block = blocks.find((candidate) => isObject(candidate) && candidate.block_id === blockId);
  if (!isObject(block)) return null;
  const elements = block.type === 'actions' ? block.elements : block.type === 'section' ? [block.accessory] : block.type === 'input' ? [block.element] : [];
  return (Array.isArray(elements) ? elements : []).find((element) => isObject(element) && element.action_id === actionId) ?? null;
}

/**
 * The blocks of the surface a control sits in.
 * @param {Element} control
 */
function blocksAround(control) {
  const modal = control.closest('.modal');
  if (modal) return state.modals.find((view) => view.id === modal.getAttribute('data-view-id'))?.spec.blocks;
  if (control.closest('.home')) return state.homeView?.spec.blocks;
  const message = control.closest('.msg');
  return message ? JSON.parse(message.getAttribute('data-blocks') ?? '[]') : undefined;
}

/**
 * What an HTML control holds.
 * @param {Element} control
 * @returns {import('./block-state.js').RawValue}
 */
function readControl(control) {
  if (control instanceof HTMLSelectElement) return control.multiple ? [...control.selectedOptions].map((option) => option.value) : control.value;
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) return control.value;
  const checked = [...control.querySelectorAll('input:checked')].map((input) => /** @type {HTMLInputElement} */ (input).value);
  return control.getAttribute('data-bk-type') === 'checkboxes' ? checked : (checked[0] ?? null);
}

/** @param {Element} control */
function locationOf(control) {
  const holder = control.closest('[data-bk-location]');
  return holder ? JSON.parse(holder.getAttribute('data-bk-location') ?? 'null') : null;
}

/**
 * Slack asks before an element with a `confirm` object acts.
 * @param {Element} control
 * @returns {Promise<boolean>}
 */
function confirmed(control) {
  const raw = control.getAttribute('data-bk-confirm');
  if (!raw) return Promise.resolve(true);
  const confirm = JSON.parse(raw);
  byId('confirm-title').innerHTML = renderPlainText(plainTextOf(confirm.title) || 'Are you sure?');
  byId('confirm-text').innerHTML = renderMrkdwn(plainTextOf(confirm.text), renderContext('confirm'));
  byId('confirm-ok').innerHTML = renderPlainText(plainTextOf(confirm.confirm) || 'Yes');
  byId('confirm-deny').innerHTML = renderPlainText(plainTextOf(confirm.deny) || 'Cancel');
  byId('confirm-ok').className = `bk-button ${confirm.style === 'danger' ? 'bk-button--danger' : 'bk-button--primary'}`;
  return new Promise((resolve) => {
    page.confirm.addEventListener('close', () => resolve(page.confirm.returnValue === 'confirm'), { once: true });
    page.confirm.returnValue = '';
    page.confirm.showModal();
  });
}

/**
 * Slack shows a warning when the app did not answer an interaction properly.
 * @param {{ status?: number, ackedInTime?: boolean, outcome?: string, problem?: string }} result
 * @param {string} what
 */
function reportDelivery(result, what) {
  const appName = state.boot?.appName ?? 'The app';
  if (result.status !== 200) toast(`${appName} did not handle ${what} (it answered HTTP ${result.status}).`, 'error');
  else if (result.ackedInTime === false) toast(`${appName} took too long to answer ${what}; Slack would have shown an error.`, 'error');
  else if (result.outcome === 'failed') toast(`We had some trouble connecting. ${result.problem ?? ''}`.trim(), 'error');
}

// ---------------------------------------------------------------- rendering

/**
 * Replaces content the person may be using. If their focus was inside, it goes to the element with the same id in
 * the new content (ids come from block and action ids, which an app keeps across updates), else to `fallback`.
 * @param {Element} container What `replace` swaps out or rewrites.
 * @param {() => void} replace
 * @param {() => Element | null} fallback
 */
function replaceKeepingFocus(container, replace, fallback) {
  const active = document.activeElement;
  const id = active instanceof HTMLElement && container.contains(active) ? active.id || '#none' : null;
  replace();
  if (id === null || (document.activeElement && document.activeElement !== document.body)) return;
  const target = (id !== '#none' && document.getElementById(id)) || fallback();
  if (target instanceof HTMLElement) target.focus();
}

function renderPeople() {
  const boot = /** @type {Bootstrap} */ (state.boot);
  const items = boot.people.map((person) => {
    const id = `who-${person.slackId}`;
    return `<div class="person"><input type="radio" name="who" id="${id}" value="${escapeHtml(person.slackId)}"${state.me?.slackId === person.slackId ? ' checked' : ''}>
<label for="${id}"><span class="person-name">${escapeHtml(person.realName)}</span> <span class="role role--${escapeHtml(person.role)}">${escapeHtml(person.role)}</span>
<span class="person-zone">${escapeHtml(person.tz)}</span></label></div>`;
  });
  page.people.insertAdjacentHTML('beforeend', items.join(''));
}

function renderCommands() {
  const boot = /** @type {Bootstrap} */ (state.boot);
  page.commandHints.innerHTML = boot.commands
    .map((command) => `<button type="button" class="command-hint" data-command="${escapeHtml(command.command)}" title="${escapeHtml(command.description)}"><code>${escapeHtml(command.command)}</code> <span>${escapeHtml(command.usageHint)}</span></button>`)
    .join('');
  page.commandList.innerHTML = boot.commands.map((command) => `<option value="${escapeHtml(command.command)} ">${escapeHtml(command.description)}</option>`).join('');
}

/**
 * Updates the message list in place: unchanged messages keep their DOM (and the person's focus).
 * @param {Array<import('./surfaces.js').ShownMessage & { files?: Array<{ id: string, filename: string }> }>} messages
 */
function renderConversation(messages) {
  const me = /** @type {DemoPerson} */ (state.me);
  const nearBottom = page.messages.scrollHeight - page.messages.scrollTop - page.messages.clientHeight < 80;
  state.dmChannel = messages.find((message) => message.kind === 'message')?.channel ?? state.dmChannel;
  const seen = new Set();
  /** @type {Element | null} */
  let previous = null;
  for (const message of messages) {
    const key = `${message.kind}:${message.ts}`;
    seen.add(key);
    const html = renderMessage(message, { ...renderContext(`m${message.ts.replace('.', '')}`), fileHref: (id) => api.fileUrl(me.slackId, id) });
    let item = page.messages.querySelector(`li[data-key="${CSS.escape(key)}"]`);
    if (!item || state.shownMessages.get(key) !== html) {
      const fresh = document.createElement('li');
      fresh.setAttribute('data-key', key);
      fresh.innerHTML = html;
      fresh.firstElementChild?.setAttribute('data-blocks', JSON.stringify(message.blocks ?? []));
      if (item) {
        const replaced = item;
        replaceKeepingFocus(replaced, () => replaced.replaceWith(fresh), () => fresh.querySelector('article'));
      } else if (previous) previous.after(fresh);
      else page.messages.prepend(fresh);
      item = fresh;
      state.shownMessages.set(key, html);
    }
    previous = item;
  }
  for (const item of [...page.messages.children]) {
    const key = item.getAttribute('data-key') ?? '';
    if (!seen.has(key)) {
      item.remove();
      state.shownMessages.delete(key);
    }
  }
  if (messages.length === 0) page.messages.innerHTML = `<li class="empty">No messages from ${escapeHtml(state.boot?.appName ?? 'the app')} yet.</li>`;
  else page.messages.querySelector('li.empty')?.remove();
  if (nearBottom) page.messages.scrollTop = page.messages.scrollHeight;
}

function renderHomeTab() {
  const me = /** @type {DemoPerson} */ (state.me);
  const key = state.homeView ? `${state.homeView.id}:${state.homeView.hash}` : 'none';
  if (page.home.getAttribute('data-shown') === key) return;
  page.home.setAttribute('data-shown', key);
  replaceKeepingFocus(
    page.home,
    () => (page.home.innerHTML = renderHome(state.homeView, { ...renderContext('home'), userId: me.slackId })),
    () => page.panelHome,
  );
}

/** The view's values as shown: what the app holds, with what the person typed on top. */
function currentValues(/** @type {ShownView} */ view) {
  /** @type {StateValues} */
  const merged = {};
  const draft = state.drafts.get(view.id) ?? {};
  for (const blockId of new Set([...Object.keys(view.stateValues ?? {}), ...Object.keys(draft)])) {
    merged[blockId] = { ...view.stateValues?.[blockId], ...draft[blockId] };
  }
  return merged;
}

function renderModals() {
  const top = state.modals.at(-1);
  for (const viewId of [...state.drafts.keys()]) {
    if (!state.modals.some((view) => view.id === viewId)) state.drafts.delete(viewId);
  }
  const localErrors = top ? state.localErrors.get(top.id) : undefined;
  const key = top ? `${top.id}:${top.hash}:${JSON.stringify(top.errors)}:${JSON.stringify(localErrors ?? null)}:${state.modals.length}` : '';
  if (key === state.shownModalKey && !state.redrawModal) return;
  state.redrawModal = false;
  const wasOpen = state.shownModalKey !== '';
  const sameView = wasOpen && top && page.modalRoot.querySelector('.modal')?.getAttribute('data-view-id') === top.id;
  state.shownModalKey = key;
  if (!top) {
    page.modalRoot.innerHTML = '';
    document.body.classList.remove('has-modal');
    if (state.focusBeforeModal instanceof HTMLElement && document.contains(state.focusBeforeModal)) state.focusBeforeModal.focus();
    return;
  }
  if (!wasOpen) state.focusBeforeModal = document.activeElement;
  const view = { ...top, stateValues: currentValues(top), errors: localErrors ?? top.errors };
  const draw = () => {
    page.modalRoot.innerHTML = `<div class="modal-backdrop">${renderModal(view, state.modals.length, renderContext(`v${top.id}`))}</div>`;
  };
  const title = () => page.modalRoot.querySelector('.modal-title');
  document.body.classList.add('has-modal');
  if (sameView) replaceKeepingFocus(page.modalRoot, draw, title);
  else draw();
  const modal = /** @type {HTMLElement} */ (page.modalRoot.querySelector('.modal'));
  const firstError = modal.querySelector('[aria-invalid="true"], [aria-invalid="true"] input');
  if (firstError instanceof HTMLElement) firstError.focus();
  else if (!sameView) {
    // A new view: start on its first field, or on its title when it only shows something.
    const first = modal.querySelector('.modal-body input, .modal-body select, .modal-body textarea');
    (first instanceof HTMLElement ? first : /** @type {HTMLElement} */ (title())).focus();
  }
}

let calendarsAsked = 0;
async function refreshCalendars() {
  if (!state.me || !state.boot) return;
  const asked = ++calendarsAsked;
  try {
    const calendars = await api.calendars();
    // Answers can arrive out of order; only the last question's answer is current.
    if (asked !== calendarsAsked) return;
    page.calendars.innerHTML = renderCalendars(calendars, { timeZone: state.me.tz, people: state.boot.people, viewerEmail: state.me.email });
  } catch (error) {
    page.calendars.innerHTML = `<p class="error">Could not read the calendars: ${escapeHtml(describe(error))}</p>`;
  }
}

// ---------------------------------------------------------------- loading

let refreshQueued = false;
/** Reloads what the chosen person sees (debounced: several changes arrive together). */
function refreshSoon() {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(() => {
    refreshQueued = false;
    refresh().catch((error) => toast(`Could not refresh: ${describe(error)}`, 'error'));
  }, 30);
}

let refreshesAsked = 0;
async function refresh() {
  const me = state.me;
  if (!me) return;
  const asked = ++refreshesAsked;
  const [conversation, home, modals] = await Promise.all([api.conversation(me.slackId), api.home(me.slackId), api.modals(me.slackId)]);
  // A refresh that started earlier may answer later with older state: only the newest one is drawn.
  if (asked !== refreshesAsked || state.me !== me) return;
  renderConversation(conversation.messages);
  state.homeView = home;
  state.modals = modals;
  renderHomeTab();
  renderModals();
  document.body.setAttribute('data-loaded-for', me.slackId);
}

async function followChanges(/** @type {number} */ since) {
  let seq = since;
  for (;;) {
    try {
      const answer = await api.changes(seq, POLL_MS);
      if (answer.ended) return;
      seq = answer.seq;
      if (answer.changes.length > 0) {
        refreshSoon();
        if (answer.changes.some((/** @type {{ kind: string }} */ change) => change.kind === 'message')) refreshCalendars();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/**
 * Becomes someone else: reload everything they see, and tell the app they opened it (Slack sends app_home_opened).
 * @param {string} slackId
 */
async function become(slackId) {
  const boot = /** @type {Bootstrap} */ (state.boot);
  const person = boot.people.find((candidate) => candidate.slackId === slackId) ?? boot.people[0];
  state.me = person;
  state.homeView = null;
  state.modals = [];
  state.drafts.clear();
  state.localErrors.clear();
  state.shownModalKey = '';
  state.shownMessages.clear();
  state.dmChannel = null;
  page.messages.innerHTML = '';
  page.home.innerHTML = '';
  page.home.removeAttribute('data-shown');
  page.modalRoot.innerHTML = '';
  document.body.classList.remove('has-modal');
  document.body.removeAttribute('data-loaded-for');
  page.viewer.textContent = `· you are ${person.realName} (${person.role}, ${person.tz})`;
  for (const input of page.people.querySelectorAll('input[name="who"]')) /** @type {HTMLInputElement} */ (input).checked = input.getAttribute('value') === person.slackId;
  history.replaceState(null, '', `#as=${encodeURIComponent(person.slackId)}`);
  await refresh();
  refreshCalendars();
  openTab(state.tab);
}

/**
 * @param {'home' | 'messages'} tab
 * @param {{ focus?: boolean }} [options]
 */
function openTab(tab, options = {}) {
  state.tab = tab;
  const home = tab === 'home';
  page.tabHome.setAttribute('aria-selected', String(home));
  page.tabMessages.setAttribute('aria-selected', String(!home));
  page.tabHome.tabIndex = home ? 0 : -1;
  page.tabMessages.tabIndex = home ? -1 : 0;
  page.panelHome.hidden = !home;
  page.panelMessages.hidden = home;
  if (options.focus) (home ? page.tabHome : page.tabMessages).focus();
  const me = state.me;
  // Slack shows people nothing when an app fails an event, so neither does the sandbox (the console says it).
  if (me) {
    api.appHomeOpened(me.slackId, tab).then(
      (result) => result.status !== 200 && console.warn(`app_home_opened (${tab}) was answered with HTTP ${result.status}`),
      (error) => console.warn(`app_home_opened (${tab}) failed: ${describe(error)}`),
    );
  }
}

// ---------------------------------------------------------------- acting as the person

/**
 * Sends block_actions for a control the person used.
 * @param {Element} control
 * @param {{ value?: string, selection?: SlackObject }} [extra]
 */
async function act(control, extra = {}) {
  const me = /** @type {DemoPerson} */ (state.me);
  const location = locationOf(control);
  const actionId = control.getAttribute('data-bk-action') ?? '';
  const blockId = control.getAttribute('data-bk-block') ?? undefined;
  const kind = control.getAttribute('data-bk-type') === 'button' ? 'button' : 'element';
  const busy = control instanceof HTMLButtonElement ? control : null;
  busy?.setAttribute('aria-busy', 'true');
  try {
    const result = await api.interact(me.slackId, { kind, actionId, blockId, in: location, ...extra });
    reportDelivery(result, 'that action');
  } catch (error) {
    toast(describe(error), 'error');
  } finally {
    busy?.removeAttribute('aria-busy');
    refreshSoon();
  }
}

/**
 * Slack opens a URL button's link and still sends block_actions.
 * @param {string} url
 */
function openLink(url) {
  window.open(url, '_blank', 'noopener');
}

document.addEventListener('click', async (event) => {
  const target = /** @type {Element} */ (event.target);
  const button = target.closest('button[data-bk-type="button"]');
  if (button) {
    if (!(await confirmed(button))) return;
    const url = button.getAttribute('data-bk-url');
    if (url) openLink(url);
    await act(button, { value: button.getAttribute('data-bk-value') ?? undefined });
    return;
  }
  const item = target.closest('[data-bk-option]');
  const overflow = item?.closest('[data-bk-type="overflow"]');
  if (item && overflow) {
    overflow.removeAttribute('open');
    if (!(await confirmed(overflow))) return;
    const url = item.getAttribute('data-bk-url');
    if (url) openLink(url);
    await act(overflow, { selection: { selected_option: { value: item.getAttribute('data-bk-option') } } });
    return;
  }
  const command = target.closest('[data-command]');
  if (command) {
    page.composerInput.value = `${command.getAttribute('data-command')} `;
    page.composerInput.focus();
    return;
  }
  if (target.closest('[data-modal-close]')) await closeTopModal();
});

/**
 * Keeps what the person types in a modal, and sends block_actions for elements that dispatch them.
 * @param {Event} event
 */
async function onControlChanged(event) {
  const target = /** @type {Element} */ (event.target);
  const control = target.closest('[data-bk-action]');
  if (!control || control.getAttribute('data-bk-type') === 'button' || control.getAttribute('data-bk-type') === 'overflow') return;
  const element = findElement(blocksAround(control), control.getAttribute('data-bk-block') ?? '', control.getAttribute('data-bk-action') ?? '');
  if (!element || !isValueElement(String(element.type))) return;
  const timeZone = /** @type {DemoPerson} */ (state.me).tz;
  const raw = readControl(control);
  const modal = control.closest('.modal');
  if (modal) {
    const viewId = modal.getAttribute('data-view-id') ?? '';
    const draft = state.drafts.get(viewId) ?? {};
    const blockId = control.getAttribute('data-bk-block') ?? '';
    draft[blockId] = { ...draft[blockId], [String(element.action_id)]: stateEntry(element, raw, timeZone) };
    state.drafts.set(viewId, draft);
  }
  const isText = control instanceof HTMLInputElement && ['text', 'email', 'url', 'number'].includes(control.type);
  if (event.type !== 'change' || !control.hasAttribute('data-bk-dispatch') || isText || control instanceof HTMLTextAreaElement) return;
  if (raw === '' || raw === null) return;
  if (!(await confirmed(control))) return;
  await act(control, { selection: selectionFor(element, raw, timeZone) });
}
document.addEventListener('input', onControlChanged);
document.addEventListener('change', onControlChanged);

document.addEventListener('keydown', async (event) => {
  const target = /** @type {Element} */ (event.target);
  // Text inputs with dispatch_action send block_actions on Enter (Slack's default trigger).
  if (event.key === 'Enter' && target instanceof HTMLInputElement && target.hasAttribute('data-bk-dispatch') && target.closest('[data-bk-input]') === target) {
    event.preventDefault();
    const element = findElement(blocksAround(target), target.getAttribute('data-bk-block') ?? '', target.getAttribute('data-bk-action') ?? '');
    if (element) await act(target, { selection: { value: target.value } });
    return;
  }
  if (event.key === 'Escape' && state.modals.length > 0 && !page.confirm.open) {
    event.preventDefault();
    await closeTopModal();
    return;
  }
  if (event.key === 'Tab' && state.modals.length > 0) trapFocus(event);
  if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && target.getAttribute('role') === 'tab') {
    openTab(state.tab === 'home' ? 'messages' : 'home', { focus: true });
  }
});

/** @param {KeyboardEvent} event */
function trapFocus(event) {
  const modal = page.modalRoot.querySelector('.modal');
  if (!modal) return;
  const focusable = [...modal.querySelectorAll('button, input, select, textarea, summary, a[href]')].filter((element) => !(/** @type {HTMLElement} */ (element).hidden));
  const first = /** @type {HTMLElement | undefined} */ (focusable[0]);
  const last = /** @type {HTMLElement | undefined} */ (focusable.at(-1));
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (!modal.contains(document.activeElement)) {
    event.preventDefault();
    first.focus();
  }
}

async function closeTopModal() {
  const me = /** @type {DemoPerson} */ (state.me);
  const top = state.modals.at(-1);
  if (!top) return;
  try {
    const result = await api.closeView(me.slackId, top.id);
    if (result.status !== undefined) reportDelivery(result, 'closing the modal');
  } catch (error) {
    toast(describe(error), 'error');
  }
  await refresh();
}

document.addEventListener('submit', async (event) => {
  const form = /** @type {HTMLFormElement} */ (event.target);
  if (form === page.composer) {
    event.preventDefault();
    await sendCommand();
    return;
  }
  if (!form.classList.contains('modal-form')) return;
  event.preventDefault();
  await submitModal(form);
});

/** @param {HTMLFormElement} form */
async function submitModal(form) {
  const me = /** @type {DemoPerson} */ (state.me);
  const modal = /** @type {Element} */ (form.closest('.modal'));
  const view = state.modals.find((candidate) => candidate.id === modal.getAttribute('data-view-id'));
  if (!view) return;
  /** @type {StateValues} */
  const values = {};
  const blocks = Array.isArray(view.spec.blocks) ? view.spec.blocks : [];
  for (const block of blocks) {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element) || !isValueElement(String(block.element.type))) continue;
    const control = modal.querySelector(`[data-bk-input][data-bk-block="${CSS.escape(String(block.block_id))}"]`);
    if (!control) continue;
    values[String(block.block_id)] = { [String(block.element.action_id)]: stateEntry(block.element, readControl(control), me.tz) };
  }
  const errors = clientSideErrors(blocks, values);
  if (Object.keys(errors).length > 0) {
    state.localErrors.set(view.id, errors);
    state.drafts.set(view.id, values);
    renderModals();
    return;
  }
  state.localErrors.delete(view.id);
  const submit = form.querySelector('.modal-submit');
  submit?.setAttribute('aria-busy', 'true');
  submit?.setAttribute('disabled', '');
  try {
    const result = await api.submitView(me.slackId, view.id, values);
    reportDelivery(result, 'the form');
  } catch (error) {
    toast(describe(error), 'error');
  } finally {
    submit?.removeAttribute('aria-busy');
    submit?.removeAttribute('disabled');
  }
  state.redrawModal = true;
  await refresh();
}

async function sendCommand() {
  const me = /** @type {DemoPerson} */ (state.me);
  const boot = /** @type {Bootstrap} */ (state.boot);
  const typed = page.composerInput.value.trim();
  if (typed === '') return;
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(typed);
  if (!match) {
    toast(`Sending messages to ${boot.appName} is turned off, as in Slack: use ${boot.commands.map((c) => c.command).join(' or ')}.`, 'error');
    return;
  }
  const [, command, text] = match;
  if (!boot.commands.some((known) => known.command === command)) {
    toast(`${command} is not a valid command. Try ${boot.commands.map((c) => c.command).join(' or ')}.`, 'error');
    return;
  }
  page.composerInput.value = '';
  try {
    const result = await api.slashCommand(me.slackId, command, text);
    if (result.status !== 200) toast(`${command} failed with the error "dispatch_failed" (${boot.appName} answered HTTP ${result.status}).`, 'error');
    else if (!result.ackedInTime) toast(`${command} failed with the error "operation_timeout".`, 'error');
  } catch (error) {
    page.composerInput.value = typed;
    toast(describe(error), 'error');
  }
  refreshSoon();
}

page.people.addEventListener('change', (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  if (input.name === 'who') become(input.value).catch((error) => toast(describe(error), 'error'));
});
page.tabHome.addEventListener('click', () => openTab('home'));
page.tabMessages.addEventListener('click', () => openTab('messages'));
page.calendarsRefresh.addEventListener('click', () => refreshCalendars());
window.addEventListener('focus', () => {
  refreshSoon();
  refreshCalendars();
});

async function start() {
  state.boot = await api.bootstrap();
  const boot = /** @type {Bootstrap} */ (state.boot);
  page.teamName.textContent = boot.team.name;
  renderPeople();
  renderCommands();
  const { seq } = await api.changes(0, 0);
  const chosen = new URLSearchParams(location.hash.slice(1)).get('as') ?? boot.people[0].slackId;
  await become(chosen);
  setInterval(() => {
    if (document.visibilityState === 'visible') refreshCalendars();
  }, CALENDAR_REFRESH_MS);
  followChanges(seq);
  document.body.setAttribute('data-ready', 'true');
}

start().catch((error) => {
  document.body.setAttribute('data-ready', 'failed');
  toast(`The sandbox could not start: ${describe(error)}`, 'error');
});
