// "Add to Slack" through the Slack simulator, as a browser does it: /slack/install, the consent form, the redirect.
import type { Harness } from './harness';

function cookieOf(response: Response): string {
  return (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

/** `installer` is `TEAM:USER`; returns the URL Slotline sent the browser to, and Slotline's final answer. */
export async function installThroughOAuth(harness: Harness, installer: string): Promise<{ authorize: URL; finished: Response }> {
  const install = await fetch(`${harness.app.url}/slack/install`, { redirect: 'manual' });
  const authorize = new URL(install.headers.get('location') ?? '');
  const form = new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: 'allow', installer });
  const decision = await fetch(`${harness.slack.url}/oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = decision.headers.get('location') ?? '';
  const finished = await fetch(callback.replace(/^https?:\/\/[^/]+/, harness.app.url), { headers: { cookie: cookieOf(install) }, redirect: 'manual' });
  return { authorize, finished };
}
