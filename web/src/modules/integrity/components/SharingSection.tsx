import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';

/** One text box of the section's "add" form; the first one is required. */
export type AddField = { name: string; label: string; description?: string; flex: string };

type Props = {
  headingId: string;
  title: string;
  intro: string;
  /** Shown instead of the list when it is empty. */
  emptyText: string;
  isEmpty: boolean;
  /** The list's `<li>` cards. */
  children: ReactNode;
  fields: readonly AddField[];
  addLabel: string;
  adding: boolean;
  addError: unknown;
  /** Called with the trimmed values (empty ones as null); call `done` on success to clear the form. */
  onAdd: (values: Record<string, string | null>, done: () => void) => void;
};

/** A threat-sharing section: heading, intro, its list of cards, and a one-line form that adds to it. */
export function SharingSection({ headingId, title, intro, emptyText, isEmpty, children, fields, addLabel, adding, addError, onAdd }: Props) {
  const [values, setValues] = useState<Record<string, string>>({});
  const required = fields[0]?.name ?? '';
  const filled = (values[required] ?? '').trim() !== '';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {isEmpty ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : null}
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {children}
        </Stack>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (filled) onAdd(Object.fromEntries(fields.map((f) => [f.name, (values[f.name] ?? '').trim() || null])), () => setValues({}));
          }}
        >
          <Group gap="xs" align="flex-end" wrap="wrap">
            {fields.map((f) => (
              <TextInput key={f.name} size="xs" label={f.label} description={f.description} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })} style={{ flex: f.flex }} />
            ))}
            <Button type="submit" size="xs" leftSection={<IconPlus size={14} aria-hidden />} disabled={!filled} loading={adding}>
              {addLabel}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={addError} />
      </Stack>
    </Paper>
  );
}
