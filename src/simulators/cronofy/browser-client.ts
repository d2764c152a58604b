// Test helpers that play the person's browser on the simulator's consent pages, over real HTTP:
// load the page, fill in its form, submit, and return where the simulator redirects to.
import type { ConferencingProvider } from './model';

export interface ConsentResult {
  /** Absolute redirect target, e.g. the app's callback with `code` and `state`. */
  location: string;
  /** The browser-session cookie set by the page, to pass to a later consent so accounts link. */
  cookie?: string;
}

export async function consent(
  pageUrl: string,
  choice: { email: string; allow: boolean; cookie?: string },
): Promise<ConsentResult> {
  return submitConsentForm(pageUrl, { email: choice.email, decision: decision(choice.allow) }, choice.cookie);
}

export async function consentConferencing(
  pageUrl: string,
  choice: { provider?: ConferencingProvider; allow: boolean },
): Promise<{ location: string }> {
  const fields: Record<string, string> = { decision: decision(choice.allow) };
  if (choice.provider) fields.provider = choice.provider;
  return submitConsentForm(pageUrl, fields);
}

const decision = (allow: boolean) => (allow ? 'allow' : 'deny');

async function submitConsentForm(pageUrl: string, fields: Record<string, string>, cookie?: string): Promise<ConsentResult> {
  const cookieHeader: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const page = await fetch(pageUrl, { headers: cookieHeader });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}: ${pageMessage(html)}`);
  const form = parseForm(html);
  const response = await fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookieHeader },
    body: new URLSearchParams({ ...form.hidden, ...fields }),
  });
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`Consent was not accepted (${response.status}): ${pageMessage(await response.text())}`);
  }
  const sessionCookie = response.headers.get('set-cookie')?.split(';')[0];
  return { location: new URL(location, pageUrl).toString(), ...(sessionCookie ? { cookie: sessionCookie } : {}) };
}

function parseForm(html: string): { action: string; hidden: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) throw new Error('The page has no consent form');
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    ([, name, value]) => [unescapeHtml(name), unescapeHtml(value)] as const,
  );
  return { action: unescapeHtml(action), hidden: Object.fromEntries(hidden) };
}

function pageMessage(html: string): string {
  return unescapeHtml(/<p class="error"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? html.slice(0, 200));
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
