import { describe, expect, it } from 'vitest';
import { escapeHtml, firstParagraph, noteHtml, parseFollowTarget } from './note-content.ts';

describe('note content', () => {
  it('takes the first paragraph, joining its wrapped lines', () => {
    expect(firstParagraph('  One line\nwrapped here.\r\n\r\nSecond.')).toBe('One line wrapped here.');
    expect(firstParagraph('\n\n  \n')).toBe('');
  });

  it('shows title, lead and link, escaped', () => {
    const html = noteHtml({ language: 'en', title: 'A <b> & "c"', body: 'Lead <script>.\n\nRest.', url: 'https://mfa.example/newsroom/s/1?a=1&b=2' });
    expect(html).toBe(
      '<p><strong>A &lt;b&gt; &amp; &quot;c&quot;</strong></p><p>Lead &lt;script&gt;.</p><p><a href="https://mfa.example/newsroom/s/1?a=1&amp;b=2">https://mfa.example/newsroom/s/1?a=1&amp;b=2</a></p>',
    );
    expect(noteHtml({ language: 'en', title: 'T', body: '', url: 'https://x.example/' })).not.toContain('<p></p>');
    expect(escapeHtml("'")).toBe('&#39;');
  });
});

describe('follow targets', () => {
  it('reads handles with or without the leading @, host ports included', () => {
    expect(parseFollowTarget('@kemlu@Mastodon.Social')).toEqual({ kind: 'handle', handle: { username: 'kemlu', host: 'mastodon.social' } });
    expect(parseFollowTarget('kemlu@127.0.0.1:8080')).toEqual({ kind: 'handle', handle: { username: 'kemlu', host: '127.0.0.1:8080' } });
  });

  it('reads http(s) URLs and refuses everything else', () => {
    expect(parseFollowTarget('https://mastodon.social/@kemlu')).toMatchObject({ kind: 'url' });
    expect(parseFollowTarget('ftp://x.example/a')).toBeNull();
    expect(parseFollowTarget('javascript:alert(1)')).toBeNull();
    expect(parseFollowTarget('no handle')).toBeNull();
    expect(parseFollowTarget('@a@b@c')).toBeNull();
  });
});
