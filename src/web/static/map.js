// Pans, zooms and opens popups on the maps the server drew (src/maps/map.views.tsx). Without this
// script a map is a still picture with the same facts listed beside it.
(() => {
  const CLUSTER_PIXELS = 28;
  /** Marks of a search map named beside them, the largest first (as the server names them). */
  const NAMED = 8;
  /** Pixels a character of a mark's name takes, about (as on the server). */
  const CHAR_PIXELS = 6.7;
  const SVG = 'http://www.w3.org/2000/svg';

  function radiusFor(n) {
    return Math.round((8 + 4 * Math.log10(1 + n)) * 10) / 10;
  }

  function compact(n, lang) {
    return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  }

  function setup(figure) {
    const svg = figure.querySelector('svg.map-svg');
    const frame = figure.querySelector('.map-frame');
    if (!svg || !frame || figure.dataset.ready) return;
    figure.dataset.ready = '1';
    const lang = document.documentElement.lang || 'en';
    // The numbers as the server wrote them: read back from viewBox.baseVal they are rounded to floats.
    const homeAttribute = svg.getAttribute('viewBox') || '0 0 1 1';
    const [hx, hy, hw, hh] = homeAttribute.split(/\s+/).map(Number);
    const home = { x: hx, y: hy, width: hw, height: hh };
    const view = { ...home };
    const marks = svg.querySelector('.map-marks');
    const labels = { in: '+', out: '−', reset: '⟲' };
    const text = JSON.parse(figure.dataset.labels || '{}');
    const pointsScript = document.getElementById(`${figure.id}-points`);
    const points = pointsScript ? JSON.parse(pointsScript.textContent || '[]') : null;

    /** Projected units per pixel of the map as laid out now. */
    const perPixel = () => view.width / Math.max(120, svg.getBoundingClientRect().width || 480);

    function scaleMarks() {
      const k = perPixel().toPrecision(4);
      for (const g of marks.querySelectorAll('.mark')) {
        const t = g.getAttribute('transform') || '';
        g.setAttribute('transform', t.replace(/scale\([^)]*\)/, `scale(${k})`));
      }
      fitNames();
    }

    /**
     * Keeps each mark's name inside the map as laid out now (names keep their size in pixels
     * while the map takes the page's width): on the side of its mark with room for it, the right
     * if both have, shortened with an ellipsis to the wider side when neither has (the mark's
     * title and the list beside the map give it whole).
     */
    function fitNames() {
      const bounds = svg.getBoundingClientRect();
      if (bounds.width === 0) return;
      for (const name of marks.querySelectorAll('.mark-name')) {
        const full = name.dataset.full ?? name.textContent ?? '';
        name.dataset.full = full;
        name.textContent = full;
        const circle = name.parentNode.querySelector('circle');
        if (!circle) continue;
        const mark = circle.getBoundingClientRect();
        const right = bounds.right - mark.right - 3;
        const left = mark.left - bounds.left - 3;
        const width = name.getBoundingClientRect().width;
        const side = width <= right || right >= left ? 'right' : 'left';
        const offset = Number(circle.getAttribute('r')) + 3;
        name.setAttribute('x', String(side === 'left' ? -offset : offset));
        name.setAttribute('text-anchor', side === 'left' ? 'end' : 'start');
        const room = side === 'left' ? left : right;
        if (width > room) {
          const chars = Math.floor((full.length * room) / width) - 1;
          name.textContent = chars >= 3 ? `${full.slice(0, chars).trimEnd()}…` : '';
        }
      }
    }

    /**
     * Names the largest marks as the server does (map.views.tsx): left of marks in the right third
     * of the view, and none whose name would run into one already written.
     */
    function nameClusters(clusters, k) {
      const taken = [];
      for (const c of [...clusters].sort((a, b) => b.n - a.n).slice(0, NAMED)) {
        const side = c.x > view.x + view.width * 0.66 ? 'left' : 'right';
        const width = (c.members[0].title.length * CHAR_PIXELS + radiusFor(c.n) + 3) * k;
        const box = {
          x0: side === 'right' ? c.x : c.x - width,
          x1: side === 'right' ? c.x + width : c.x,
          y0: c.y - 7 * k,
          y1: c.y + 7 * k,
        };
        if (taken.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
        taken.push(box);
        c.named = side;
      }
    }

    /** Gathers the places into marks again for the current zoom, as the server did for the first view. */
    function recluster() {
      if (!points) return;
      const distance = CLUSTER_PIXELS * perPixel();
      const sorted = [...points].sort((a, b) => b.n - a.n);
      const clusters = [];
      for (const p of sorted) {
        const near = clusters.find((c) => Math.hypot(c.x - p.x, c.y - p.y) <= distance);
        if (near) {
          near.n += p.n;
          near.members.push(p);
        } else clusters.push({ x: p.x, y: p.y, n: p.n, members: [p] });
      }
      const k = perPixel().toPrecision(4);
      nameClusters(clusters, Number(k));
      marks.replaceChildren(
        ...clusters.map((c) => {
          const g = document.createElementNS(SVG, 'g');
          g.setAttribute('class', 'mark mark-cluster');
          g.setAttribute('transform', `translate(${c.x} ${c.y}) scale(${k})`);
          g.dataset.rows = c.members.map((m) => m.row).join(' ');
          const title = document.createElementNS(SVG, 'title');
          const names = c.members.map((m) => m.title);
          title.textContent = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ' …' : ''}: ${c.n.toLocaleString(lang)}`;
          const circle = document.createElementNS(SVG, 'circle');
          circle.setAttribute('r', String(radiusFor(c.n)));
          const label = document.createElementNS(SVG, 'text');
          label.setAttribute('class', 'mark-label');
          label.setAttribute('dy', '0.35em');
          label.textContent = compact(c.n, lang);
          label.setAttribute('font-size', label.textContent.length > 2 ? '8' : '10');
          g.append(title, circle, label);
          if (c.named) {
            const name = document.createElementNS(SVG, 'text');
            name.setAttribute('class', 'mark-name');
            const offset = radiusFor(c.n) + 3;
            name.setAttribute('x', String(c.named === 'left' ? -offset : offset));
            name.setAttribute('text-anchor', c.named === 'left' ? 'end' : 'start');
            name.setAttribute('dy', '0.35em');
            name.textContent = c.members[0].title;
            g.append(name);
          }
          return g;
        }),
      );
      fitNames();
    }

    function apply() {
      svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
      scaleMarks();
    }

    let reclusterTimer = 0;
    function zoom(factor, cx, cy) {
      const width = Math.min(home.width * 4, Math.max(home.width / 64, view.width * factor));
      const f = width / view.width;
      const px = cx ?? view.x + view.width / 2;
      const py = cy ?? view.y + view.height / 2;
      view.x = px - (px - view.x) * f;
      view.y = py - (py - view.y) * f;
      view.width *= f;
      view.height *= f;
      apply();
      clearTimeout(reclusterTimer);
      reclusterTimer = setTimeout(recluster, 120);
    }

    /** The map point under a pointer event. */
    function at(event) {
      const r = svg.getBoundingClientRect();
      const scale = Math.max(view.width / r.width, view.height / r.height);
      const ox = (r.width - view.width / scale) / 2;
      const oy = (r.height - view.height / scale) / 2;
      return [view.x + (event.clientX - r.left - ox) * scale, view.y + (event.clientY - r.top - oy) * scale, scale];
    }

    const controls = document.createElement('div');
    controls.className = 'map-controls';
    for (const [key, action] of [
      ['in', () => zoom(1 / 1.6)],
      ['out', () => zoom(1.6)],
      [
        'reset',
        () => {
          Object.assign(view, home);
          apply();
          recluster();
        },
      ],
    ]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = labels[key];
      button.setAttribute('aria-label', text[key] || key);
      button.title = text[key] || key;
      button.addEventListener('click', action);
      controls.append(button);
    }
    frame.append(controls);
    scaleMarks();
    recluster();
    window.addEventListener('resize', () => {
      clearTimeout(reclusterTimer);
      reclusterTimer = setTimeout(() => {
        scaleMarks();
        recluster();
      }, 150);
    });

    svg.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const [x, y] = at(event);
        zoom(event.deltaY > 0 ? 1.25 : 0.8, x, y);
      },
      { passive: false },
    );

    const pointers = new Map();
    let moved = 0;
    // What was pressed: the capture below makes the svg the target of the click that follows.
    let pressed = null;
    svg.addEventListener('pointerdown', (event) => {
      pressed = event.target;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      moved = 0;
      svg.setPointerCapture(event.pointerId);
      svg.classList.add('dragging');
    });
    svg.addEventListener('pointermove', (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      const scale = at(event)[2];
      if (pointers.size === 1) {
        view.x -= (event.clientX - last.x) * scale;
        view.y -= (event.clientY - last.y) * scale;
        moved += Math.abs(event.clientX - last.x) + Math.abs(event.clientY - last.y);
        apply();
      } else if (pointers.size === 2) {
        const other = [...pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
        if (other) {
          const before = Math.hypot(last.x - other.x, last.y - other.y);
          const after = Math.hypot(event.clientX - other.x, event.clientY - other.y);
          if (before > 0 && after > 0) zoom(before / after);
          moved += 10;
        }
      }
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    });
    const release = (event) => {
      pointers.delete(event.pointerId);
      if (pointers.size === 0) svg.classList.remove('dragging');
    };
    svg.addEventListener('pointerup', release);
    svg.addEventListener('pointercancel', release);

    let popup = null;
    function closePopup() {
      popup?.remove();
      popup = null;
      for (const el of document.querySelectorAll('.highlight')) el.classList.remove('highlight');
    }
    svg.addEventListener('click', (event) => {
      if (moved > 6) return;
      const mark = (pressed ?? event.target).closest?.('.mark');
      if (!mark?.dataset.rows) return;
      closePopup();
      const rows = mark.dataset.rows.split(' ').filter(Boolean);
      popup = document.createElement('div');
      popup.className = 'map-popup';
      popup.setAttribute('role', 'dialog');
      popup.setAttribute('aria-label', mark.querySelector('title')?.textContent || '');
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'popup-close';
      close.textContent = '×';
      close.setAttribute('aria-label', text.close || 'Close');
      close.addEventListener('click', closePopup);
      const list = document.createElement('ul');
      for (const id of rows.slice(0, 12)) {
        const row = document.getElementById(id);
        if (!row) continue;
        row.classList.add('highlight');
        const item = document.createElement('li');
        item.innerHTML = row.innerHTML;
        for (const el of item.querySelectorAll('[id]')) el.removeAttribute('id');
        list.append(item);
      }
      if (rows.length > 12) {
        const more = document.createElement('li');
        more.textContent = `… ${rows.length - 12}`;
        list.append(more);
      }
      popup.append(close, list);
      frame.append(popup);
      close.focus();
    });
    figure.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') closePopup();
    });
  }

  function start() {
    for (const figure of document.querySelectorAll('figure[data-map]')) setup(figure);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
