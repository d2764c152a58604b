// The sandbox page's calls to Slotline's /sandbox/api (same origin; Slotline relays to the simulators).

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/sandbox/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(data?.message ?? data?.error ?? `Slotline answered HTTP ${response.status}`, response.status);
  return data;
}

/** @param {string} userId */
const person = (userId) => `/people/${encodeURIComponent(userId)}`;

export const api = {
  bootstrap: () => request('GET', '/bootstrap'),
  /** @param {string} userId */
  conversation: (userId) => request('GET', `${person(userId)}/conversation`),
  /** @param {string} userId */
  home: (userId) => request('GET', `${person(userId)}/home`),
  /** @param {string} userId */
  modals: (userId) => request('GET', `${person(userId)}/modals`),
  /** @param {string} userId @param {'home' | 'messages'} tab */
  appHomeOpened: (userId, tab) => request('POST', `${person(userId)}/app-home-opened`, { tab }),
  /** @param {string} userId @param {string} command @param {string} text */
  slashCommand: (userId, command, text) => request('POST', `${person(userId)}/slash-command`, { command, text }),
  /** @param {string} userId @param {object} interaction */
  interact: (userId, interaction) => request('POST', `${person(userId)}/interact`, interaction),
  /** @param {string} userId @param {string} viewId @param {object} values */
  submitView: (userId, viewId, values) => request('POST', `${person(userId)}/submit-view`, { viewId, values }),
  /** @param {string} userId @param {string} viewId */
  closeView: (userId, viewId) => request('POST', `${person(userId)}/close-view`, { viewId }),
  /** @param {number} since @param {number} waitMs */
  changes: (since, waitMs) => request('GET', `/changes?since=${since}&waitMs=${waitMs}`),
  calendars: () => request('GET', '/calendars'),
  /** @param {string} userId @param {string} fileId */
  fileUrl: (userId, fileId) => `/sandbox/api${person(userId)}/files/${encodeURIComponent(fileId)}`,
};
