// Keyboard shortcuts on the review page, and large uploads on the import page. The pages work
// without this script: each shortcut presses a button or follows a link that is there anyway.
(() => {
  const review = document.querySelector('[data-review]');
  if (review) {
    const candidates = [...review.querySelectorAll('[data-candidate]')];
    let current = 0;
    const focus = (i) => {
      if (candidates.length === 0) return;
      current = (i + candidates.length) % candidates.length;
      for (const c of candidates) c.classList.toggle('candidate-current', c === candidates[current]);
      candidates[current].focus();
    };
    focus(0);
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        focus(current + 1);
        return;
      }
      const scope = ['c', 'r', 'u'].includes(key) ? candidates[current] : review;
      const control = scope?.querySelector(`[data-key="${key}"]`);
      if (!control) return;
      event.preventDefault();
      control.click();
    });
  }

  // A file sent as the request's body is stored as it streams, with no size limit of form bodies.
  const upload = document.querySelector('form[data-upload]');
  if (upload && window.fetch) {
    upload.addEventListener('submit', async (event) => {
      const input = upload.querySelector('input[type=file]');
      const file = input?.files?.[0];
      if (!file) return;
      event.preventDefault();
      const status = upload.querySelector('.upload-progress');
      if (status) status.textContent = `${file.name} …`;
      const token = upload.querySelector('input[name=_csrf]')?.value ?? '';
      const encoding = upload.querySelector('select[name=encoding]')?.value ?? '';
      const response = await fetch(
        `${upload.action.replace(/\/import$/, '/upload')}?name=${encodeURIComponent(file.name)}`,
        {
          method: 'POST',
          headers: { 'X-CSRF-Token': token, 'Content-Type': 'application/octet-stream' },
          body: file,
        },
      );
      if (!response.ok) {
        upload.submit();
        return;
      }
      const { next } = await response.json();
      window.location.assign(encoding ? `${next}?encoding=${encodeURIComponent(encoding)}` : next);
    });
  }
})();
