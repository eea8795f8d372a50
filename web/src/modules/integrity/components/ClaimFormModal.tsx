import type { ClaimDto, CreateClaimRequest } from '@diplodesk/contracts';
import { ActionIcon, Button, Divider, Group, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { Narrative } from '../api/integrity.api.ts';
import { useSaveClaim } from '../hooks/use-integrity.ts';

type Translation = { language: string; text: string };

/** One entry per line (addresses) or comma (outlets, countries), blanks dropped. */
const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);
const commas = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * Registers or edits a claim: ClaimReview's fields (the claim, where it appeared, the verdict and
 * the review) and EUvsDisinfo's case fields (outlets, target countries, summary, disproof), its
 * narrative and its wording in other languages.
 */
export function ClaimFormModal({ opened, onClose, claim, unitOptions, narratives, onSaved }: { opened: boolean; onClose: () => void; claim: ClaimDto | null; unitOptions: { value: string; label: string }[]; narratives: Narrative[]; onSaved: (claim: ClaimDto) => void }) {
  const { t } = useTranslation();
  const save = useSaveClaim();
  const [unitId, setUnitId] = useState<string | null>(claim?.unitId ?? unitOptions[0]?.value ?? null);
  const [claimReviewed, setClaimReviewed] = useState(claim?.claimReviewed ?? '');
  const [headline, setHeadline] = useState(claim?.headline ?? '');
  const [language, setLanguage] = useState(claim?.language ?? 'und');
  const [rating, setRating] = useState(claim?.reviewRating.alternateName ?? '');
  const [ratingValue, setRatingValue] = useState<number | string>(claim?.reviewRating.ratingValue ?? '');
  const [bestRating, setBestRating] = useState<number | string>(claim?.reviewRating.bestRating ?? '');
  const [worstRating, setWorstRating] = useState<number | string>(claim?.reviewRating.worstRating ?? '');
  const [reviewAuthor, setReviewAuthor] = useState(claim?.reviewAuthor ?? '');
  const [url, setUrl] = useState(claim?.url ?? '');
  const [datePublished, setDatePublished] = useState(claim?.datePublished ?? '');
  const [appearedAuthor, setAppearedAuthor] = useState(claim?.itemReviewed.authorName ?? '');
  const [appearedDate, setAppearedDate] = useState(claim?.itemReviewed.datePublished ?? '');
  const [appearances, setAppearances] = useState((claim?.itemReviewed.appearanceUrls ?? []).join('\n'));
  const [outlets, setOutlets] = useState((claim?.outlets ?? []).join(', '));
  const [countries, setCountries] = useState((claim?.targetCountries ?? []).join(', '));
  const [summary, setSummary] = useState(claim?.summary ?? '');
  const [disproof, setDisproof] = useState(claim?.disproof ?? '');
  const [narrativeId, setNarrativeId] = useState<string | null>(claim?.narrativeId ?? null);
  const [translations, setTranslations] = useState<Translation[]>(claim?.translations ?? []);
  const [tried, setTried] = useState(false);

  const num = (v: number | string) => (typeof v === 'number' ? v : null);
  const submit = () => {
    setTried(true);
    if (!unitId || claimReviewed.trim() === '' || rating.trim() === '') return;
    const body: CreateClaimRequest = {
      unitId,
      claimReviewed: claimReviewed.trim(),
      headline: orNull(headline),
      language: language.trim() || 'und',
      itemReviewed: { authorName: orNull(appearedAuthor), datePublished: orNull(appearedDate), appearanceUrls: lines(appearances) },
      reviewRating: { alternateName: rating.trim(), ratingValue: num(ratingValue), bestRating: num(bestRating), worstRating: num(worstRating) },
      reviewAuthor: orNull(reviewAuthor),
      url: orNull(url),
      datePublished: orNull(datePublished),
      outlets: commas(outlets),
      targetCountries: commas(countries),
      summary: orNull(summary),
      disproof: orNull(disproof),
      narrativeId,
      translations: translations.filter((x) => x.language.trim() !== '' && x.text.trim() !== ''),
    };
    save.mutate({ id: claim?.id ?? null, body }, { onSuccess: onSaved });
  };

  return (
    <AppModal opened={opened} onClose={onClose} size="xl" title={claim ? t('integrity.claimForm.editTitle') : t('integrity.claimForm.newTitle')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {claim ? null : <Select label={t('integrity.claimForm.unit')} data={unitOptions} value={unitId} onChange={setUnitId} required allowDeselect={false} />}
          <Textarea label={t('integrity.claimForm.claimReviewed')} description={t('integrity.claimForm.claimReviewedHint')} value={claimReviewed} onChange={(e) => setClaimReviewed(e.currentTarget.value)} required autosize minRows={2} error={tried && claimReviewed.trim() === '' ? t('integrity.claimForm.required') : undefined} />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('integrity.claimForm.headline')} value={headline} onChange={(e) => setHeadline(e.currentTarget.value)} style={{ minWidth: '14rem' }} />
            <TextInput label={t('integrity.claimForm.language')} description={t('integrity.claimForm.languageHint')} value={language} onChange={(e) => setLanguage(e.currentTarget.value)} style={{ minWidth: '10rem' }} />
          </Group>
          <Divider label={t('integrity.claimForm.review')} labelPosition="left" />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('integrity.claimForm.rating')} description={t('integrity.claimForm.ratingHint')} value={rating} onChange={(e) => setRating(e.currentTarget.value)} required error={tried && rating.trim() === '' ? t('integrity.claimForm.required') : undefined} style={{ minWidth: '12rem' }} />
            <NumberInput label={t('integrity.claimForm.ratingValue')} value={ratingValue} onChange={setRatingValue} style={{ minWidth: '6rem' }} />
            <NumberInput label={t('integrity.claimForm.bestRating')} value={bestRating} onChange={setBestRating} style={{ minWidth: '6rem' }} />
            <NumberInput label={t('integrity.claimForm.worstRating')} value={worstRating} onChange={setWorstRating} style={{ minWidth: '6rem' }} />
          </Group>
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('integrity.claimForm.reviewAuthor')} value={reviewAuthor} onChange={(e) => setReviewAuthor(e.currentTarget.value)} style={{ minWidth: '12rem' }} />
            <TextInput label={t('integrity.claimForm.datePublished')} description={t('integrity.claimForm.dateHint')} value={datePublished} onChange={(e) => setDatePublished(e.currentTarget.value)} style={{ minWidth: '10rem' }} />
          </Group>
          <TextInput label={t('integrity.claimForm.url')} type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
          <Divider label={t('integrity.claimForm.appeared')} labelPosition="left" />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('integrity.claimForm.appearedAuthor')} value={appearedAuthor} onChange={(e) => setAppearedAuthor(e.currentTarget.value)} style={{ minWidth: '12rem' }} />
            <TextInput label={t('integrity.claimForm.appearedDate')} description={t('integrity.claimForm.dateHint')} value={appearedDate} onChange={(e) => setAppearedDate(e.currentTarget.value)} style={{ minWidth: '10rem' }} />
          </Group>
          <Textarea label={t('integrity.claimForm.appearances')} description={t('integrity.claimForm.oneLine')} value={appearances} onChange={(e) => setAppearances(e.currentTarget.value)} autosize minRows={2} />
          <Divider label={t('integrity.claimForm.case')} labelPosition="left" />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('integrity.claimForm.outlets')} description={t('integrity.claimForm.commas')} value={outlets} onChange={(e) => setOutlets(e.currentTarget.value)} style={{ minWidth: '12rem' }} />
            <TextInput label={t('integrity.claimForm.countries')} description={t('integrity.claimForm.countriesHint')} value={countries} onChange={(e) => setCountries(e.currentTarget.value)} style={{ minWidth: '12rem' }} />
          </Group>
          <Textarea label={t('integrity.claimForm.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={2} />
          <Textarea label={t('integrity.claimForm.disproof')} value={disproof} onChange={(e) => setDisproof(e.currentTarget.value)} autosize minRows={2} />
          <Select label={t('integrity.claimForm.narrative')} data={narratives.map((n) => ({ value: n.id, label: n.name }))} value={narrativeId} onChange={setNarrativeId} clearable clearButtonProps={{ 'aria-label': t('common.clearField') }} placeholder={t('integrity.claimForm.noNarrative')} />
          <Divider label={t('integrity.claimForm.translations')} labelPosition="left" />
          {translations.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('integrity.claimForm.noTranslations')}
            </Text>
          ) : null}
          {translations.map((tr, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
            <Group key={index} align="flex-end" wrap="nowrap">
              <TextInput label={t('integrity.claimForm.translationLanguage', { n: index + 1 })} value={tr.language} onChange={(e) => { const v = e.currentTarget.value; setTranslations((list) => list.map((x, i) => (i === index ? { ...x, language: v } : x))); }} w="9rem" />
              <TextInput label={t('integrity.claimForm.translationText', { n: index + 1 })} value={tr.text} onChange={(e) => { const v = e.currentTarget.value; setTranslations((list) => list.map((x, i) => (i === index ? { ...x, text: v } : x))); }} style={{ flex: 1 }} />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('integrity.claimForm.removeTranslation', { n: index + 1 })} onClick={() => setTranslations((list) => list.filter((_, i) => i !== index))}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setTranslations((list) => [...list, { language: '', text: '' }])} style={{ alignSelf: 'flex-start' }}>
            {t('integrity.claimForm.addTranslation')}
          </Button>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {claim ? t('integrity.claimForm.save') : t('integrity.claimForm.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
