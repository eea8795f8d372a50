import { Stack, Switch, TagsInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SearchMultiSelect } from '../../../ui/SearchSelect.tsx';
import { useRecipients } from '../hooks/use-delivery.ts';

export type RuleRecipients = { emailUserIds: string[]; emailAddresses: string[]; notifyWebhooks: boolean };

/** Who else hears of an alert: people of the unit and further addresses by e-mail, and the unit's webhooks. */
export function RuleRecipientsFields({ unitId, value, onChange }: { unitId: string; value: RuleRecipients; onChange(next: RuleRecipients): void }) {
  const { t } = useTranslation();
  const people = useRecipients(unitId);
  const options = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.displayName} <${p.email}>` }));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('insights.rules.form.delivery')}
      </Text>
      <SearchMultiSelect
        label={t('insights.rules.form.emailPeople')}
        description={t('insights.rules.form.emailPeopleHelp')}
        data={options}
        value={value.emailUserIds}
        onChange={(emailUserIds) => onChange({ ...value, emailUserIds })}
        nothingFoundMessage={t('common.nothingFound')}
      />
      <TagsInput
        label={t('insights.rules.form.emailAddresses')}
        description={t('insights.rules.form.emailAddressesHelp')}
        value={value.emailAddresses}
        onChange={(emailAddresses) => onChange({ ...value, emailAddresses: emailAddresses.map((a) => a.trim()).filter((a) => a.includes('@')) })}
        maxTags={50}
        clearable
      />
      <Switch label={t('insights.rules.form.notifyWebhooks')} checked={value.notifyWebhooks} onChange={(e) => onChange({ ...value, notifyWebhooks: e.currentTarget.checked })} />
    </Stack>
  );
}
