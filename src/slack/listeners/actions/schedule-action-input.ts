// Reads what scheduling's block_actions listeners need from a payload: the clicked value and the modal it came from.
import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { viewInputOf, type ViewInput } from '../../../scheduling/scheduling-service';

const actionSchema = z.object({ value: z.string().max(2000).optional() });

export function actionValue(body: BlockAction): string | undefined {
  const parsed = actionSchema.safeParse(body.actions[0] ?? {});
  return parsed.success ? parsed.data.value : undefined;
}

export function modalOf(body: BlockAction): ViewInput | undefined {
  return body.view ? viewInputOf(body.view) : undefined;
}
