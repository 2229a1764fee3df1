import { ActionIcon, Box, Button, Group, Progress, Text, Tooltip } from '@mantine/core';
import {
  IconAlertCircle,
  IconCircleCheckFilled,
  IconCloudUpload,
  IconFile,
  IconFileTypePdf,
  IconPaperclip,
  IconPhoto,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useRef } from 'react';
import classes from './portal.module.css';
import { acceptAttribute, acceptedSummary, formatBytes } from './upload.ts';
import type { AttachmentItem, Attachments } from './useAttachments.ts';
import { useFileDrop } from './useAttachments.ts';

function FileIcon({ name }: { name: string }) {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(ext)) return <IconPhoto size={18} stroke={1.6} aria-hidden="true" />;
  if (ext === 'pdf') return <IconFileTypePdf size={18} stroke={1.6} aria-hidden="true" />;
  return <IconFile size={18} stroke={1.6} aria-hidden="true" />;
}

/** A hidden file input opened by a visible button: the accessible way to pick files. */
function useFilePicker(onFiles: (files: File[]) => void) {
  const input = useRef<HTMLInputElement>(null);
  const element = (
    <input
      ref={input}
      type="file"
      multiple
      accept={acceptAttribute}
      hidden
      tabIndex={-1}
      onChange={(event) => {
        const files = Array.from(event.currentTarget.files ?? []);
        event.currentTarget.value = '';
        if (files.length) onFiles(files);
      }}
    />
  );
  return { element, open: () => input.current?.click() };
}

/** The large drop zone of the new-request form, with the list of files under it. */
export function AttachmentDropzone({ attachments, disabled = false }: { attachments: Attachments; disabled?: boolean }) {
  const hintId = useId();
  const picker = useFilePicker(attachments.add);
  const drop = useFileDrop(attachments.add, disabled);
  // Phones and tablets have nothing to drag from.
  const touch = useMediaQuery('(hover: none) and (pointer: coarse)');
  return (
    <Box>
      <Text component="span" size="sm" fw={500} display="block" mb={4}>
        Attachments{' '}
        <Text span size="sm" c="dimmed" fw={400}>
          (optional)
        </Text>
      </Text>
      <Box className={classes.dropzone} data-dragging={drop.dragging || undefined} data-disabled={disabled || undefined} {...drop.handlers}>
        {picker.element}
        <IconCloudUpload size={28} stroke={1.5} className={classes.dropzoneIcon} aria-hidden="true" />
        <Text size="sm" fw={500}>
          {drop.dragging ? 'Drop the files to attach them' : touch ? 'Add screenshots or files' : 'Drag files here, or'}
        </Text>
        {!drop.dragging && (
          <Button
            variant="default"
            size="xs"
            onClick={picker.open}
            disabled={disabled}
            aria-describedby={hintId}
            leftSection={<IconPaperclip size={14} />}
          >
            Choose files
          </Button>
        )}
        <Text id={hintId} size="xs" c="dimmed" ta="center">
          Screenshots help us most. You can attach {acceptedSummary}, up to 10 at a time.
        </Text>
      </Box>
      <AttachmentList attachments={attachments} />
    </Box>
  );
}

/** The compact "Attach files" button of the reply box (the whole box accepts drops). */
export function AttachButton({ attachments, disabled = false }: { attachments: Attachments; disabled?: boolean }) {
  const picker = useFilePicker(attachments.add);
  return (
    <>
      {picker.element}
      <Button
        variant="subtle"
        color="gray"
        size="sm"
        onClick={picker.open}
        disabled={disabled}
        leftSection={<IconPaperclip size={16} />}
        c="gray.8"
      >
        Attach files
      </Button>
    </>
  );
}

export function AttachmentList({ attachments }: { attachments: Attachments }) {
  if (attachments.items.length === 0) return null;
  return (
    <Box component="ul" className={classes.fileList} aria-label="Attached files" aria-live="polite">
      {attachments.items.map((item) => (
        <FileRow key={item.key} item={item} onRemove={() => attachments.remove(item.key)} onRetry={() => attachments.retry(item.key)} />
      ))}
    </Box>
  );
}

function FileRow({ item, onRemove, onRetry }: { item: AttachmentItem; onRemove: () => void; onRetry: () => void }) {
  const failed = item.status === 'error';
  return (
    <Box component="li" className={classes.fileRow} data-failed={failed || undefined}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box c={failed ? 'red.8' : 'gray.7'} mt={2}>
          {failed ? <IconAlertCircle size={18} stroke={1.8} aria-hidden="true" /> : <FileIcon name={item.file.name} />}
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="nowrap" justify="space-between">
            <Text size="sm" fw={500} truncate="end">
              {item.file.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {item.status === 'uploading' ? `${Math.round(item.progress * 100)}% of ` : ''}
              {formatBytes(item.file.size)}
            </Text>
          </Group>
          {item.status === 'uploading' && (
            <Progress
              value={item.progress * 100}
              size="sm"
              mt={6}
              aria-label={`Uploading ${item.file.name}`}
              animated={item.progress >= 1}
            />
          )}
          {item.status === 'done' && (
            <Group gap={4} mt={2} c="green.9">
              <IconCircleCheckFilled size={14} aria-hidden="true" />
              <Text size="xs" c="green.9">
                Uploaded
              </Text>
            </Group>
          )}
          {failed && (
            <Text size="xs" c="red.8" mt={2} role="alert">
              {item.error}
            </Text>
          )}
        </Box>
        <Group gap={2} wrap="nowrap">
          {failed && !item.rejected && (
            <Tooltip label="Try again">
              <ActionIcon variant="subtle" color="gray" onClick={onRetry} aria-label={`Retry uploading ${item.file.name}`}>
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={item.status === 'uploading' ? 'Cancel upload' : 'Remove'}>
            <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={`Remove ${item.file.name}`}>
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Box>
  );
}
