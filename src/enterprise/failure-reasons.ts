// Why a person could not be authorized through Enterprise Connect: Cronofy's error_key values and
// Slotline's own, the calendar reason stored for readiness, and the words admins and people see.
export interface FailureReason {
  /** CalendarConnection.reason while the failure stands. */
  calendarReason: string;
  /** For admins, e.g. in /integrations enterprise. */
  label: string;
  /** For the person, completing "Your company could not sync your calendar because …". */
  forPerson: string;
}

const KNOWN: Record<string, FailureReason> = {
  mailbox_not_found: { calendarReason: 'ec_mailbox_not_found', label: 'mailbox not found', forPerson: 'the calendar system has no mailbox for your email address' },
  shared_mailbox: { calendarReason: 'ec_shared_mailbox', label: 'shared mailbox', forPerson: 'your email address is a shared mailbox, which cannot host interviews' },
  outside_linked_domain: { calendarReason: 'ec_outside_domain', label: 'outside the linked domain', forPerson: 'your email address is outside the domain your company linked' },
  // Slotline's own keys (not from Cronofy).
  request_refused: { calendarReason: 'ec_request_refused', label: 'request refused by Cronofy', forPerson: 'Cronofy refused the request' },
  request_failed: { calendarReason: 'ec_request_failed', label: 'Cronofy could not be reached', forPerson: 'Cronofy could not be reached' },
  service_account_unauthorized: { calendarReason: 'ec_service_account_unauthorized', label: 'service account no longer authorized', forPerson: 'the company link to the calendar system stopped working' },
  no_callback: { calendarReason: 'ec_no_callback', label: 'no answer from Cronofy', forPerson: 'Cronofy never answered' },
  code_rejected: { calendarReason: 'ec_code_rejected', label: 'authorization code rejected', forPerson: 'the authorization expired before it could be used' },
  account_mismatch: { calendarReason: 'ec_account_mismatch', label: 'a different account answered', forPerson: 'the calendar that answered belongs to a different email address' },
  exchange_failed: { calendarReason: 'ec_exchange_failed', label: 'token exchange failed', forPerson: 'the authorization could not be completed' },
};

const UNKNOWN: FailureReason = { calendarReason: 'ec_authorization_failed', label: 'authorization failed', forPerson: 'the calendar system refused the authorization' };

export function failureReason(errorKey: string | null | undefined): FailureReason {
  return (errorKey && KNOWN[errorKey]) || UNKNOWN;
}

function byCalendarReason(calendarReason: string | null | undefined): FailureReason | null {
  if (!calendarReason?.startsWith('ec_')) return null;
  return Object.values(KNOWN).find((reason) => reason.calendarReason === calendarReason) ?? UNKNOWN;
}

/** The person-facing sentence for a CalendarConnection.reason starting with `ec_`, or null for other reasons. */
export function describeEnterpriseReason(calendarReason: string | null | undefined): string | null {
  return byCalendarReason(calendarReason)?.forPerson ?? null;
}

/** The admin-facing words for a CalendarConnection.reason starting with `ec_` ("Enterprise Connect: shared mailbox"), or null. */
export function enterpriseReasonLabel(calendarReason: string | null | undefined): string | null {
  const reason = byCalendarReason(calendarReason);
  return reason ? `Enterprise Connect: ${reason.label}` : null;
}
