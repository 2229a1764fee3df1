import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorState } from '../../app/PageStates.tsx';
import { useDocumentTitle } from '../../app/useDocumentTitle.ts';
import {
  type AnswerInput,
  type Definition,
  previewScore,
  type Review,
  type ScorecardItem,
  useDispute,
  useReview,
  useSaveReview,
  useScorecards,
} from './api.ts';
import { ScoreBadge } from './QaPage.tsx';

function optionsOf(item: ScorecardItem) {
  const scale =
    item.max_score === 1
      ? [
          { value: '0', label: 'No' },
          { value: '1', label: 'Yes' },
        ]
      : Array.from({ length: item.max_score + 1 }, (_, i) => ({ value: String(i), label: String(i) }));
  return item.allow_na ? [...scale, { value: 'na', label: 'N/A' }] : scale;
}

function segmentValue(answer: AnswerInput[string] | undefined): string {
  if (!answer) return '';
  if (answer.not_applicable) return 'na';
  return answer.score === null || answer.score === undefined ? '' : String(answer.score);
}

function ScorecardForm({
  definition,
  answers,
  onChange,
  readOnly,
}: {
  definition: Definition;
  answers: AnswerInput;
  onChange: (next: AnswerInput) => void;
  readOnly: boolean;
}) {
  return (
    <Stack gap="md">
      {definition.sections.map((section) => (
        <Paper key={section.key} withBorder radius="md" p="md">
          <Title order={2} fz={16} mb="sm">
            {section.title}
          </Title>
          <Stack gap="md">
            {section.items.map((item) => {
              const answer = answers[item.key];
              return (
                <Box key={item.key}>
                  <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                    <Box style={{ flex: '1 1 260px' }} miw={0}>
                      <Text size="sm" fw={500} id={`item-${item.key}`}>
                        {item.label}
                      </Text>
                      <Group gap={4} mt={2}>
                        <Badge size="xs" variant="light" color="gray">
                          weight {item.weight}
                        </Badge>
                        {item.auto_fail && (
                          <Badge size="xs" variant="light" color="red">
                            auto-fail
                          </Badge>
                        )}
                      </Group>
                    </Box>
                    <SegmentedControl
                      size="xs"
                      aria-labelledby={`item-${item.key}`}
                      disabled={readOnly}
                      data={optionsOf(item)}
                      value={segmentValue(answer)}
                      onChange={(value) =>
                        onChange({
                          ...answers,
                          [item.key]: {
                            ...(answer ?? {}),
                            not_applicable: value === 'na',
                            score: value === 'na' ? null : Number(value),
                          },
                        })
                      }
                    />
                  </Group>
                  {(!readOnly || answer?.comment) && (
                    <TextInput
                      mt={6}
                      size="xs"
                      placeholder="Comment (optional)"
                      aria-label={`Comment on ${item.label}`}
                      readOnly={readOnly}
                      value={answer?.comment ?? ''}
                      onChange={(e) =>
                        onChange({ ...answers, [item.key]: { ...(answer ?? { score: null }), comment: e.currentTarget.value } })
                      }
                    />
                  )}
                </Box>
              );
            })}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function DisputeBox({ review }: { review: Review }) {
  const dispute = useDispute(review.id);
  const [reason, setReason] = useState('');
  const open = review.disputes.find((d) => d.status === 'open');
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} fz={16} mb="xs">
        Disputes
      </Title>
      {review.disputes.map((d) => (
        <Text key={d.id} size="sm" mb={4}>
          <Badge size="xs" mr={6} color={d.status === 'open' ? 'grape' : d.status === 'accepted' ? 'teal' : 'gray'}>
            {d.status}
          </Badge>
          {d.reason}
          {d.resolution ? ` — ${d.resolution}` : ''}
        </Text>
      ))}
      {!open && (
        <Stack gap="xs" mt="xs">
          <Textarea
            label="Dispute this review"
            placeholder="What did the reviewer miss?"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group>
            <Button
              size="xs"
              disabled={!reason.trim()}
              loading={dispute.isPending}
              onClick={async () => {
                try {
                  await dispute.mutateAsync(reason.trim());
                  setReason('');
                  notifications.show({ color: 'teal', message: 'Your dispute was sent to the reviewers.' });
                } catch (error) {
                  notifications.show({ color: 'red', title: 'Could not dispute', message: errorMessage(error) });
                }
              }}
            >
              Send dispute
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** /qa/reviews/new?ticket=…&queue=… and /qa/reviews/:id: the review form, or the review as its agent sees it. */
export function ReviewPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const reviewId = params.id ? Number(params.id) : null;
  const ticketId = Number(search.get('ticket') ?? 0);
  const queueId = Number(search.get('queue') ?? 0);
  const calibrationId = Number(search.get('calibration') ?? 0);
  const review = useReview(reviewId);
  const scorecards = useScorecards();
  const save = useSaveReview();
  const [answers, setAnswers] = useState<AnswerInput>({});
  const [comment, setComment] = useState('');
  useDocumentTitle(reviewId ? `Review ${reviewId}` : 'New review');

  useEffect(() => {
    if (review.data) {
      setAnswers(review.data.answers);
      setComment(review.data.comment);
    }
  }, [review.data]);

  if (review.isError)
    return (
      <Box p="xl">
        <ErrorState error={review.error} />
      </Box>
    );
  if (scorecards.isError)
    return (
      <Box p="xl">
        <ErrorState error={scorecards.error} />
      </Box>
    );
  const card = scorecards.data?.data.find((c) => c.is_default);
  const definition = review.data?.definition ?? card?.current_version.definition;
  if (!definition || (reviewId !== null && !review.data)) return <Skeleton m="xl" h={300} radius="md" />;

  const isReviewer = review.data ? review.data.reviewer?.id === user.id : true;
  const readOnly = !isReviewer;
  const preview = previewScore(definition, answers);
  const target = review.data?.ticket.id ?? ticketId;
  const passScore = review.data?.scorecard.pass_score ?? card?.current_version.pass_score ?? 0;

  const submit = async (final: boolean) => {
    try {
      const saved = await save.mutateAsync({
        id: reviewId,
        ticket_id: target,
        ...(queueId ? { queue_item_id: queueId } : {}),
        ...(calibrationId ? { calibration_id: calibrationId } : {}),
        answers,
        comment,
        submit: final,
      });
      notifications.show({ color: 'teal', message: final ? `Review submitted: ${saved.score ?? 'no score'}.` : 'Draft saved.' });
      if (reviewId === null) navigate(`/qa/reviews/${saved.id}`, { replace: true });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not save the review', message: errorMessage(error) });
    }
  };

  return (
    <Box px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }} maw={960}>
      <Anchor component={Link} to="/qa" size="sm">
        ← Quality
      </Anchor>
      <Group justify="space-between" align="flex-start" mt="xs" mb="md" gap="sm">
        <Box miw={0}>
          <Title order={1} fz={{ base: 20, sm: 24 }}>
            {review.data ? `Review of #${review.data.ticket.id}` : `Review ticket #${ticketId}`}
          </Title>
          <Text size="sm" c="dimmed">
            {review.data
              ? `${review.data.ticket.subject} · ${review.data.agent?.name ?? ''} · reviewed by ${review.data.reviewer?.name ?? ''}`
              : null}
            {review.data
              ? ` · ${review.data.scorecard.name} v${review.data.scorecard.version}`
              : card
                ? `${card.name} v${card.current_version.version}`
                : null}
          </Text>
          <Anchor component={Link} to={`/tickets/${target}`} size="sm">
            Open the conversation
          </Anchor>
        </Box>
        <Paper withBorder radius="md" p="sm" miw={150}>
          <Text size="xs" c="dimmed">
            {review.data?.status === 'submitted' ? 'Score' : 'Score so far'} (pass {passScore})
          </Text>
          <Group gap={6}>
            <Text fz={26} fw={700} aria-live="polite" data-testid="qa-score">
              {preview.score ?? '–'}
            </Text>
            {preview.score !== null && (
              <ScoreBadge
                score={preview.score}
                passed={!preview.autoFailed && preview.score >= passScore}
                autoFailed={preview.autoFailed}
              />
            )}
          </Group>
        </Paper>
      </Group>
      {preview.autoFailed && (
        <Alert color="red" mb="md" title="Auto-fail">
          An auto-fail item failed: the review scores 0.
        </Alert>
      )}
      <ScorecardForm definition={definition} answers={answers} onChange={setAnswers} readOnly={readOnly} />
      <Textarea
        mt="md"
        label="Overall comment"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        readOnly={readOnly}
        autosize
        minRows={2}
      />
      {!readOnly && (
        <Group mt="md">
          <Button variant="default" onClick={() => void submit(false)} loading={save.isPending}>
            Save draft
          </Button>
          <Button onClick={() => void submit(true)} loading={save.isPending}>
            {review.data?.status === 'submitted' ? 'Save changes' : 'Submit review'}
          </Button>
        </Group>
      )}
      {review.data && review.data.agent?.id === user.id && review.data.status === 'submitted' && (
        <Box mt="lg">
          <DisputeBox review={review.data} />
        </Box>
      )}
    </Box>
  );
}
