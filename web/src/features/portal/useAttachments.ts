import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import type { Attachment } from '../tickets/types.ts';
import { checkFile, MAX_FILES, type Upload, uploadAttachment } from './upload.ts';

export type AttachmentStatus = 'waiting' | 'uploading' | 'done' | 'error';

export interface AttachmentItem {
  key: string;
  file: File;
  status: AttachmentStatus;
  progress: number;
  attachment?: Attachment;
  error?: string;
  /** Refused before upload (type, empty): retrying cannot help. */
  rejected?: boolean;
}

let nextKey = 0;

/**
 * Files attached to a message. With a `ticketId` each file uploads as soon as it is added (a reply);
 * without one they wait until `uploadAll(ticketId)` (a new request, which has no ticket yet).
 */
export function useAttachments(ticketId?: number) {
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
    (item: AttachmentItem, target: number): Promise<Attachment | null> => {
      patch(item.key, { status: 'uploading', progress: 0, error: undefined });
      const upload = uploadAttachment(target, item.file, (fraction) => patch(item.key, { progress: fraction }));
      uploads.current.set(item.key, upload);
      return upload.promise
        .then((attachment) => {
          patch(item.key, { status: 'done', progress: 1, attachment });
          return attachment;
        })
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError')) {
            patch(item.key, { status: 'error', error: errorMessage(error) });
          }
          return null;
        })
        .finally(() => uploads.current.delete(item.key));
    },
    [patch],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_FILES - items.length);
      const added: AttachmentItem[] = files.slice(0, room).map((file) => {
        const problem = checkFile(file);
        return {
          key: `f${++nextKey}`,
          file,
          status: problem ? 'error' : 'waiting',
          progress: 0,
          ...(problem ? { error: problem, rejected: true } : {}),
        };
      });
      if (files.length > room) {
        added.push({
          key: `f${++nextKey}`,
          file: files[room] as File,
          status: 'error',
          progress: 0,
          error: `At most ${MAX_FILES} files per message; ${files.length - room} not added.`,
          rejected: true,
        });
      }
      setItems((current) => [...current, ...added]);
      if (ticketId !== undefined) for (const item of added) if (item.status === 'waiting') void start(item, ticketId);
    },
    [items.length, start, ticketId],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = items.find((candidate) => candidate.key === key);
      if (!item || item.rejected) return;
      if (ticketId !== undefined) void start(item, ticketId);
      else patch(key, { status: 'waiting', error: undefined });
    },
    [items, patch, start, ticketId],
  );

  /** Uploads every waiting file to `target`; returns the attachments that made it and how many did not. */
  const uploadAll = useCallback(
    async (target: number, only: AttachmentItem[] = items) => {
      const usable = only.filter((item) => !item.rejected);
      const results = await Promise.all(
        usable.map((item) => (item.status === 'done' && item.attachment ? Promise.resolve(item.attachment) : start(item, target))),
      );
      const uploaded = results.filter((attachment): attachment is Attachment => attachment !== null);
      return { attachments: uploaded, failed: usable.length - uploaded.length };
    },
    [items, start],
  );

  const reset = useCallback(() => setItems([]), []);

  return {
    items,
    add,
    remove,
    retry,
    uploadAll,
    reset,
    busy: items.some((item) => item.status === 'uploading'),
    /** Ids of the files uploaded and ready to be named by the message. */
    readyIds: items.flatMap((item) => (item.status === 'done' && item.attachment ? [item.attachment.id] : [])),
    /** Files the message would carry (not the refused ones). */
    usable: items.filter((item) => !item.rejected),
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
