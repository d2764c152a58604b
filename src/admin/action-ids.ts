// Action and callback ids of the admin surfaces (status message, person detail, App Home, settings modal).
export const ADMIN_ACTIONS = {
  /** Previous / next page of the status list; value: {"p":page,"f":filter}. */
  statusPrevious: 'status-page-previous',
  statusNext: 'status-page-next',
  /** Which people the status list shows; the option value is the filter. */
  statusFilter: 'status-filter',
  /** A row's overflow menu; option values `nudge:U…`, `resync:U…`, `detail:U…`. */
  statusPerson: 'status-person-menu',
  nudgeAll: 'status-nudge-all',
  nudgeOne: 'status-nudge-one',
  resyncOne: 'status-resync-one',
  exportCsv: 'status-export-csv',
  openSettings: 'admin-open-settings',
} as const;

export const SETTINGS_CALLBACK_ID = 'settings-submit';
