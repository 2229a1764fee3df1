import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import type { Attachment } from '../tickets/types.ts';
import { checkFile, MAX_FILES, type Upload, uploadAttachment } from './upload.ts';

export type AttachmentStatus = 'uploading' | 'done' | 'error';

export interface AttachmentItem {
  key: string;
  file: File;
  status: AttachmentStatus;
  progress: number;
  attachment?: Attachment;
  error?: string;
  /** Refused before upload (type, empty, too many): retrying cannot help. */
  rejected?: boolean;
}

let nextKey = 0;

/**
 * Files attached to a message, each uploaded as soon as it is added: to `ticketId`, or, with null,
 * before its ticket exists (a new request, or a reply that will open a follow-up). The message then
 * names `readyIds`.
 */
export function useAttachments(ticketId: number | null) {
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const uploads = useRef(new Map<string, Upload>());

  // Stop uploads still running when the form goes away.
  useEffect(() => {
    const running = uploads.current;
    return () => {
      for (const upload of running.values()) upload.abort();
    };
  }, []);

  const patch = useCallback((key: string, change: Partial<AttachmentItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (item: AttachmentItem) => {
      patch(item.key, { status: 'uploading', progress: 0, error: undefined });
      const upload = uploadAttachment(ticketId, item.file, (fraction) => patch(item.key, { progress: fraction }));
      uploads.current.set(item.key, upload);
      upload.promise
        .then((attachment) => patch(item.key, { status: 'done', progress: 1, attachment }))
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError'))
            patch(item.key, { status: 'error', error: errorMessage(error) });
        })
        .finally(() => uploads.current.delete(item.key));
    },
    [patch, ticketId],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_FILES - items.filter((item) => !item.rejected).length);
      const added: AttachmentItem[] = files.slice(0, room).map((file) => {
        const problem = checkFile(file);
        return {
          key: `f${++nextKey}`,
          file,
          status: problem ? 'error' : 'uploading',
          progress: 0,
          ...(problem ? { error: problem, rejected: true } : {}),
        };
      });
      const extra = files[room];
      if (extra) {
        added.push({
          key: `f${++nextKey}`,
          file: extra,
          status: 'error',
          progress: 0,
          error: `At most ${MAX_FILES} files per message; ${files.length - room} not added.`,
          rejected: true,
        });
      }
      setItems((current) => [...current, ...added]);
      for (const item of added) if (!item.rejected) start(item);
    },
    [items, start],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = items.find((candidate) => candidate.key === key);
      if (item && !item.rejected) start(item);
    },
    [items, start],
  );

  const reset = useCallback(() => setItems([]), []);

  return {
    items,
    add,
    remove,
    retry,
    reset,
    busy: items.some((item) => item.status === 'uploading'),
    /** Uploads that failed and were not removed: the message would go without them. */
    failed: items.filter((item) => item.status === 'error'),
    /** Ids of the files uploaded and ready to be named by the message. */
    readyIds: items.flatMap((item) => (item.status === 'done' && item.attachment ? [item.attachment.id] : [])),
  };
}

export type Attachments = ReturnType<typeof useAttachments>;

/** Drag-and-drop of files onto an element: the handlers to spread on it, and whether files hover over it. */
export function useFileDrop(onFiles: (files: File[]) => void, disabled = false) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');
  return {
    dragging,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver: (event: DragEvent) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: () => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (event: DragEvent) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        onFiles(Array.from(event.dataTransfer.files));
      },
    },
  };
}
