import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  List,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconBulb, IconSend } from '@tabler/icons-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage, fieldErrors } from '../../app/api.ts';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import { AttachmentDropzone } from './AttachmentField.tsx';
import { type NewRequest, useCategories, useCreateRequest, useCustomFields } from './api.ts';
import { categoryOptions } from './categoryOptions.ts';
import { CustomFieldInput, type FieldValue } from './CustomFieldInput.tsx';
import { reportTicket } from './kb/api.ts';
import { SuggestedArticles } from './kb/SuggestedArticles.tsx';
import classes from './portal.module.css';
import { portalHome, requestPath } from './routing.tsx';
import { useAttachments } from './useAttachments.ts';

/** /portal/requests/new: subject, what it is about, the details and files; opens the new request. */
export function NewRequestPage() {
  useDocumentTitle('New request');
  const navigate = useNavigate();
  const categories = useCategories();
  const customFields = useCustomFields();
  const create = useCreateRequest();
  // Files upload as soon as they are picked; the request names them when it is sent.
  const attachments = useAttachments(null);

  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [custom, setCustom] = useState<Record<string, FieldValue>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  const options = useMemo(() => categoryOptions(categories.data ?? []), [categories.data]);
  // Custom fields carry no "shown to customers" flag; only the ones a request cannot be created without are asked here.
  const fields = useMemo(
    () => (customFields.data ?? []).filter((field) => field.active && field.required).sort((a, b) => a.position - b.position),
    [customFields.data],
  );

  const clearError = (key: string) => {
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!subject.trim()) found.subject = 'Give your request a short subject';
    if (!description.trim()) found.description = 'Tell us how we can help';
    for (const field of fields) {
      const value = custom[field.key];
      if (value === undefined || value === '' || (field.type === 'checkbox' && value !== true))
        found[`custom_fields.${field.key}`] = `${field.label} is required`;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      (found.subject ? subjectRef : descriptionRef).current?.focus();
      return;
    }
    if (attachments.busy) {
      setProblem('Your files are still uploading. Send the request once they are done.');
      return;
    }
    if (attachments.failed.length > 0) {
      setProblem('Some files could not be uploaded. Try them again, or remove them to send without them.');
      return;
    }

    setProblem(null);
    setSending(true);
    const values = Object.fromEntries(Object.entries(custom).filter(([, value]) => value !== undefined && value !== '')) as Record<
      string,
      string | number | boolean
    >;
    const request: NewRequest = {
      subject: subject.trim(),
      description: description.trim(),
      ...(category ? { category: Number(category) } : {}),
      ...(Object.keys(values).length ? { custom_fields: values } : {}),
      ...(attachments.readyIds.length ? { attachment_ids: attachments.readyIds } : {}),
    };

    try {
      const ticket = await create.mutateAsync(request);
      setSent(true);
      reportTicket(ticket.id);
      navigate(requestPath(ticket.id), { state: { created: true } });
    } catch (failure) {
      setSending(false);
      const fromServer = fieldErrors(failure);
      setErrors(fromServer);
      setProblem(Object.keys(fromServer).length === 0 ? errorMessage(failure) : 'Please check the highlighted fields.');
    }
  };

  const busy = sending;

  return (
    <Box className={`${classes.container} ${classes.section}`} pt={{ base: 20, sm: 32 }}>
      <Anchor component={Link} to={portalHome} size="sm" c="gray.7" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <IconArrowLeft size={15} aria-hidden="true" />
        My requests
      </Anchor>
      <Title order={1} mt="sm" fz={{ base: 26, sm: 30 }} style={{ letterSpacing: '-0.02em' }}>
        New request
      </Title>
      <Text c="gray.7" mt={4} mb="lg">
        Tell us what’s going on. The more detail you share, the faster we can help.
      </Text>

      <Box className={classes.requestLayout}>
        <Box
          component="form"
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-label="New request"
          className={classes.card}
          p={{ base: 'md', sm: 28 }}
        >
          <Stack gap="lg">
            {problem && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Your request was not sent" role="alert">
                {problem}
              </Alert>
            )}
            <TextInput
              ref={subjectRef}
              label="Subject"
              description="A short summary, like “Invoice charged twice”"
              value={subject}
              onChange={(event) => {
                setSubject(event.currentTarget.value);
                clearError('subject');
              }}
              error={errors.subject}
              maxLength={250}
              size="md"
              required
              disabled={busy}
              autoFocus
            />
            {categories.isPending ? (
              <Stack gap={6} role="status" aria-label="Loading topics">
                <Skeleton h={12} w={140} />
                <Skeleton h={42} />
              </Stack>
            ) : (
              options.length > 0 && (
                <Select
                  label="What is it about?"
                  description="Pick the closest topic so the right team picks it up"
                  placeholder="Choose a topic (optional)"
                  data={options}
                  value={category}
                  onChange={(value) => {
                    setCategory(value);
                    clearError('category');
                  }}
                  error={errors.category}
                  searchable
                  clearable
                  nothingFoundMessage="No topic matches"
                  size="md"
                  disabled={busy}
                  comboboxProps={{ shadow: 'md' }}
                  maxDropdownHeight={320}
                />
              )
            )}
            <Textarea
              ref={descriptionRef}
              label="How can we help?"
              description="What happened, what you expected, and the steps to see it"
              value={description}
              onChange={(event) => {
                setDescription(event.currentTarget.value);
                clearError('description');
              }}
              error={errors.description}
              autosize
              minRows={6}
              maxRows={20}
              size="md"
              required
              disabled={busy}
            />
            <SuggestedArticles text={`${subject}\n${description}`} sent={sent} />
            {fields.map((field) => (
              <CustomFieldInput
                key={field.id}
                field={field}
                value={custom[field.key]}
                onChange={(value) => {
                  setCustom((current) => ({ ...current, [field.key]: value }));
                  clearError(`custom_fields.${field.key}`);
                }}
                error={errors[`custom_fields.${field.key}`]}
              />
            ))}
            <AttachmentDropzone attachments={attachments} disabled={busy} />
            {errors.attachment_ids && (
              <Text size="sm" c="red.8" role="alert">
                {errors.attachment_ids}
              </Text>
            )}
            <Group justify="flex-end" gap="sm" mt={4}>
              <Button component={Link} to={portalHome} variant="subtle" color="gray" c="gray.8" radius="xl" disabled={busy}>
                Cancel
              </Button>
              <Button type="submit" radius="xl" size="md" loading={busy} leftSection={<IconSend size={17} />}>
                Send request
              </Button>
            </Group>
            {attachments.busy && (
              <Text size="sm" c="dimmed" ta="right" role="status">
                Uploading your files…
              </Text>
            )}
          </Stack>
        </Box>

        <Box component="aside" aria-label="Tips" className={`${classes.card} ${classes.details}`}>
          <Group gap="sm" mb="sm" wrap="nowrap">
            <ThemeIcon variant="light" radius="xl" size={34}>
              <IconBulb size={18} aria-hidden="true" />
            </ThemeIcon>
            <Title order={2} fz={16}>
              Tips for a quick answer
            </Title>
          </Group>
          <List size="sm" spacing={8} c="gray.8">
            <List.Item>Add a screenshot or the error message.</List.Item>
            <List.Item>Say when it started and what changed around then.</List.Item>
            <List.Item>One topic per request keeps things moving.</List.Item>
          </List>
          <Text size="sm" c="dimmed" mt="md">
            We reply here, in your request. You can add to it at any time.
          </Text>
        </Box>
      </Box>
    </Box>
  );
}
