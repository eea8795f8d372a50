import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type SearchState, stateFromUrl, stateToUrl } from '../utils/search-state.ts';

type Setters = {
  setText: (text: string) => void;
  setMatch: (match: SearchState['match']) => void;
  setRange: (range: SearchState['range']) => void;
  setCustomFrom: (day: string) => void;
  setCustomTo: (day: string) => void;
  setLanguages: (values: string[]) => void;
  setSourceIds: (values: string[]) => void;
  setCountries: (values: string[]) => void;
  setTopics: (values: string[]) => void;
  setTone: (tone: [number, number]) => void;
};

/**
 * The search page's filters, kept in the page URL: a search can be bookmarked and shared, Back
 * returns to it, and opening a saved search (or following a link) fills every control at once.
 */
export function useSearchState(): SearchState & Setters & { state: SearchState; replaceState: (next: SearchState) => void } {
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<SearchState>(() => stateFromUrl(params));
  const written = useRef(stateToUrl(state).toString());

  // The URL changed from outside (Back, a link): the controls follow it.
  const current = params.toString();
  useEffect(() => {
    if (current === written.current) return;
    written.current = current;
    setState(stateFromUrl(new URLSearchParams(current)));
  }, [current]);

  // The controls changed: the URL follows, replacing the entry so each keystroke is not a history step.
  useEffect(() => {
    const next = stateToUrl(state).toString();
    if (next === written.current) return;
    written.current = next;
    setParams(new URLSearchParams(next), { replace: true });
  }, [state, setParams]);

  const patch = useCallback((change: Partial<SearchState>) => setState((s) => ({ ...s, ...change })), []);
  const setters = useMemo<Setters>(
    () => ({
      setText: (text) => patch({ text }),
      setMatch: (match) => patch({ match }),
      // A period chosen by hand replaces one opened from a chart.
      setRange: (range) => patch({ range, fromAt: '', toAt: '' }),
      setCustomFrom: (customFrom) => patch({ customFrom, fromAt: '', toAt: '' }),
      setCustomTo: (customTo) => patch({ customTo, fromAt: '', toAt: '' }),
      setLanguages: (languages) => patch({ languages }),
      setSourceIds: (sourceIds) => patch({ sourceIds }),
      setCountries: (countries) => patch({ countries }),
      setTopics: (topics) => patch({ topics }),
      setTone: (tone) => patch({ tone }),
    }),
    [patch],
  );
  return { ...state, ...setters, state, replaceState: setState };
}
