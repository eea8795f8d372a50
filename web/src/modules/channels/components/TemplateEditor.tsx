import { type StatementKind, statementKinds } from '@diplodesk/contracts';
import { Button, Group, Select, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { TemplateDto } from '../api/channels.api.ts';
import { useSaveTemplate } from '../hooks/use-channels.ts';
import { type TemplatePurpose, useKindLabels } from '../hooks/use-kind-labels.ts';

const purposes: TemplatePurpose[] = ['condolence', 'congratulation', 'travel-advisory', 'rapid-rebuttal', 'other'];

export interface TemplateEditorProps {
  unitId: string;
  template: TemplateDto | null;
  onDone: () => void;
}

function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Title and body per language (English and Indonesian to start; more can be added). */
export function TemplateEditor({ unitId, template, onDone }: TemplateEditorProps) {
  const { t, i18n } = useTranslation();
  const { kinds, purposes: purposeLabels } = useKindLabels();
  const save = useSaveTemplate();
  const [name, setName] = useState(template?.name ?? '');
  const [purpose, setPurpose] = useState<TemplatePurpose>(template?.purpose ?? 'other');
  const [kind, setKind] = useState<StatementKind>(template?.statementKind ?? 'statement');
  const [texts, setTexts] = useState(template?.texts.length ? template.texts : [{ language: 'en', title: '', body: '' }, { language: 'id', title: '', body: '' }]);
  const [tab, setTab] = useState<string>(texts[0]?.language ?? 'en');
  const [newLanguage, setNewLanguage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const updateText = (language: string, change: { title?: string; body?: string }) => setTexts((prev) => prev.map((x) => (x.language === language ? { ...x, ...change } : x)));

  const addLanguage = () => {
    let tag: string | undefined;
    try {
      tag = Intl.getCanonicalLocales(newLanguage.trim())[0];
    } catch {
      tag = undefined;
    }
    if (!tag) {
      setProblem(t('channels.templates.languageInvalid'));
      return;
    }
    if (texts.some((x) => x.language === tag)) {
      setProblem(t('channels.templates.languageExists'));
      return;
    }
    setProblem(null);
    setTexts((prev) => [...prev, { language: tag, title: '', body: '' }]);
    setTab(tag);
    setNewLanguage('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblem(t('channels.templates.nameRequired'));
      return;
    }
    setProblem(null);
    save.mutate(
      { templateId: template?.id ?? null, body: { unitId: template ? template.unitId : unitId, purpose, statementKind: kind, name: name.trim(), texts } },
      {
        onSuccess: () => {
          notifySuccess(t('channels.templates.saved'));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {save.error ? <ErrorAlert error={save.error} /> : null}
        {problem ? (
          <Text size="sm" c="red.8" role="alert">
            {problem}
          </Text>
        ) : null}
        <TextInput label={t('channels.templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
        <Group grow gap="sm" wrap="wrap">
          <Select label={t('channels.templates.purpose')} value={purpose} allowDeselect={false} onChange={(v) => v && setPurpose(v as TemplatePurpose)} data={purposes.map((p) => ({ value: p, label: purposeLabels[p] }))} />
          <Select label={t('channels.templates.kind')} value={kind} allowDeselect={false} onChange={(v) => v && setKind(v as StatementKind)} data={statementKinds.map((k) => ({ value: k, label: kinds[k] }))} />
        </Group>
        <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
          <Tabs.List aria-label={t('channels.templates.languages')}>
            {texts.map((x) => (
              <Tabs.Tab key={x.language} value={x.language}>
                {languageName(x.language, i18n.resolvedLanguage ?? 'en')}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {texts.map((x) => (
            <Tabs.Panel key={x.language} value={x.language} pt="sm">
              <Stack gap="sm">
                <TextInput label={t('channels.templates.textTitle')} value={x.title} onChange={(e) => updateText(x.language, { title: e.currentTarget.value })} lang={x.language} />
                <Textarea label={t('channels.templates.textBody')} value={x.body} onChange={(e) => updateText(x.language, { body: e.currentTarget.value })} autosize minRows={5} maxRows={14} lang={x.language} />
                {texts.length > 1 ? (
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        const rest = texts.filter((y) => y.language !== x.language);
                        setTexts(rest);
                        setTab(rest[0]?.language ?? 'en');
                      }}
                    >
                      {t('channels.templates.removeLanguage', { language: languageName(x.language, i18n.resolvedLanguage ?? 'en') })}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('channels.templates.addLanguage')}
            description={t('channels.templates.addLanguageHint')}
            value={newLanguage}
            onChange={(e) => setNewLanguage(e.currentTarget.value)}
            style={{ flex: '1 1 12rem' }}
          />
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={addLanguage} disabled={!newLanguage.trim()}>
            {t('channels.templates.addLanguageButton')}
          </Button>
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('channels.templates.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
