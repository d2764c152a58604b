// files.uploadV2's three steps: reserve an upload URL, receive the bytes there, complete (and share) the file.
import type { IdFactory } from './ids';
import type { Messaging } from './messaging';
import { firstMultipartFile } from './multipart';
import type { FileRecord } from './records';
import type { SimStore } from './store';
import { SlackApiError } from './web-api/errors';

export interface FileReservation {
  filename: string;
  length: number;
  altText?: string;
}

export interface FileShare {
  files: Array<{ id: string; title?: string }>;
  channel?: string;
  initialComment?: string;
  threadTs?: string;
}

export class FileUploads {
  private readonly fileIdByUploadId = new Map<string, string>();

  constructor(
    private readonly store: SimStore,
    private readonly messaging: Messaging,
    private readonly ids: IdFactory,
    private readonly clock: () => number,
    private readonly baseUrl: () => string,
  ) {}

  reserve(teamId: string, reservation: FileReservation): { fileId: string; uploadUrl: string } {
    const file = this.store.add<FileRecord>({
      kind: 'file',
      id: this.ids.next('F'),
      teamId,
      filename: reservation.filename,
      title: reservation.filename,
      declaredLength: reservation.length,
      content: null,
      altText: reservation.altText ?? null,
      channel: null,
      initialComment: null,
      threadTs: null,
      createdAt: this.clock(),
      completed: false,
    });
    const uploadId = this.ids.secret(16);
    this.fileIdByUploadId.set(uploadId, file.id);
    return { fileId: file.id, uploadUrl: `${this.baseUrl()}/upload/v1/${uploadId}` };
  }

  /** The upload URL takes raw bytes or a multipart form, as Slack's does. */
  receiveBytes(uploadId: string, contentType: string | undefined, body: Buffer): { status: number; text: string } {
    const file = this.fileById(this.fileIdByUploadId.get(uploadId));
    if (!file || file.completed) return { status: 404, text: 'Not Found' };
    file.content = firstMultipartFile(contentType, body) ?? body;
    this.store.changed(file);
    return { status: 200, text: `OK - ${file.content.length}` };
  }

  complete(teamId: string, share: FileShare): FileRecord[] {
    const files = share.files.map(({ id }) => {
      const file = this.fileById(id);
      if (!file || file.teamId !== teamId || file.content === null || file.completed) throw new SlackApiError('file_not_found');
      return file;
    });
    const conversation = share.channel ? this.messaging.resolveChannel(teamId, share.channel) : null;
    if (conversation) this.messaging.assertBotCanPost(teamId, conversation);
    share.files.forEach(({ title }, i) => {
      Object.assign(files[i], {
        title: title ?? files[i].title,
        channel: conversation?.id ?? null,
        initialComment: share.initialComment ?? null,
        threadTs: share.threadTs ?? null,
        completed: true,
      });
      this.store.changed(files[i]);
    });
    if (conversation) {
      const content = { text: share.initialComment, threadTs: share.threadTs };
      this.messaging.post(teamId, conversation.id, content, 'files.completeUploadExternal', files.map((file) => file.id));
    }
    return files;
  }

  fileById(id: string | undefined): FileRecord | undefined {
    return id ? this.store.list('file').find((file) => file.id === id) : undefined;
  }
}
