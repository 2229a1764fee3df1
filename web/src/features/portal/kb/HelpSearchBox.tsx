import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { helpSearchPath, useAutocomplete } from './api.ts';
import classes from './help.module.css';

/** The help centre's search field: titles complete as you type; Enter searches every article. */
export function HelpSearchBox({ initial = '', size = 'lg' }: { initial?: string; size?: 'md' | 'lg' }) {
  const [q, setQ] = useState(initial);
  const [open, setOpen] = useState(false);
  const [debounced] = useDebouncedValue(q, 150);
  const completions = useAutocomplete(debounced);
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(helpSearchPath(q.trim()));
    setOpen(false);
  };
  const items = open && q.trim().length >= 2 ? (completions.data ?? []) : [];
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet typed by React's JSX; the role gives the same landmark
    <form
      role="search"
      onSubmit={submit}
      className={classes.searchBox}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}
    >
      <TextInput
        aria-label="Search the help center"
        placeholder="Search for answers, e.g. “refund a double charge”"
        leftSection={<IconSearch size={18} aria-hidden="true" />}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        size={size}
        radius="xl"
        autoComplete="off"
      />
      {items.length > 0 && (
        <ul className={classes.completions} aria-label="Suggested articles">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={item.url} className={classes.completion} onClick={() => setOpen(false)}>
                {item.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
