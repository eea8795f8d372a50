import { describe, expect, it } from 'vitest';
import { detectorLabelKey, percent, severityColor } from './finding-labels.ts';

describe('finding labels', () => {
  it('names known detectors and falls back for others', () => {
    expect(detectorLabelKey('claim-match')).toBe('integrity.detectors.claim-match');
    expect(detectorLabelKey('something-new')).toBe('integrity.detectors.other');
  });
  it('colours severities from grey to red', () => {
    expect(['low', 'medium', 'high', 'critical'].map(severityColor)).toEqual(['gray', 'yellow', 'orange', 'red']);
  });
  it('formats shares as percentages in the interface language', () => {
    expect(percent(0.915, 'en')).toBe('92%');
    expect(percent(0.5, 'id')).toBe('50%');
  });
});
