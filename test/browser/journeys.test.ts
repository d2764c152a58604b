// The three journeys of the browser sandbox, against Slotline's real features in sandbox mode (npm start without
// credentials): an employee connects calendar and Zoom, an admin reads status and nudges, a recruiter books an
// interview. Each journey starts its own Slotline; screenshots of every step go to test-output/screenshots/.
import type { Page } from 'playwright-core';
import { startSandboxSlotline, type SandboxSlotline } from '../sandbox/sandbox-fixtures';
import { launchBrowser, screenshot, type Browser } from './support/browser';
import { connectGoogleCalendar, connectZoom } from './support/connect-in-browser';
import { become, message, modal, openSandbox, runCommand } from './support/sandbox-page';

const ADA = 'U0DEMOADM';
const RITA = 'U0DEMOREC';
const EMIL = 'U0DEMOEM1';
const OLGA = 'U0DEMOEM2';

jest.setTimeout(60_000);

describe('sandbox journeys', () => {
  /** A fresh Slotline, browser and page for one journey. */
  function journey(): { running: () => SandboxSlotline; browser: () => Browser; page: () => Page } {
    let running: SandboxSlotline;
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      running = await startSandboxSlotline();
      browser = await launchBrowser();
      page = await browser.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await running?.stop();
    });
    return { running: () => running, browser: () => browser, page: () => page };
  }

  const homeTab = (page: Page) => page.getByRole('tabpanel', { name: 'Home' });
  const calendarOf = (page: Page, realName: string) => page.getByRole('region', { name: new RegExp(`^${realName}`) });

  describe('an employee connects their calendar and Zoom', () => {
    const { running, browser, page } = journey();

    it('sees what is missing on the App Home tab', async () => {
      await openSandbox(page(), running().url, EMIL);
      await page().getByRole('tab', { name: 'Home' }).click();
      await homeTab(page()).getByRole('button', { name: /Connect Google calendar/i }).waitFor();
      await screenshot(page(), 'journey-employee-1-home');
    });

    it('connects Google Calendar through the Cronofy simulator’s consent page and Slotline’s callback', async () => {
      const outcome = await connectGoogleCalendar(browser().context, page(), 'Emil Engineer', 'journey-employee-2-calendar');
      expect(outcome.url.startsWith(`${running().slotline.publicUrl}/`)).toBe(true);
      expect(outcome.heading).toMatch(/calendar connected/i);
      await homeTab(page()).getByText(/Calendar: Google connected/i).waitFor();
      await calendarOf(page(), 'Emil Engineer').getByText('Google Calendar: connected to Slotline').waitFor();
    });

    it('connects Zoom, and the Home tab and DM say they are ready to host interviews', async () => {
      const outcome = await connectZoom(browser().context, page(), 'journey-employee-3-zoom');
      expect(outcome.heading).toMatch(/Zoom connected/i);
      await homeTab(page()).getByText(/ready to host interviews/i).waitFor();
      await calendarOf(page(), 'Emil Engineer').getByText('Zoom: connected').waitFor();
      await screenshot(page(), 'journey-employee-4-ready');
    });
  });

  describe('an admin reads the status and nudges the people missing something', () => {
    const { running, page } = journey();

    it('sees who is ready and who is not with /integrations status', async () => {
      // Olga opened Slotline once, so she is on the roster with nothing connected.
      await openSandbox(page(), running().url, OLGA);
      await page().getByRole('tab', { name: 'Home' }).click();
      await homeTab(page()).getByRole('button', { name: /Connect Google calendar/i }).waitFor();
      await page().getByRole('tab', { name: 'Messages' }).click();

      await become(page(), 'Ada Admin', ADA);
      await runCommand(page(), '/integrations status');
      const status = message(page(), 'Interview readiness');
      await status.getByRole('button', { name: /Nudge everyone missing something/ }).waitFor();
      await status.getByText('@Olga Operations').waitFor();
      await screenshot(page(), 'journey-admin-1-status');
    });

    it('nudges everyone missing something after confirming, and they get a reminder DM', async () => {
      await message(page(), 'Interview readiness').getByRole('button', { name: /Nudge everyone missing something/ }).click();
      const confirm = page().getByRole('dialog', { name: 'Send reminders?' });
      await confirm.getByRole('button', { name: 'Send reminders' }).click();
      await message(page(), /Reminder campaign sent/).waitFor({ timeout: 15_000 });
      await screenshot(page(), 'journey-admin-2-nudged');

      await become(page(), 'Olga Operations', OLGA);
      const reminder = message(page(), /@Ada Admin asked/);
      await reminder.waitFor();
      expect(await reminder.getByRole('button', { name: /Connect Google calendar/i }).isVisible()).toBe(true);
      await screenshot(page(), 'journey-admin-3-reminder-received');
    });
  });

  describe('a recruiter books an interview', () => {
    const { running, browser, page } = journey();

    it('has an interviewer ready: Emil connects his calendar and Zoom', async () => {
      await openSandbox(page(), running().url, EMIL);
      await connectGoogleCalendar(browser().context, page(), 'Emil Engineer');
      await homeTab(page()).getByRole('button', { name: /Connect Zoom/i }).waitFor();
      await connectZoom(browser().context, page());
      await homeTab(page()).getByText(/ready to host interviews/i).waitFor();
    });

    it('opens /schedule-interview prefilled from the command, and sees the app’s field errors', async () => {
      await become(page(), 'Rita Recruiter', RITA);
      // Slack sends app_home_opened when someone opens an app; Slotline adds them to its roster then.
      await page().getByRole('tab', { name: 'Home' }).click();
      await homeTab(page()).getByRole('heading').first().waitFor();
      await runCommand(page(), '/schedule-interview Jane Doe jane@example.com @emil 45m');
      const form = modal(page(), 'Schedule an interview');
      await form.getByLabel('Candidate name').waitFor();
      expect(await form.getByLabel('Candidate name').inputValue()).toBe('Jane Doe');
      expect(await form.getByLabel('Candidate email').inputValue()).toBe('jane@example.com');
      expect(await form.getByLabel('Interviewers').evaluate((select) => Array.from((select as HTMLSelectElement).selectedOptions, (option) => option.value))).toEqual([EMIL]);

      await form.getByLabel('Length').fill('999');
      await form.getByRole('button', { name: 'Find slots' }).click();
      await form.getByRole('alert').filter({ hasText: /999 minutes/ }).waitFor();
      await screenshot(page(), 'journey-recruiter-1-field-error');
    });

    it('finds common free slots outside everyone’s busy times and books one', async () => {
      const form = modal(page(), 'Schedule an interview');
      await form.getByLabel('Length').fill('45');
      await form.getByRole('button', { name: 'Find slots' }).click();
      await form.getByRole('button', { name: 'Book' }).first().waitFor();
      await screenshot(page(), 'journey-recruiter-2-slots');
      await form.getByRole('button', { name: 'Book' }).first().click();
      await form.getByText(/Booked/).waitFor();
      await screenshot(page(), 'journey-recruiter-3-booked');
      await form.getByRole('button', { name: 'Done' }).click();
      await form.waitFor({ state: 'detached' });
    });

    it('gets the booking in a DM, and the interview is in the interviewer’s calendar with its join link', async () => {
      await message(page(), /Interview booked/).waitFor();
      const booked = calendarOf(page(), 'Emil Engineer').locator('.cal-event--booked').filter({ hasText: 'Jane Doe' });
      await booked.getByRole('link', { name: 'Join link' }).waitFor({ timeout: 15_000 });
      expect(await booked.getByRole('link', { name: 'Join link' }).getAttribute('href')).toMatch(/^https?:\/\//);
      await booked.scrollIntoViewIfNeeded();
      await screenshot(page(), 'journey-recruiter-4-calendar');
    });
  });
});
