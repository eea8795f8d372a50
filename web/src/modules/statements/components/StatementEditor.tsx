import { type AttachmentDto, type StatementDto, type StatementText, statementLimits } from '@diplodesk/contracts';
import { Alert, Autocomplete, Button, CloseButton, Group, Stack, Tabs, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { fits, textLimitProps } from '../../../ui/text-limit.ts';
import { useChannelAccounts, useUpdateStatement } from '../hooks/use-statements.ts';
import { canonicalLanguage, commonLanguages, languageName, textDirection } from '../utils/languages.ts';
import { AttachmentsEditor } from './AttachmentsEditor.tsx';
import { draftsOfPlatformTexts, splitDrafts } from '../utils/platform-targets.ts';
import { type VariantDraft, VariantsEditor } from './VariantsEditor.tsx';

interface Draft {
  texts: StatementText[];
  tags: string[];
  variants: VariantDraft[];
  attachments: AttachmentDto[];
}

function draftOf(s: StatementDto): Draft {
  return { texts: s.texts.map((x) => ({ ...x })), tags: [...s.tags], variants: [...s.variants.map((v) => ({ ...v })), ...draftsOfPlatformTexts(s.platformTexts)], attachments: [...s.attachments] };
}

export interface StatementEditorProps {
  statement: StatementDto;
  /** Tells the page whether unsaved edits exist, so a live update does not overwrite them. */
  onDirtyChange: (dirty: boolean) => void;
  /** Bumped by the page to throw edits away and start again from the current server version. */
  resetToken: number;
  /** Fetch the newest version and discard the edits (after a conflict). */
  onReload: () => void;
}

/**
 * Title and body per language, tags, attachments and channel variants. The editor works on its
 * own copy from the version it started with; saving sends that `baseVersion`.
 */
export function StatementEditor({ statement, onDirtyChange, resetToken, onReload }: StatementEditorProps) {
  const { t, i18n } = useTranslation();
  const readOnly = !statement.policies.edit;
  const [base, setBase] = useState(statement);
  const [draft, setDraft] = useState<Draft>(() => draftOf(statement));
  const [dirty, setDirty] = useState(false);
  const [activeLanguage, setActiveLanguage] = useState<string | null>(statement.primaryLanguage);
  const [newLanguage, setNewLanguage] = useState('');
  const [note, setNote] = useState('');
  const accounts = useChannelAccounts(statement.unitId);
  const save = useUpdateStatement(statement.id);
  const appliedReset = useRef(resetToken);

  // A newer server version replaces the copy only when nothing is being edited (or on request).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to new versions and reset requests only
  useEffect(() => {
    const forced = resetToken !== appliedReset.current;
    appliedReset.current = resetToken;
    if (!forced && statement.version === base.version && statement.status === base.status) return;
    if (!forced && dirty) return;
    setBase(statement);
    setDraft(draftOf(statement));
    setDirty(false);
    setNote('');
    save.reset();
  }, [statement.version, statement.status, resetToken]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const update = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
  };
  const setText = (language: string, change: Partial<StatementText>) =>
    update({ texts: draft.texts.map((x) => (x.language === language ? { ...x, ...change } : x)) });

  const canonicalNew = canonicalLanguage(newLanguage);
  const addLanguage = () => {
    if (!canonicalNew || draft.texts.some((x) => x.language === canonicalNew)) return;
    update({ texts: [...draft.texts, { language: canonicalNew, title: '', body: '' }] });
    setActiveLanguage(canonicalNew);
    setNewLanguage('');
  };
  const removeLanguage = (language: string) => {
    update({ texts: draft.texts.filter((x) => x.language !== language), variants: draft.variants.filter((v) => v.language !== language) });
    setActiveLanguage(statement.primaryLanguage);
  };

  const textsFit = draft.texts.every((x) => fits(x.title, statementLimits.title) && fits(x.body, statementLimits.body));
  const hasTitle = draft.texts.some((x) => x.title.trim() !== '');
  const [triedSave, setTriedSave] = useState(false);
  const onSave = () => {
    setTriedSave(true);
    if (!textsFit || !hasTitle) return;
    save.mutate(
      {
        baseVersion: base.version,
        texts: draft.texts,
        tags: draft.tags,
        ...splitDrafts(draft.variants),
        attachmentIds: draft.attachments.map((a) => a.id),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setDraft(draftOf(saved));
          setDirty(false);
          setNote('');
          notifySuccess(t('statements.editor.saved', { version: saved.version }));
        },
      },
    );
  };
  const conflict = isApiError(save.error) && save.error.code === 'statement.version-conflict';
  const withImage = draft.attachments.some((a) => a.mimeType.startsWith('image/'));

  return (
    <Stack gap="lg">
      <SectionCard title={t('statements.editor.textHeading')} description={readOnly ? t('statements.editor.readOnly') : undefined}>
        <Tabs value={activeLanguage} onChange={setActiveLanguage} keepMounted={false}>
          <Tabs.List aria-label={t('statements.editor.languages')}>
            {draft.texts.map((text) => (
              <Tabs.Tab key={text.language} value={text.language}>
                {languageName(text.language, i18n.language)} ({text.language})
                {text.language === statement.primaryLanguage ? ` · ${t('statements.editor.primary')}` : ''}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {draft.texts.map((text) => {
            const dir = textDirection(text.language);
            return (
              <Tabs.Panel key={text.language} value={text.language} pt="md">
                <Stack gap="sm" lang={text.language}>
                  <TextInput
                    label={t('statements.fields.titleIn', { language: languageName(text.language, i18n.language) })}
                    value={text.title}
                    dir={dir}
                    readOnly={readOnly}
                    onChange={(event) => setText(text.language, { title: event.currentTarget.value })}
                    {...(readOnly ? {} : textLimitProps(text.title, statementLimits.title, t))}
                  />
                  <Textarea
                    label={t('statements.fields.bodyIn', { language: languageName(text.language, i18n.language) })}
                    value={text.body}
                    dir={dir}
                    readOnly={readOnly}
                    autosize
                    minRows={8}
                    maxRows={30}
                    onChange={(event) => setText(text.language, { body: event.currentTarget.value })}
                    {...(readOnly ? {} : textLimitProps(text.body, statementLimits.body, t))}
                  />
                  {!readOnly && text.language !== statement.primaryLanguage ? (
                    <Group justify="flex-end">
                      <Button variant="subtle" color="red" size="xs" onClick={() => removeLanguage(text.language)}>
                        {t('statements.editor.removeLanguage', { language: languageName(text.language, i18n.language) })}
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              </Tabs.Panel>
            );
          })}
        </Tabs>
        {readOnly ? null : (
          <Group gap="sm" align="flex-end" mt="md" wrap="wrap">
            <Autocomplete
              label={t('statements.editor.addLanguage')}
              description={t('statements.editor.addLanguageHint')}
              data={commonLanguages.filter((tag) => !draft.texts.some((x) => x.language === tag)).map((tag) => ({ value: tag, label: `${tag} · ${languageName(tag, i18n.language)}` }))}
              value={newLanguage}
              onChange={setNewLanguage}
              style={{ flex: '1 1 14rem' }}
              error={newLanguage.trim() && !canonicalNew ? t('statements.editor.badLanguage') : undefined}
            />
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={addLanguage} disabled={!canonicalNew}>
              {t('statements.editor.add')}
            </Button>
          </Group>
        )}
        <TagsInput
          mt="md"
          label={t('statements.fields.tags')}
          value={draft.tags}
          onChange={(tags) => update({ tags })}
          readOnly={readOnly}
          maxTags={30}
          clearable={!readOnly}
          clearButtonProps={{ 'aria-label': t('common.clearField') }}
        />
      </SectionCard>

      <SectionCard title={t('statements.attachments.title')}>
        <AttachmentsEditor statementId={statement.id} attachments={draft.attachments} readOnly={readOnly} onChange={(attachments) => update({ attachments })} />
      </SectionCard>

      <SectionCard title={t('statements.variants.title')} description={t('statements.variants.intro')}>
        <ErrorAlert error={accounts.error} />
        <VariantsEditor
          accounts={accounts.data?.items ?? []}
          variants={draft.variants}
          texts={draft.texts}
          primaryLanguage={statement.primaryLanguage}
          unitName={statement.unitName}
          attachments={draft.attachments}
          withImage={withImage}
          readOnly={readOnly}
          onChange={(variants) => update({ variants })}
        />
      </SectionCard>

      {readOnly ? null : (
        <Stack gap="sm" pos="sticky" bottom={0} bg="var(--mantine-color-body)" py="sm" style={{ zIndex: 2 }}>
          {conflict ? (
            <Alert color="orange" role="alert" title={t('statements.editor.conflictTitle')}>
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm">{t('statements.editor.conflictBody')}</Text>
                <Button size="xs" variant="white" color="orange" onClick={onReload}>
                  {t('statements.editor.reloadLatest')}
                </Button>
              </Group>
            </Alert>
          ) : (
            <ErrorAlert error={save.error} />
          )}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('statements.editor.note')}
              placeholder={t('statements.editor.notePlaceholder')}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              maxLength={300}
              style={{ flex: '1 1 16rem' }}
              rightSection={note ? <CloseButton size="sm" aria-label={t('common.clearField')} onClick={() => setNote('')} /> : null}
            />
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={onSave} loading={save.isPending} disabled={!dirty && !note.trim()}>
              {t('statements.editor.save')}
            </Button>
          </Group>
          {triedSave && !hasTitle ? (
            <Text size="sm" c="red.8" role="alert">
              {t('statements.editor.titleRequired')}
            </Text>
          ) : null}
          {dirty ? (
            <Text size="xs" c="dimmed" aria-live="polite">
              {t('statements.editor.unsaved')}
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
