import { type StatementKind, statementKinds, statementLimits } from '@diplodesk/contracts';
import { Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAlertResponseDraft } from '../modules/insights/hooks/use-alert-response.ts';
import { useClaimResponseDraft, useFindingResponseDraft } from '../modules/integrity/hooks/use-finding-response.ts';
import { ClaimDebunk } from '../modules/integrity/components/ClaimDebunk.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { useCreateStatement, useStatement, useStatementTemplates } from '../modules/statements/hooks/use-statements.ts';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { canonicalLanguage, commonLanguages, languageName, textDirection } from '../modules/statements/utils/languages.ts';
import { kindLabelKeys } from '../modules/statements/utils/statement-status.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { TimeZoneSelect } from '../ui/TimeZoneSelect.tsx';
import { SearchSelect } from '../ui/SearchSelect.tsx';
import { fits, textLimitProps } from '../ui/text-limit.ts';
import { seededName } from '../lib/seeded-names.ts';

const templatePurposeKeys = {
  condolence: 'statements.new.purposes.condolence',
  congratulation: 'statements.new.purposes.congratulation',
  'travel-advisory': 'statements.new.purposes.travel-advisory',
  'rapid-rebuttal': 'statements.new.purposes.rapid-rebuttal',
  other: 'statements.new.purposes.other',
} as const;

