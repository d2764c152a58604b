// Slotline's slash commands as manifest.json declares them, so the sandbox offers exactly what a real install has.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface SlashCommandInfo {
  command: string;
  description: string;
  usageHint: string;
}

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string().startsWith('/'), description: z.string(), usage_hint: z.string().optional() })),
  }),
});

export const MANIFEST_PATH = path.join(__dirname, '..', '..', 'manifest.json');

export function manifestCommands(file = MANIFEST_PATH): SlashCommandInfo[] {
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return manifest.features.slash_commands.map((c) => ({ command: c.command, description: c.description, usageHint: c.usage_hint ?? '' }));
}
