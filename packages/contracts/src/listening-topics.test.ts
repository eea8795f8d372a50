import { describe, expect, it } from 'vitest';
import { createListeningTopicRequest, keywordProblem, maxKeywordsPerLanguage } from './listening-topics.ts';

describe('keywordProblem', () => {
  it('accepts the classifier’s syntax', () => {
    for (const ok of ['navy', 'coast guard', 'vaccin*', 'WHO', 'al-qaeda', "women's rights", 'cop28', 'laut china selatan', 'G20']) expect(keywordProblem(ok), ok).toBeNull();
  });

  it('names what is wrong with a keyword that could never match, or would match everything', () => {
    expect(keywordProblem('   ')).toBe('empty');
    expect(keywordProblem('!!!')).toBe('no-letters');
    expect(keywordProblem('navy ...')).toBe('no-letters');
    expect(keywordProblem('*')).toBe('lone-wildcard');
    expect(keywordProblem('climate *')).toBe('lone-wildcard');
    expect(keywordProblem('vac*cine')).toBe('misplaced-wildcard');
    expect(keywordProblem('vacc* policy')).toBe('misplaced-wildcard');
    expect(keywordProblem('x'.repeat(101))).toBe('too-long');
    expect(keywordProblem('ikan, nelayan')).toBe('not-a-word');
    expect(keywordProblem('u.s.')).toBe('not-a-word');
    expect(keywordProblem('#lautkita')).toBe('not-a-word');
    expect(keywordProblem('al-*')).toBeNull();
  });
});

describe('createListeningTopicRequest', () => {
  const labels = { en: 'Fisheries', id: 'Perikanan' };
  it('rejects empty labels, bad keywords, bad language codes and over-long lists', () => {
    expect(createListeningTopicRequest.safeParse({ labels: { en: ' ', id: 'Perikanan' } }).success).toBe(false);
    expect(createListeningTopicRequest.safeParse({ labels, keywords: { id: ['ikan', '*'] } }).success).toBe(false);
    expect(createListeningTopicRequest.safeParse({ labels, keywords: { 'not a language': ['ikan'] } }).success).toBe(false);
    const many = Array.from({ length: maxKeywordsPerLanguage + 1 }, (_, i) => `word${i}`);
    expect(createListeningTopicRequest.safeParse({ labels, keywords: { en: many } }).success).toBe(false);
    expect(createListeningTopicRequest.safeParse({ labels, keywords: { en: many.slice(1), ID: ['ikan'] } }).data?.keywords).toHaveProperty('id');
  });
});