export function StatementNewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentMe();
  const [params] = useSearchParams();
  const respondTo = params.get('respondTo');
  // A reply to a listening item: its id, and its first words for the title (passed by the item page).
  const respondToItem = respondTo ? null : params.get('respondToItem');
  // A response to an insights alert (rapid response): its id; the draft carries its context and top items.
  const respondToAlert = respondTo || respondToItem ? null : params.get('respondToAlert');
  const alertDraft = useAlertResponseDraft(respondToAlert);
  // A rebuttal of an integrity finding (fast track): the draft carries the claim, its debunk and the items.
  const respondToFinding = respondTo || respondToItem || respondToAlert ? null : params.get('respondToFinding');
  const findingDraft = useFindingResponseDraft(respondToFinding);
  // A rebuttal of a registered claim itself (from the claim's page).
  const respondToClaim = respondTo || respondToItem || respondToAlert || respondToFinding ? null : params.get('respondToClaim');
  const claimDraft = useClaimResponseDraft(respondToClaim);
  const rebutted = respondToFinding ? findingDraft.claim.data : claimDraft.claim.data;
  const itemWords = params.get('title');
  const itemLanguage = respondToItem ? canonicalLanguage(params.get('language') ?? '') : null;
  const units = useUnits();
  const templates = useStatementTemplates();
  const original = useStatement(respondTo ?? '');
  const create = useCreateStatement();
  usePageTitle(t('statements.new.title'));

  const draftable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'statement.draft'), [units.data, me.user.memberships]);
  const unitRows = useMemo(() => flattenUnitTree(units.data?.items ?? []).filter((row) => draftable.has(row.unit.id)), [units.data, draftable]);

  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<StatementKind>(respondTo || respondToItem ? 'reply' : 'statement');
  const [language, setLanguage] = useState<string>(itemLanguage ?? (i18n.language.startsWith('id') ? 'id' : 'en'));
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [title, setTitle] = useState(respondToItem && itemWords ? t('statements.new.rePrefix', { title: itemWords }) : '');
  const [body, setBody] = useState('');
  const [touchedTitle, setTouchedTitle] = useState(false);
  const [triedSubmit, setTriedSubmit] = useState(false);

  // The first draftable unit is the usual choice; its zone is the audience's until changed.
  useEffect(() => {
    if (!unitId && unitRows[0]) setUnitId(unitRows[0].unit.id);
  }, [unitId, unitRows]);
  useEffect(() => {
    const unit = units.data?.items.find((u) => u.id === unitId);
    if (unit) setTimeZone(unit.timeZone);
  }, [unitId, units.data]);
  // A response starts as "Re: <original title>" in the original's primary language.
  useEffect(() => {
    if (!original.data || touchedTitle) return;
    const text = original.data.texts.find((x) => x.language === original.data.primaryLanguage) ?? original.data.texts[0];
    setTitle(t('statements.new.rePrefix', { title: text?.title ?? '' }));
    setLanguage(original.data.primaryLanguage);
    setUnitId((current) => current ?? original.data.unitId);
  }, [original.data, touchedTitle, t]);

  // The alert's context arrives once: it fills the title and the body until the person has typed.
  const alertDraftText = alertDraft.draft;
  useEffect(() => {
    if (!alertDraftText || touchedTitle) return;
    setTitle(alertDraftText.title);
    setBody((current) => (current === '' ? alertDraftText.body : current));
  }, [alertDraftText, touchedTitle]);
  const integrityDraftText = findingDraft.draft ?? claimDraft.draft;
  useEffect(() => {
    if (!integrityDraftText || touchedTitle) return;
    setTitle(integrityDraftText.title);
    setBody((current) => (current === '' ? integrityDraftText.body : current));
  }, [integrityDraftText, touchedTitle]);

  const template = templates.data?.items.find((x) => x.id === templateId);
  const applyTemplate = (id: string | null) => {
    setTemplateId(id);
    const chosen = templates.data?.items.find((x) => x.id === id);
    if (!chosen) return;
    setKind(chosen.statementKind);
    const text = chosen.texts.find((x) => x.language === language) ?? chosen.texts[0];
    if (text) {
      setLanguage(text.language);
      setTitle(text.title);
      setBody(text.body);
    }
  };

  if (!me.permissions.includes('statement.draft')) return <ForbiddenNotice />;

  const languageOptions = commonLanguages.map((tag) => ({ value: tag, label: `${languageName(tag, i18n.language)} (${tag})` }));
  const submit = () => {
    setTriedSubmit(true);
    const primary = canonicalLanguage(language);
    if (!unitId || !timeZone || !primary) return;
    if (title.trim() === '' || !fits(title, statementLimits.title) || !fits(body, statementLimits.body)) return;
    // Other languages of the template come along, so the translation is there to adjust.
    const otherTexts = (template?.texts ?? []).filter((x) => x.language !== primary);
    create.mutate(
      {
        unitId,
        kind,
        primaryLanguage: primary,
        audienceTimeZone: timeZone,
        texts: [{ language: primary, title, body }, ...otherTexts],
        ...(templateId ? { templateId } : {}),
        ...(respondTo ? { respondsTo: { type: 'statement' as const, id: respondTo } } : {}),
        ...(respondToItem ? { respondsTo: { type: 'listening-item' as const, id: respondToItem } } : {}),
        ...(respondToAlert ? { respondsTo: { type: 'insights-alert' as const, id: respondToAlert } } : {}),
        ...(respondToFinding ? { respondsTo: { type: 'integrity-finding' as const, id: respondToFinding } } : {}),
        ...(respondToClaim ? { respondsTo: { type: 'integrity-claim' as const, id: respondToClaim } } : {}),
      },
      { onSuccess: (statement) => navigate(`/statements/${statement.id}`) },
    );
  };

  return (
    <>
      <StatementsAreaNav active="statements" />
      <PageHeader title={respondTo ? t('statements.new.respondTitle') : respondToItem ? t('listening.item.respondTitle') : respondToAlert ? t('insights.respond.pageTitle') : respondToFinding || respondToClaim ? t('integrity.respond.pageTitle') : t('statements.new.title')} description={t('statements.new.intro')} />
      <Paper p={{ base: 'md', sm: 'lg' }} maw={860}>
        <form noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            {respondToAlert && alertDraft.alert.data ? <Text size="sm">{t('insights.respond.respondingTo', { rule: alertDraft.name })}</Text> : null}
            <ErrorAlert error={alertDraft.alert.error} />
            {respondToFinding && findingDraft.finding.data ? <Text size="sm">{t('integrity.respond.respondingTo', { title: findingDraft.finding.data.title })}</Text> : null}
            <ErrorAlert error={findingDraft.finding.error} />
            {respondToClaim && claimDraft.claim.data ? <Text size="sm">{t('integrityRebuttals.respondingToClaim')}</Text> : null}
            <ErrorAlert error={claimDraft.claim.error} />
            {rebutted ? (
              <Paper withBorder p="sm" bg="var(--mantine-color-red-0)" component="section" aria-labelledby="rebutted-claim-heading">
                <Stack gap="xs">
                  <Text id="rebutted-claim-heading" size="sm" fw={600}>
                    {t('integrityRebuttals.claimContext')}
                  </Text>
                  <ClaimDebunk claim={{ claimReviewed: rebutted.claimReviewed, rating: rebutted.reviewRating.alternateName, url: rebutted.url, reviewAuthor: rebutted.reviewAuthor, disproof: rebutted.disproof }} />
                  <Text size="xs" c="dimmed">
                    {t('integrityRebuttals.claimSigned')}
                  </Text>
                </Stack>
              </Paper>
            ) : null}
            {respondTo && original.data ? (
              <Text size="sm">{t('statements.new.respondingTo', { title: original.data.texts[0]?.title ?? '' })}</Text>
            ) : null}
            <Group grow wrap="wrap" align="flex-start">
              <SearchSelect
                label={t('statements.fields.unit')}
                data={unitRows.map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }))}
                value={unitId}
                onChange={setUnitId}
                required
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                style={{ minWidth: '14rem' }}
              />
              <Select
                label={t('statements.fields.kind')}
                data={statementKinds.map((value) => ({ value, label: t(kindLabelKeys[value]) }))}
                value={kind}
                onChange={(value) => value && setKind(value as StatementKind)}
                required
                allowDeselect={false}
                style={{ minWidth: '12rem' }}
              />
            </Group>
            <Group grow wrap="wrap" align="flex-start">
              <Select
                label={t('statements.fields.primaryLanguage')}
                data={languageOptions}
                value={language}
                onChange={(value) => value && setLanguage(value)}
                required
                allowDeselect={false}
                style={{ minWidth: '12rem' }}
              />
              <TimeZoneSelect
                label={t('statements.fields.audienceTimeZone')}
                description={t('statements.fields.audienceTimeZoneHint')}
                value={timeZone}
                onChange={setTimeZone}
                required
                style={{ minWidth: '14rem' }}
              />
            </Group>
            {respondTo || respondToItem || respondToAlert || respondToFinding || respondToClaim ? null : (
              <Select
                label={t('statements.new.template')}
                placeholder={t('statements.new.blank')}
                data={(templates.data?.items ?? []).map((x) => ({
                  value: x.id,
                  label: `${seededName(x.name, t)} · ${t(templatePurposeKeys[x.purpose])} (${x.texts.map((y) => y.language).join(', ')})`,
                }))}
                value={templateId}
                onChange={applyTemplate}
                clearable
                clearButtonProps={{ 'aria-label': t('common.clearField') }}
              />
            )}
            <TextInput
              label={t('statements.fields.title')}
              value={title}
              dir={textDirection(language)}
              lang={language}
              onChange={(event) => {
                setTouchedTitle(true);
                setTitle(event.currentTarget.value);
              }}
              required
              {...textLimitProps(title, statementLimits.title, t, { required: true, showRequired: triedSubmit })}
            />
            <Textarea
              label={t('statements.fields.body')}
              value={body}
              dir={textDirection(language)}
              lang={language}
              onChange={(event) => setBody(event.currentTarget.value)}
              autosize
              minRows={6}
              maxRows={20}
              {...textLimitProps(body, statementLimits.body, t)}
            />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate(-1)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!unitId || !timeZone}>
                {t('statements.new.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
