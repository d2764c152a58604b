// Shares a file that is on disk in a Slack conversation without holding it in memory: the three steps
// files.uploadV2 takes (files.getUploadURLExternal with the length, the bytes to the upload URL,
// files.completeUploadExternal), with the bytes streamed from the file. uploadV2 reads a whole file into a
// Buffer and copies it into a form, which for a 50,000-person CSV was tens of megabytes at the peak.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../errors';

export interface FileShare {
  path: string;
  filename: string;
  title: string;
  channelId: string;
  initialComment?: string;
}

const UPLOAD_TIMEOUT_MS = 60_000;

function postFile(uploadUrl: string, path: string, length: number, token: string | undefined): Promise<number> {
  const url = new URL(uploadUrl);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(length), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        timeout: UPLOAD_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`the upload took longer than ${UPLOAD_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    const file = fs.createReadStream(path);
    file.on('error', (error) => request.destroy(error));
    file.pipe(request);
  });
}

export async function shareFileFromDisk(client: WebClient, share: FileShare): Promise<void> {
  const { size } = await fs.promises.stat(share.path);
  const target = await client.files.getUploadURLExternal({ filename: share.filename, length: size });
  if (!target.upload_url || !target.file_id) throw new AppError('slack_api_failed', { message: 'files.getUploadURLExternal returned no upload_url or file_id' });
  const status = await postFile(target.upload_url, share.path, size, client.token);
  if (status !== 200) throw new AppError('slack_api_failed', { message: `the file upload answered HTTP ${status}` });
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: share.title }],
    channel_id: share.channelId,
    ...(share.initialComment ? { initial_comment: share.initialComment } : {}),
  });
}
