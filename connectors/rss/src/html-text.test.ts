import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.ts';

describe('htmlToText', () => {
  it('drops scripts, styles and tags, decodes entities and keeps paragraphs', () => {
    expect(htmlToText('<p>Caf&eacute;&nbsp;<a href="#">open</a></p><script>var x = "<p>";</script><style>p { color: red }</style><p>Second\n  line</p>')).toBe('Café open\n\nSecond line');
    expect(htmlToText('Text then <script>never closed')).toBe('Text then');
  });
});
