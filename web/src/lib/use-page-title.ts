import { useEffect } from 'react';

/** Sets the browser tab title, so screen readers announce where a navigation landed. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · DiploDesk` : 'DiploDesk';
  }, [title]);
}
