// An employee connecting through the sandbox as they would from Slack: a Connect button on their Home tab opens
// Slotline's link in a new tab, which goes to the Cronofy simulator's consent page and back to Slotline's callback.
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './browser';

export interface ConsentOutcome {
  /** Where the new tab ended: Slotline's result page. */
  url: string;
  heading: string;
}

async function consentInNewTab(context: BrowserContext, page: Page, button: RegExp, answer: (consent: Page) => Promise<void>, shot?: string): Promise<ConsentOutcome> {
  await page.getByRole('tab', { name: 'Home' }).click();
  const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('tabpanel', { name: 'Home' }).getByRole('button', { name: button }).click()]);
  await tab.getByRole('button', { name: 'Allow' }).waitFor();
  if (shot) await screenshot(tab, `${shot}-consent`);
  await answer(tab);
  await tab.getByRole('heading', { level: 1 }).waitFor();
  const outcome = { url: tab.url(), heading: (await tab.getByRole('heading', { level: 1 }).textContent()) ?? '' };
  if (shot) await screenshot(tab, `${shot}-result`);
  await tab.close();
  return outcome;
}

/** "Connect Google calendar", then sign in at the simulator as the person. */
export function connectGoogleCalendar(context: BrowserContext, page: Page, realName: string, shot?: string): Promise<ConsentOutcome> {
  return consentInNewTab(
    context,
    page,
    /Connect Google calendar/i,
    async (consent) => {
      await consent.getByRole('radio', { name: new RegExp(realName) }).check();
      await consent.getByRole('button', { name: 'Allow' }).click();
    },
    shot,
  );
}

/** "Connect Zoom", then allow Zoom at the simulator's conferencing page. */
export function connectZoom(context: BrowserContext, page: Page, shot?: string): Promise<ConsentOutcome> {
  return consentInNewTab(
    context,
    page,
    /Connect Zoom/i,
    async (consent) => {
      await consent.getByRole('radio', { name: 'Zoom' }).check();
      await consent.getByRole('button', { name: 'Allow' }).click();
    },
    shot,
  );
}
