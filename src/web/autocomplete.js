// Name suggestions while typing, for search fields marked data-autocomplete. An enhancement only:
// without JavaScript the form submits to the search page as usual. Follows the ARIA combobox
// pattern (listbox popup, arrow keys, Enter, Escape).
(() => {
  const lang = document.documentElement.lang || 'en';
  let counter = 0;

  function enhance(input) {
    const list = document.createElement('ul');
    const id = `suggestions-${++counter}`;
    list.id = id;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    input.parentElement.classList.add('has-suggestions');
    input.insertAdjacentElement('afterend', list);

    let active = -1;
    let timer = 0;
    let controller = null;
    let items = [];

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (i) => {
      const options = list.querySelectorAll('[role=option]');
      for (const [j, o] of options.entries()) o.setAttribute('aria-selected', String(j === i));
      active = i;
      if (options[i]) input.setAttribute('aria-activedescendant', options[i].id);
    };
    const render = () => {
      list.replaceChildren();
      items.forEach((r, i) => {
        const li = document.createElement('li');
        li.id = `${id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const name = document.createElement('span');
        name.textContent = r.sortName;
        li.append(name);
        if (r.matched && r.matched.name !== r.name) {
          const why = document.createElement('span');
          why.className = 'why';
          why.textContent = ` · ${r.matched.name}`;
          li.append(why);
        }
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          window.location.href = `/${lang}/persons/${r.id}`;
        });
        list.append(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
    };
    const load = async () => {
      const q = input.value.trim();
      if (q.length < 2) {
        items = [];
        render();
        return;
      }
      controller?.abort();
      controller = new AbortController();
      try {
        const res = await fetch(`/api/v1/persons?limit=8&q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!res.ok) return;
        items = (await res.json()).results;
        active = -1;
        render();
      } catch {
        // Aborted by a newer keystroke, or offline: the plain form still works.
      }
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        highlight(Math.min(items.length - 1, active + 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        highlight(Math.max(0, active - 1));
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        window.location.href = `/${lang}/persons/${items[active].id}`;
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 100));
  }

  for (const input of document.querySelectorAll('input[data-autocomplete]')) enhance(input);
})();
