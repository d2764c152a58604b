// files.getUploadURLExternal and files.completeUploadExternal (the Web API half of files.uploadV2).
import { z } from 'zod';
import { slackFile } from '../slack-shapes';
import { integer, jsonEncoded, parseArgs } from './args';
import type { WebApiMethod } from './method';
import { requireScope } from './scopes';

const reserveArgs = z.looseObject({ filename: z.string().min(1), length: integer.pipe(z.number().positive()), alt_text: z.string().optional() });
const completeArgs = z.looseObject({
  files: jsonEncoded(z.array(z.object({ id: z.string(), title: z.string().optional() })).min(1)),
  channel_id: z.string().optional(),
  channels: z.string().optional(),
  initial_comment: z.string().optional(),
  thread_ts: z.string().optional(),
});

export const fileMethods: Record<string, WebApiMethod> = {
  'files.getUploadURLExternal': ({ sim, workspace, args }) => {
    requireScope(workspace, 'files:write');
    const { filename, length, alt_text } = parseArgs(reserveArgs, args);
    const { fileId, uploadUrl } = sim.uploads.reserve(workspace.teamId, { filename, length, altText: alt_text });
    return { upload_url: uploadUrl, file_id: fileId };
  },

  'files.completeUploadExternal': ({ sim, workspace, args }) => {
    requireScope(workspace, 'files:write');
    const parsed = parseArgs(completeArgs, args);
    const files = sim.uploads.complete(workspace.teamId, {
      files: parsed.files,
      channel: parsed.channel_id ?? parsed.channels?.split(',')[0],
      initialComment: parsed.initial_comment,
      threadTs: parsed.thread_ts,
    });
    return { files: files.map((file) => slackFile(file, workspace)) };
  },
};
