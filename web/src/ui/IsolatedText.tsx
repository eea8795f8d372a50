import { revealBidiControls } from '@diplodesk/contracts';

/**
 * Text from outside (a post, a headline, a name) isolated from what surrounds it, in its own
 * direction: a right-to-left override inside cannot reorder the line around it, and the overrides
 * themselves are shown (`⟨RLO⟩`) instead of obeyed, so "gpj.exe" cannot pose as "exe.jpg".
 */
export function IsolatedText({ text, lang }: { text: string; lang?: string }) {
  return (
    <bdi dir="auto" lang={lang}>
      {revealBidiControls(text)}
    </bdi>
  );
}
