import { keywordProblem, maxKeywordsPerLanguage } from '@diplodesk/contracts';
import { TagsInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface KeywordsFieldProps {
  label: string;
  value: string[];
  onChange: (keywords: string[]) => void;
}

/** Keywords of one language as tags; a keyword that could never match (or would match everything) is refused with the reason. */
export function KeywordsField({ label, value, onChange }: KeywordsFieldProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  const change = (entered: string[]) => {
    // Pasted or typed lists ("ikan, nelayan") become one keyword each.
    const next = [...new Set(entered.flatMap((k) => k.split(/[,;]/)).map((k) => k.trim().replace(/\s+/g, ' ')).filter(Boolean))];
    const added = next.filter((k) => !value.includes(k));
    for (const keyword of added) {
      const problem = keywordProblem(keyword);
      if (problem) {
        setError(t(`listeningTopics.keywordProblems.${problem}`, { keyword: keyword.trim() }));
        onChange(next.filter((k) => !added.includes(k) || keywordProblem(k) === null));
        return;
      }
    }
    setError(null);
    onChange(next);
  };

  return (
    <TagsInput
      label={label}
      description={t('listeningTopics.editor.keywordsHint', { count: value.length, max: maxKeywordsPerLanguage })}
      value={value}
      onChange={change}
      error={error}
      maxTags={maxKeywordsPerLanguage}
      onMaxTags={() => setError(t('listeningTopics.keywordProblems.too-many', { max: maxKeywordsPerLanguage }))}
      // "WHO" (the organisation) and "who" are different keywords.
      isDuplicate={(keyword, current) => current.includes(keyword.trim())}
      onDuplicate={(keyword) => setError(t('listeningTopics.keywordProblems.duplicate', { keyword }))}
      acceptValueOnBlur
      splitChars={[',', ';']}
      clearable={false}
      spellCheck={false}
      autoCapitalize="off"
    />
  );
}
