// Progressive enhancement of the verify form: a chosen file (a text, or a downloaded signed
// statement) is read in the browser and its text put in the text box; nothing is uploaded until
// the reader presses Verify. Without JavaScript the file field stays hidden and pasting still works.
document.addEventListener('DOMContentLoaded', () => {
  const file = document.getElementById('verify-file');
  const text = document.getElementById('verify-text');
  if (!file || !text) return;
  for (const el of document.querySelectorAll('.js-only')) el.hidden = false;
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    chosen.text().then((content) => {
      text.value = content;
      text.focus();
    });
  });
});
