// Shows each date of the contribution form in words as it is typed, from /api/v1/dates; the form
// works the same without it (the server reads the dates back in words after sending).
(() => {
  const lang = document.documentElement.lang || 'en';
  for (const input of document.querySelectorAll('input[data-edtf-words]')) {
    const out = document.getElementById(input.dataset.edtfWords);
    if (!out) continue;
    let timer;
    let asked = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const value = input.value.trim();
        const ask = ++asked;
        if (!value) {
          out.textContent = '';
          return;
        }
        try {
          const res = await fetch(`/api/v1/dates?edtf=${encodeURIComponent(value)}`);
          const body = await res.json();
          if (ask !== asked) return;
          out.textContent = body.valid ? body.words[lang] || body.words.en : '…';
        } catch {
          out.textContent = '';
        }
      }, 250);
    });
  }
})();
