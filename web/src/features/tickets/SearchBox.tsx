import { ActionIcon, Code, CloseButton, Group, Popover, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconHelpCircle, IconSearch } from '@tabler/icons-react';
import { type FormEvent, type Ref, useEffect, useId, useState } from 'react';

const syntax: [string, string][] = [
  ['status:open', 'one status (new, open, pending, on_hold, solved, closed)'],
  ['status<solved', 'every status before solved'],
  ['priority:p1', 'priority p1 to p4'],
  ['assignee:me', 'assigned to you; assignee:none for unassigned'],
  ['group:billing', 'in a group'],
  ['tag:vip', 'has a tag; -tag:vip excludes it'],
  ['requester:ann@example.com', 'from a requester'],
  ['channel:email', 'arrived through a channel'],
  ['created>2026-01-01', 'by date; updated<7d for age'],
  ['sla:at_risk', 'SLA at risk; also breached, running, paused, none'],
  ['sla<2h', 'next SLA deadline within 2 hours'],
  ['"refund request"', 'exact phrase; bare words search text'],
  ['order_by:sla sort:asc', 'sort the results (created, updated, priority, status, id, sla)'],
];

interface SearchBoxProps {
  value: string;
  onSearch: (q: string) => void;
  error?: string | undefined;
  placeholder?: string;
  showSyntax?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** The ticket search field: takes the search language, submits on Enter, explains errors under itself. */
export function SearchBox({ value, onSearch, error, placeholder = 'Search tickets', showSyntax = true, inputRef }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const inputId = useId();

  // Follow the address: picking a view in the navigation replaces the expression.
  useEffect(() => setText(value), [value]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text);
  };

  return (
    <search aria-label="Tickets">
      <form onSubmit={submit}>
        <TextInput
          id={inputId}
          ref={inputRef}
          aria-label="Search tickets"
          aria-keyshortcuts="/"
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              if (text !== value) setText(value);
              else event.currentTarget.blur();
            }
          }}
          error={error}
          size="md"
          radius="md"
          leftSection={<IconSearch size={18} stroke={1.8} />}
          rightSectionWidth={showSyntax ? 72 : 40}
          rightSection={
            <Group gap={2} wrap="nowrap" pr={4}>
              {text && <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} />}
              {showSyntax && <SyntaxHelp />}
            </Group>
          }
          styles={{ input: { fontFamily: text ? 'var(--mantine-font-family-monospace)' : undefined, fontSize: 14, background: 'white' } }}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          enterKeyHint="search"
        />
        <button type="submit" hidden>
          Search
        </button>
      </form>
    </search>
  );
}

function SyntaxHelp() {
  return (
    <Popover width={420} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Tooltip label="Search syntax">
          <ActionIcon variant="subtle" color="gray" size="md" aria-label="Search syntax help">
            <IconHelpCircle size={18} stroke={1.7} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Search syntax
          </Text>
          <Text size="xs" c="dimmed">
            Combine terms with spaces; every term must match.
          </Text>
          <Table verticalSpacing={4} horizontalSpacing={6} fz="xs">
            <Table.Tbody>
              {syntax.map(([example, meaning]) => (
                <Table.Tr key={example}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Code>{example}</Code>
                  </Table.Td>
                  <Table.Td c="dimmed">{meaning}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
