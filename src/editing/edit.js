// Enhancements of the edit forms; without JavaScript every form works as it is.
// - EDTF date fields (input[data-edtf]) show how the date reads in English, German and Russian
//   while typing, from /api/v1/dates.
// - Record-number fields (input[data-lookup]) get a search by name beside them, an ARIA combobox
//   fed by /api/v1/lookup, that fills the number in and shows the record's name.
(() => {
  const lang = document.documentElement.lang || 'en';
  let counter = 0;

  function debounce(fn, ms) {
    let timer = 0;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function enhanceDate(input) {
    const output = document.getElementById(`${input.id}-words`);
    if (!output) return;
    let controller = null;
    const update = async () => {
      const value = input.value.trim();
      controller?.abort();
      if (!value) {
        output.replaceChildren();
        return;
      }
      controller = new AbortController();
      try {
        const res = await fetch(`/api/v1/dates?edtf=${encodeURIComponent(value)}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = await res.json();
        output.replaceChildren();
        if (!body.valid || !body.words) {
          output.textContent = input.dataset.invalid;
          output.classList.add('edtf-invalid');
          return;
        }
        output.classList.remove('edtf-invalid');
        const label = document.createElement('span');
        label.className = 'edtf-words-label';
        label.textContent = `${input.dataset.readsAs}:`;
        output.append(label, ' ');
        ['en', 'de', 'ru'].forEach((l, i) => {
          const span = document.createElement('span');
          span.lang = l;
          span.textContent = body.words[l];
          output.append(...(i > 0 ? [' · ', span] : [span]));
        });
      } catch {
        // Aborted by a newer keystroke, or offline: the preview after saving still comes.
      }
    };
    input.addEventListener('input', debounce(update, 250));
  }

  function enhanceLookup(number) {
    const type = number.dataset.lookup;
    const id = `lookup-${++counter}`;
    const wrap = document.createElement('div');
    wrap.className = 'lookup has-suggestions';
    const search = document.createElement('input');
    search.type = 'search';
    search.id = id;
    search.autocomplete = 'off';
    search.placeholder = number.dataset.lookupLabel;
    search.setAttribute('aria-label', `${number.dataset.lookupLabel}: ${number.labels?.[0]?.textContent ?? ''}`);
    search.setAttribute('role', 'combobox');
    search.setAttribute('aria-autocomplete', 'list');
    search.setAttribute('aria-expanded', 'false');
    search.setAttribute('aria-controls', `${id}-list`);
    const list = document.createElement('ul');
    list.id = `${id}-list`;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    wrap.append(search, list);
    // After the record's name, which follows the number: number, what it names, then the search.
    const name = document.getElementById(`${number.id}-name`);
    (name ?? number).insertAdjacentElement('afterend', wrap);

    let items = [];
    let active = -1;
    let controller = null;
    const close = () => {
      list.hidden = true;
      search.setAttribute('aria-expanded', 'false');
      search.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const choose = (r) => {
      number.value = String(r.id);
      const name = document.getElementById(`${number.id}-name`);
      if (name) {
        name.replaceChildren();
        const span = document.createElement('span');
        span.className = 'ref-name';
        span.textContent = r.label;
        name.append(span);
      }
      search.value = '';
      close();
      number.dispatchEvent(new Event('change', { bubbles: true }));
      number.focus();
    };
    const highlight = (i) => {
      const options = list.querySelectorAll('[role=option]');
      for (const [j, o] of options.entries()) o.setAttribute('aria-selected', String(j === i));
      active = i;
      if (options[i]) search.setAttribute('aria-activedescendant', options[i].id);
    };
    const render = () => {
      list.replaceChildren();
      items.forEach((r, i) => {
        const li = document.createElement('li');
        li.id = `${id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = `${r.label} (${r.id})`;
        if (r.detail) {
          const why = document.createElement('span');
          why.className = 'why';
          why.textContent = ` · ${r.detail}`;
          li.append(why);
        }
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(r);
        });
        list.append(li);
      });
      list.hidden = items.length === 0;
      search.setAttribute('aria-expanded', String(items.length > 0));
    };
    const load = async () => {
      const q = search.value.trim();
      controller?.abort();
      if (q.length < 2) {
        items = [];
        render();
        return;
      }
      controller = new AbortController();
      try {
        const res = await fetch(`/api/v1/lookup?type=${type}&q=${encodeURIComponent(q)}`, {
          signal: controller.signal,
          headers: { 'accept-language': lang },
        });
        if (!res.ok) return;
        items = (await res.json()).results;
        active = -1;
        render();
      } catch {
        // Aborted, or offline: the number can still be typed.
      }
    };
    search.addEventListener('input', debounce(load, 200));
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        // Enter chooses a suggestion; it never submits the form from this field.
        e.preventDefault();
        if (active >= 0 && items[active]) choose(items[active]);
        return;
      }
      if (list.hidden) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        highlight(Math.min(items.length - 1, active + 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        highlight(Math.max(0, active - 1));
      } else if (e.key === 'Escape') {
        close();
      }
    });
    search.addEventListener('blur', () => setTimeout(close, 100));
  }

  for (const input of document.querySelectorAll('input[data-edtf]')) enhanceDate(input);
  for (const input of document.querySelectorAll('input[data-lookup]')) enhanceLookup(input);
})();
