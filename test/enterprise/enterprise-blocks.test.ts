import { enterpriseStatusBlocks, ENTERPRISE_ACTION_PATTERN, runSummaryMessage, type StatusView } from '../../src/enterprise/enterprise-blocks';
import { describeEnterpriseReason, failureReason } from '../../src/enterprise/failure-reasons';

const linked: StatusView = {
  state: 'active',
  domain: 'acme.test',
  provider: 'office365',
  linkedAt: new Date('2026-11-23T10:00:00Z'),
  linkedBySlackUserId: 'U0ADMIN',
  reason: null,
  counts: { requested: 500, succeeded: 470, failed: 25, pending: 5 },
  run: null,
};

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string; url?: string; text?: { text: string }; value?: string }>; accessory?: { action_id?: string; value?: string } };

function buttons(blocks: unknown[]): Array<{ action_id?: string; url?: string; text?: { text: string }; value?: string }> {
  return (blocks as Block[]).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.action_id);
}

describe('Enterprise Connect in Slack', () => {
  it('offers one link per provider when not linked, and nothing that needs a link', () => {
    const blocks = enterpriseStatusBlocks({ ...linked, state: 'not_linked', domain: null, provider: null, counts: { requested: 0, succeeded: 0, failed: 0, pending: 0 } }, [], {
      google: 'https://slotline.test/enterprise/link/g',
      office365: 'https://slotline.test/enterprise/link/o',
      exchange: 'https://slotline.test/enterprise/link/e',
    });
    expect(buttons(blocks).map((b) => [b.action_id, b.url])).toEqual([
      ['enterprise_link_google', 'https://slotline.test/enterprise/link/g'],
      ['enterprise_link_office365', 'https://slotline.test/enterprise/link/o'],
      ['enterprise_link_exchange', 'https://slotline.test/enterprise/link/e'],
    ]);
    expect(JSON.stringify(blocks)).toContain('Not linked');
  });

  it('shows the counts, each failure with its reason and a Retry button, and Sync all / Retry all failed / Unlink when linked', () => {
    const failures = Array.from({ length: 25 }, (_, i) => ({ employeeId: `emp_${i}`, slackUserId: `U${i}`, errorKey: i % 2 ? 'shared_mailbox' : 'mailbox_not_found', errorDescription: `<script>${'x'.repeat(400)}` }));
    const blocks = enterpriseStatusBlocks(linked, failures, {});
    const text = JSON.stringify(blocks);
    expect(text).toContain('500 requested · 470 synced · 25 failed · 5 in progress');
    expect(text).toContain('mailbox not found');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('…and 15 more.');
    const ids = buttons(blocks).map((b) => b.action_id);
    expect(ids.filter((id) => id === 'enterprise_retry_one')).toHaveLength(10);
    expect(ids.slice(-3)).toEqual(['enterprise_sync_all', 'enterprise_retry_failed', 'enterprise_unlink']);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of buttons(blocks)) {
      expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(75);
      expect(ENTERPRISE_ACTION_PATTERN.test(b.action_id ?? '')).toBe(true);
    }
  });

  it('asks to link again when the service account stopped working, with Unlink but no Sync all', () => {
    const blocks = enterpriseStatusBlocks({ ...linked, state: 'broken', reason: 'service_account_revoked' }, [], { google: 'https://x/g' });
    const ids = buttons(blocks).map((b) => b.action_id);
    expect(ids).toEqual(['enterprise_link_google', 'enterprise_unlink']);
    expect(JSON.stringify(blocks)).toContain('service account revoked');
  });

  it('sums a finished sync up with the reasons people failed and a Retry button', () => {
    const summary = runSummaryMessage({
      kind: 'initial',
      domain: 'acme.test',
      total: 500,
      succeeded: 480,
      failed: 20,
      cancelled: 0,
      breakdown: [
        { errorKey: 'shared_mailbox', count: 5 },
        { errorKey: 'mailbox_not_found', count: 15 },
      ],
    });
    expect(summary.text).toBe('Enterprise Connect sync on acme.test finished: 480 of 500 calendars connected, 20 failed.');
    expect(JSON.stringify(summary.blocks)).toContain('Why: 15 mailbox not found, 5 shared mailbox.');
    expect(buttons(summary.blocks).map((b) => b.action_id)).toEqual(['enterprise_retry_failed', 'enterprise_refresh']);
    expect(runSummaryMessage({ kind: 'retry_failed', domain: 'acme.test', total: 0, succeeded: 0, failed: 0, cancelled: 0, breakdown: [] }).text).toContain('no failed calendars to retry');
  });

  it('names every failure for admins and the person, including keys Cronofy may add later', () => {
    expect(failureReason('mailbox_not_found').calendarReason).toBe('ec_mailbox_not_found');
    expect(failureReason('outside_linked_domain').calendarReason).toBe('ec_outside_domain');
    expect(failureReason('something_new')).toMatchObject({ calendarReason: 'ec_authorization_failed', label: 'authorization failed' });
    expect(describeEnterpriseReason('ec_shared_mailbox')).toContain('shared mailbox');
    expect(describeEnterpriseReason('ec_something_else')).toContain('refused');
    expect(describeEnterpriseReason('profile_disconnected')).toBeNull();
  });
});
