import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api.ts';

interface MySurvey {
  survey_id: number;
  ticket_id: number;
  ticket_subject: string;
  questions: string[];
  answered: boolean;
  token: string;
  url: string;
}

const labels = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];

/** In the portal: "How did we do?" for the customer's recently solved requests, rated in one click. */
export function PortalSurveys() {
  const client = useQueryClient();
  const surveys = useQuery({
    queryKey: ['my-surveys'],
    queryFn: ({ signal }) => api.get<{ data: MySurvey[] }>('/api/v1/my/surveys', undefined, signal),
  });
  const rate = useMutation({
    mutationFn: (input: { token: string; score: number }) =>
      api.put(`/api/v1/survey-links/${encodeURIComponent(input.token)}`, { answers: [{ kind: 'csat', score: input.score }] }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['my-surveys'] }),
  });
  const open = (surveys.data?.data ?? []).filter((s) => s.questions[0] === 'csat').slice(0, 3);
  if (!open.length) return null;
  return (
    <Stack gap="xs" mb="lg" aria-label="Rate your recent requests" component="section">
      {open.map((survey) => (
        <Paper key={survey.survey_id} withBorder radius="md" p="md">
          <Text size="sm" fw={600}>
            {survey.answered ? 'Thank you for your rating' : 'How did we do?'} — {survey.ticket_subject}
          </Text>
          {survey.answered ? (
            <Anchor href={survey.url} size="sm">
              Change your rating or add a comment
            </Anchor>
          ) : (
            <Group gap={6} mt={6}>
              {[1, 2, 3, 4, 5].map((score) => (
                <Button
                  key={score}
                  size="xs"
                  variant="default"
                  title={labels[score - 1]}
                  aria-label={`${score}: ${labels[score - 1]}`}
                  loading={rate.isPending && rate.variables?.token === survey.token && rate.variables.score === score}
                  onClick={() => rate.mutate({ token: survey.token, score })}
                >
                  {score}
                </Button>
              ))}
              <Text size="xs" c="dimmed">
                1 = very dissatisfied, 5 = very satisfied
              </Text>
            </Group>
          )}
          {rate.isError && rate.variables?.token === survey.token && (
            <Text size="xs" c="red">
              {errorMessage(rate.error)}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
