import { describe, expect, it } from 'vitest';
import { bodyUnderTitle } from './item-text.ts';

describe('bodyUnderTitle', () => {
  it('drops a headline the text starts with', () => {
    expect(bodyUnderTitle({ title: 'Talks resume', text: 'Talks resume\n\nDelegates met in Canberra.' })).toBe('Delegates met in Canberra.');
  });
  it('keeps the text when it does not start with the headline, or there is none', () => {
    expect(bodyUnderTitle({ title: 'Talks resume', text: 'Delegates met in Canberra.' })).toBe('Delegates met in Canberra.');
    expect(bodyUnderTitle({ title: null, text: 'A post without a headline' })).toBe('A post without a headline');
  });
  it('answers an empty body for an item that is only its headline', () => {
    expect(bodyUnderTitle({ title: 'Only a headline', text: 'Only a headline' })).toBe('');
  });
});
