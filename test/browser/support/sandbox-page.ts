// Acting on the sandbox page as a person would: open it as someone, type slash commands, find messages and modals.
import type { Locator, Page } from 'playwright-core';

export async function openSandbox(page: Page, baseUrl: string, slackId: string): Promise<void> {
  await page.goto(`${baseUrl}/sandbox#as=${slackId}`);
  await page.waitForSelector(`body[data-ready="true"][data-loaded-for="${slackId}"]`, { state: 'attached' });
}

/** Chooses someone else in "Who are you?". */
export async function become(page: Page, realName: string, slackId: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${realName}`) }).check();
  await page.waitForSelector(`body[data-loaded-for="${slackId}"]`, { state: 'attached' });
}

export async function runCommand(page: Page, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Messages' }).click();
  const composer = page.getByRole('combobox', { name: 'Slash command', exact: true });
  await composer.fill(text);
  await composer.press('Enter');
}

export function messages(page: Page): Locator {
  return page.getByRole('list', { name: 'Messages from Slotline' });
}

/** The newest message whose text matches. */
export function message(page: Page, text: string | RegExp): Locator {
  return messages(page).locator('article.msg').filter({ hasText: text }).last();
}

export function modal(page: Page, title?: string | RegExp): Locator {
  return title === undefined ? page.getByRole('dialog') : page.getByRole('dialog', { name: title });
}

export function toasts(page: Page): Locator {
  return page.locator('#toasts');
}
