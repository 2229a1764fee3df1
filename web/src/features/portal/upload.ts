import { ApiError, currentCsrfToken, toApiError } from '../../app/api.ts';
import type { Attachment } from '../tickets/types.ts';

/** The file types a ticket accepts (the server checks the bytes too), by extension. */
const typesByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  eml: 'message/rfc822',
  ics: 'text/calendar',
};

const acceptedTypes = new Set(Object.values(typesByExtension));

/** For the file input's `accept`: extensions and types together, so every platform's picker filters. */
export const acceptAttribute = [...Object.keys(typesByExtension).map((ext) => `.${ext}`), ...acceptedTypes].join(',');

export const acceptedSummary = 'images, PDFs, text, CSV, Word, Excel, PowerPoint or ZIP files';

/** The most files one message may carry (the API accepts 20 attachment ids). */
export const MAX_FILES = 10;

const extensionOf = (name: string): string => name.split('.').pop()?.toLowerCase() ?? '';

/**
 * The type to upload the file as: the browser's when the server accepts it, otherwise the one its
 * extension implies (browsers often report CSV, logs or e-mails as "" or octet-stream).
 */
export function uploadType(file: File): string | null {
  const declared = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (acceptedTypes.has(declared)) return declared;
  return typesByExtension[extensionOf(file.name)] ?? null;
}

/** Why a file cannot be attached, before uploading it; null when it looks fine. */
export function checkFile(file: File): string | null {
  if (file.size === 0) return 'This file is empty.';
  if (!uploadType(file)) return `This type of file cannot be attached. You can attach ${acceptedSummary}.`;
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface Upload {
  promise: Promise<Attachment>;
  abort: () => void;
}

/**
 * Uploads one file with XMLHttpRequest (fetch cannot report upload progress): to a ticket, or with
 * `null` before the ticket exists (the new ticket, or the follow-up a reply opens, then names it).
 * `onProgress` receives 0…1. Rejects with an ApiError carrying the server's explanation (413, 415…).
 */
export function uploadAttachment(ticketId: number | null, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', ticketId === null ? '/api/v1/attachments' : `/api/v1/tickets/${ticketId}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Attachment);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'The upload finished, but the server’s answer was unreadable.'));
        }
        return;
      }
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' },
      });
      void toApiError(response).then((error) => {
        if (error.status === 413 && error.code.startsWith('http_')) {
          reject(new ApiError(413, 'payload_too_large', 'This file is too large to attach.'));
        } else reject(error);
      });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The upload failed: cannot reach the server. Check your connection.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));

    const type = uploadType(file) ?? file.type;
    const body = new FormData();
    // Re-wrap the bytes when the browser's type is missing or generic, so the server sees the real one.
    body.append('file', type === file.type ? file : new File([file], file.name, { type }), file.name);
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
