import { Avatar, Box, Group, Text, Tooltip } from '@mantine/core';
import { IconFile, IconFileTypePdf, IconPaperclip } from '@tabler/icons-react';
import { formatDateTime, initials, relativeTime } from '../../app/format.ts';
import { useNow } from '../../app/useNow.ts';
import type { Attachment, Comment } from '../tickets/types.ts';
import classes from './portal.module.css';
import { formatBytes } from './upload.ts';

/** The public conversation of a request, oldest first: the customer's messages on the right, ours on the left. */
export function PortalConversation({ comments }: { comments: Comment[] }) {
  const now = useNow();
  return (
    <ol className={classes.thread} aria-label="Conversation">
      {comments.map((comment) => {
        const mine = comment.author.type === 'customer';
        const name = mine ? 'You' : comment.author.type === 'system' ? 'Support' : comment.author.name || 'Support team';
        return (
          <li key={comment.id} className={classes.message} data-mine={mine || undefined}>
            <Avatar
              size={36}
              radius="xl"
              color={mine ? 'gray' : 'brand'}
              variant={mine ? 'light' : 'filled'}
              visibleFrom="xs"
              aria-hidden="true"
              mt={2}
            >
              {initials(mine ? comment.author.name || 'You' : name)}
            </Avatar>
            <Box component="article" className={classes.bubble} aria-label={`Message from ${name}`}>
              <Group justify="space-between" gap="xs" mb={6} wrap="nowrap" align="baseline">
                <Group gap={8} wrap="wrap" style={{ rowGap: 0, minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {name}
                  </Text>
                  {!mine && (
                    <Text size="xs" c="brand.7" fw={600}>
                      Support team
                    </Text>
                  )}
                </Group>
                <Tooltip label={formatDateTime(comment.created_at)}>
                  <Text size="xs" c="dimmed" component="time" dateTime={comment.created_at} style={{ whiteSpace: 'nowrap' }}>
                    {relativeTime(comment.created_at, now)}
                  </Text>
                </Tooltip>
              </Group>
              <Text className={classes.body}>{comment.body}</Text>
              {comment.attachments.length > 0 && <AttachmentLinks attachments={comment.attachments} />}
            </Box>
          </li>
        );
      })}
    </ol>
  );
}

function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const images = attachments.filter((file) => file.content_type.startsWith('image/'));
  const others = attachments.filter((file) => !file.content_type.startsWith('image/'));
  return (
    <Box mt="sm">
      {images.length > 0 && (
        <Group gap="xs" mb={others.length ? 'xs' : 0}>
          {images.map((file) => (
            <a key={file.id} href={file.url} target="_blank" rel="noopener" title={`${file.filename} (${formatBytes(file.size_bytes)})`}>
              <img src={file.url} alt={file.filename} className={classes.thumb} loading="lazy" />
            </a>
          ))}
        </Group>
      )}
      {others.length > 0 && (
        <Group gap="xs">
          {others.map((file) => (
            <a key={file.id} href={file.url} target="_blank" rel="noopener" className={classes.attachmentChip}>
              {file.content_type === 'application/pdf' ? (
                <IconFileTypePdf size={16} stroke={1.7} aria-hidden="true" />
              ) : file.content_type.startsWith('text/') ? (
                <IconFile size={16} stroke={1.7} aria-hidden="true" />
              ) : (
                <IconPaperclip size={16} stroke={1.7} aria-hidden="true" />
              )}
              <Text span size="sm" truncate="end" maw={220}>
                {file.filename}
              </Text>
              <Text span size="xs" c="dimmed">
                {formatBytes(file.size_bytes)}
              </Text>
            </a>
          ))}
        </Group>
      )}
    </Box>
  );
}
