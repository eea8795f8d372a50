import type { BriefScheduleDto } from '@diplodesk/contracts';
import { Button, Group, SegmentedControl, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SearchMultiSelect } from '../../../ui/SearchSelect.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { TimeZoneSelect } from '../../../ui/TimeZoneSelect.tsx';
import { useSaveBriefSchedule } from '../hooks/use-brief.ts';
import { useRecipients } from '../hooks/use-delivery.ts';

type Draft = Pick<BriefScheduleDto, 'enabled' | 'timeOfDay' | 'timeZone' | 'language' | 'userIds' | 'addresses'>;

const draftOf = (s: BriefScheduleDto): Draft => ({ enabled: s.enabled, timeOfDay: s.timeOfDay, timeZone: s.timeZone, language: s.language, userIds: s.userIds, addresses: s.addresses });

/** The unit's e-mail schedule: editable by those the server says may (policies.update), read-only otherwise. */
export function BriefScheduleCard({ schedule }: { schedule: BriefScheduleDto }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(draftOf(schedule));
  const [saved, setSaved] = useState(false);
  const save = useSaveBriefSchedule();
  const canEdit = schedule.policies.update === true;
  const people = useRecipients(canEdit ? schedule.unitId : '');
  useEffect(() => {
    setDraft(draftOf(schedule));
  }, [schedule]);
  const recipients = schedule.userIds.length + schedule.addresses.length;
  const summary = schedule.enabled ? t('insightsBrief.schedule.summaryOn', { time: schedule.timeOfDay, zone: schedule.timeZone, count: recipients }) : t('insightsBrief.schedule.summaryOff');
  if (!canEdit) {
    return (
      <SectionCard title={t('insightsBrief.schedule.title')} description={t('insightsBrief.schedule.intro')}>
        <Text size="sm">{schedule.saved ? summary : t('insightsBrief.schedule.notSaved')}</Text>
        <Text size="xs" c="dimmed" mt="xs">
          {t('insightsBrief.schedule.readOnly')}
        </Text>
      </SectionCard>
    );
  }
  const options = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.displayName} <${p.email}>` }));
  return (
    <SectionCard title={t('insightsBrief.schedule.title')} description={t('insightsBrief.schedule.intro')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.mutate({ unitId: schedule.unitId, ...draft }, { onSuccess: () => setSaved(true) });
        }}
      >
        <Stack gap="sm">
          <Switch label={t('insightsBrief.schedule.enabled')} checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })} />
          <Group grow align="flex-start">
            <TextInput type="time" label={t('insightsBrief.schedule.timeOfDay')} value={draft.timeOfDay} onChange={(e) => setDraft({ ...draft, timeOfDay: e.currentTarget.value })} required />
            <TimeZoneSelect label={t('insightsBrief.schedule.timeZone')} value={draft.timeZone} onChange={(timeZone) => setDraft({ ...draft, timeZone: timeZone ?? draft.timeZone })} required />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="brief-language-label">
              {t('insightsBrief.schedule.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="brief-language-label"
              value={draft.language}
              onChange={(language) => setDraft({ ...draft, language: language as Draft['language'] })}
              data={[
                { value: 'en', label: t('insightsBrief.languages.en') },
                { value: 'id', label: t('insightsBrief.languages.id') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            <Text size="xs" c="dimmed">
              {t('insightsBrief.schedule.languageHelp')}
            </Text>
          </Stack>
          <SearchMultiSelect label={t('insightsBrief.schedule.people')} data={options} value={draft.userIds} onChange={(userIds) => setDraft({ ...draft, userIds })} nothingFoundMessage={t('common.nothingFound')} />
          <TagsInput
            label={t('insightsBrief.schedule.addresses')}
            description={t('insightsBrief.schedule.addressesHelp')}
            value={draft.addresses}
            onChange={(addresses) => setDraft({ ...draft, addresses: addresses.map((a) => a.trim()).filter((a) => a.includes('@')) })}
            maxTags={50}
            clearable
          />
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('insightsBrief.schedule.save')}
            </Button>
            {saved ? (
              <Text size="sm" fw={500} role="status">
                {t('insightsBrief.schedule.saved')}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
