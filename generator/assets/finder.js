/* Kennisbank: the instrument finder (page instrumenten/, prepared by generator/finder.py).
 *
 * Every facet value comes with a bitset of the instruments that have it: bit i is the i-th card of the list.
 * A value's bitsets combine with OR within a facet and with AND across facets. The count beside a value is
 * the number of matches if that value were added, given the choices in the other facets. The choices live
 * in the URL query (?sector=mbo&doel=implementatie), so a filtered list can be bookmarked and shared.
 *
 * Cards are shown and hidden through their `hidden` attribute, touching only the cards whose state changed.
 * They come in blocks (finder.py's CHUNK) that skip rendering while out of view, as high meanwhile as
 * their matches times a card's usual height (--kb-card). A block stays displayed even without matches:
 * showing a hidden block again made Chromium lay out all its cards before the right ones were hidden. A change first brings the
 * blocks on screen up to date, just before the next frame is drawn, and the others in short slices after
 * it: with 10,000 cards, changing all of them at once took longer than a frame may. The list carries
 * aria-busy until every card is up to date.
 *
 * Plain ES2017, no libraries, no requests.
 */
(() => {
  "use strict";
  const form = document.getElementById("kb-finder-form");
  const data = document.getElementById("kb-finder-data");
  const list = document.getElementById("kb-finder-list");
  const status = document.getElementById("kb-finder-status");
  const reset = document.getElementById("kb-finder-reset");
  if (!form || !data || !list || !status || !reset) return;

  const config = JSON.parse(data.textContent);
  const size = config.size;
  const words = Math.ceil(size / 32);
  const chunkWords = config.chunk / 32;
  const cards = Array.from(list.querySelectorAll(".kb-card"));
  const chunks = Array.from(list.querySelectorAll(".kb-chunk"));
  const panel = form.querySelector("details");
  const active = form.querySelector(".kb-finder-active");
  const number = n => n.toLocaleString("nl-NL");
  const message = n => n === 0 ? "Geen instrumenten gevonden"
    : `${number(n)} ${n === 1 ? "instrument" : "instrumenten"} gevonden`;

  // Base64 of a little-endian bit array, padded to whole 32-bit words (finder.py's _bitset).
  const decode = encoded => {
    const raw = atob(encoded);
    const bits = new Uint32Array(words);
    for (let w = 0, b = 0; w < words; w++, b += 4) {
      bits[w] = (raw.charCodeAt(b) | raw.charCodeAt(b + 1) << 8 | raw.charCodeAt(b + 2) << 16
        | raw.charCodeAt(b + 3) << 24) >>> 0;
    }
    return bits;
  };
  const popcount = x => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  };

  // The facets as the page lists them; a checkbox without a bitset is left out.
  const facets = [];
  for (const fieldset of form.querySelectorAll("fieldset")) {
    const values = [];
    for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
      const encoded = (config.bits[box.name] || {})[box.value];
      if (!encoded) continue;
      const label = box.closest("label");
      values.push({box, label, count: label.querySelector(".kb-facet-count"), bits: decode(encoded), shown: -1});
    }
    if (values.length) facets.push({param: values[0].box.name, values});
  }
  const all = new Uint32Array(words).fill(0xffffffff);
  if (size % 32) all[words - 1] = ((1 << (size % 32)) - 1) >>> 0;

  // --- matching -------------------------------------------------------------------------------------

  // The OR of a facet's chosen values, or null when none is chosen (the facet does not filter).
  const chosen = facet => {
    let mask = null;
    for (const v of facet.values) {
      if (!v.box.checked) continue;
      if (mask === null) mask = v.bits.slice();
      else for (let w = 0; w < words; w++) mask[w] |= v.bits[w];
    }
    return mask;
  };
  const and = (masks, skip) => {
    const out = all.slice();
    masks.forEach((mask, f) => {
      if (mask !== null && f !== skip) for (let w = 0; w < words; w++) out[w] &= mask[w];
    });
    return out;
  };
  const showCounts = (masks, result) => {
    facets.forEach((facet, f) => {
      const others = masks[f] === null ? result : and(masks, f);
      for (const v of facet.values) {
        let n = 0;
        for (let w = 0; w < words; w++) n += popcount(others[w] & v.bits[w]);
        if (n === v.shown) continue;
        v.shown = n;
        v.count.textContent = `(${number(n)})`;
        v.label.classList.toggle("kb-zero", n === 0);
      }
    });
  };

  // --- the cards ------------------------------------------------------------------------------------

  let target = all.slice();  // the cards to show
  const shown = all.slice();  // the cards shown now (the HTML shows every card)
  const matchesIn = new Int32Array(chunks.length).fill(-1);
  const behind = new Set();  // blocks with a card still to show or hide
  let frameAsked = false;
  let sliceAsked = false;

  const bringUp = k => {
    for (let w = k * chunkWords; w < Math.min(words, (k + 1) * chunkWords); w++) {
      let changed = shown[w] ^ target[w];
      while (changed) {
        const low = changed & -changed;
        cards[w * 32 + 31 - Math.clz32(low)].hidden = (target[w] & low) === 0;
        changed ^= low;
      }
      shown[w] = target[w];
    }
    behind.delete(k);
  };
  const settled = () => {
    if (behind.size) return false;
    list.removeAttribute("aria-busy");
    window.removeEventListener("scroll", askFrame);
    return true;
  };
  // Just before a frame is drawn: the blocks within two screens of the viewport, more than the margin
  // within which the browser renders blocks ahead of time. Positions come from a layout the frame needs
  // anyway (all read first: one layout, not one per block); a block brought up changes height and moves
  // the blocks after it, so this repeats until no block nearby lags behind.
  const inView = () => {
    frameAsked = false;
    const low = -2 * window.innerHeight;
    const high = 3 * window.innerHeight;
    for (let round = 0; round < chunks.length && behind.size; round++) {
      const near = Array.from(behind).filter(k => {
        const box = chunks[k].getBoundingClientRect();
        return box.bottom >= low && box.top <= high;
      });
      if (!near.length) break;
      near.forEach(bringUp);
    }
    if (!settled() && !sliceAsked) {
      sliceAsked = true;
      setTimeout(slice, 100);  // after the frame and the few that may follow it (a scroll, another click)
    }
  };
  // A little after the frame: the rest, a few milliseconds at a time, so a click or a scroll never waits long.
  const slice = () => {
    sliceAsked = false;
    const end = performance.now() + 8;
    for (const k of behind) {
      bringUp(k);
      if (performance.now() > end) break;
    }
    if (!settled()) {
      sliceAsked = true;
      setTimeout(slice, 0);
    }
  };
  function askFrame() {
    if (frameAsked) return;
    frameAsked = true;
    requestAnimationFrame(inView);
  }
  const showCards = result => {
    target = result;
    for (let k = 0; k < chunks.length; k++) {
      let n = 0;
      let differs = false;
      for (let w = k * chunkWords; w < Math.min(words, (k + 1) * chunkWords); w++) {
        n += popcount(result[w]);
        differs = differs || shown[w] !== result[w];
      }
      if (differs) behind.add(k);
      else behind.delete(k);
      if (n === matchesIn[k]) continue;
      matchesIn[k] = n;
      chunks[k].style.containIntrinsicSize = `0 calc(${n} * var(--kb-card))`;
    }
    if (settled()) return;
    list.setAttribute("aria-busy", "true");
    window.addEventListener("scroll", askFrame, {passive: true});  // a block scrolled into view catches up first
    askFrame();
  };

  // --- the page -------------------------------------------------------------------------------------

  const update = () => {
    const masks = facets.map(chosen);
    const result = and(masks, -1);
    showCounts(masks, result);
    showCards(result);
    let n = 0;
    for (let w = 0; w < words; w++) n += popcount(result[w]);
    const text = message(n);
    if (status.textContent !== text) status.textContent = text;
    const picked = facets.reduce((sum, facet) => sum + facet.values.filter(v => v.box.checked).length, 0);
    active.textContent = picked ? ` (${picked} gekozen)` : "";
  };

  const writeUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const facet of facets) params.delete(facet.param);
    for (const facet of facets) {
      for (const v of facet.values) if (v.box.checked) params.append(facet.param, v.box.value);
    }
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
  };
  // The URL follows a quarter second after the last change: setting it makes Chromium re-resolve every
  // link on the page (25 ms with 10,000 cards), which should delay neither the list nor the next click.
  // Leaving the page (a card's link, another address) writes it at once, so Back returns to these choices.
  let urlTimer = 0;
  const laterWriteUrl = () => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(flushUrl, 250);
  };
  function flushUrl() {
    if (!urlTimer) return;
    clearTimeout(urlTimer);
    urlTimer = 0;
    writeUrl();
  }
  list.addEventListener("click", flushUrl, true);
  window.addEventListener("pagehide", flushUrl);
  // The choices in the URL; values the page does not know are ignored.
  const readUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const facet of facets) {
      const wanted = new Set(params.getAll(facet.param));
      for (const v of facet.values) v.box.checked = wanted.has(v.box.value);
    }
  };

  readUrl();
  update();
  form.addEventListener("change", () => { update(); laterWriteUrl(); });
  form.addEventListener("submit", event => event.preventDefault());
  reset.addEventListener("click", () => {
    for (const facet of facets) for (const v of facet.values) v.box.checked = false;
    update();
    laterWriteUrl();
  });
  // Wide screens show the filters beside the list; small ones fold them away, so the list comes first
  // (the panel's summary says how many are chosen).
  panel.open = window.matchMedia("(min-width: 60em)").matches;
  form.hidden = false;
  reset.hidden = false;
  form.parentElement.classList.add("kb-finder-on");
})();
