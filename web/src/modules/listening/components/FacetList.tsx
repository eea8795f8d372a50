import { Checkbox, Stack, Text, VisuallyHidden } from '@mantine/core';

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

export interface FacetListProps {
  legend: string;
  options: FacetOption[];
  selected: string[];
  onChange: (next: string[]) => void;
  emptyText: string;
  countLabel: (count: number) => string;
}

/** One facet as a fieldset of checkboxes with the number of matching items. */
export function FacetList({ legend, options, selected, onChange, emptyText, countLabel }: FacetListProps) {
  // A chosen value stays visible even when the other filters leave it no matches.
  const shown = [...options];
  for (const value of selected) if (!shown.some((o) => o.value === value)) shown.push({ value, label: value, count: 0 });
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Text component="legend" fw={600} size="sm" mb={6}>
        {legend}
      </Text>
      {shown.length === 0 ? (
        <Text size="xs" c="dimmed">
          {emptyText}
        </Text>
      ) : (
        <Stack gap={6}>
          {shown.map((option) => (
            <Checkbox
              key={option.value}
              size="sm"
              checked={selected.includes(option.value)}
              onChange={(event) =>
                onChange(event.currentTarget.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))
              }
              label={
                <>
                  {option.label}{' '}
                  <Text span size="xs" c="dimmed" aria-hidden>
                    ({option.count})
                  </Text>
                  <VisuallyHidden>, {countLabel(option.count)}</VisuallyHidden>
                </>
              }
            />
          ))}
        </Stack>
      )}
    </fieldset>
  );
}
