/* Kennisbank: the instrument finder (page instrumenten/, prepared by generator/site/finder.py).
 *
 * Every facet value comes with a bitset of the instruments that have it: bit i is the i-th card of the list.
 * A value's bitsets combine with OR within a facet and with AND across facets. The count beside a value is
 * the number of matches if that value were added, given the choices in the other facets. The choices live
 * in the URL query (?sector=mbo&doel=implementatie), so a filtered list can be bookmarked and shared.
 *
 * The HTML lists every card, for readers without JavaScript. This script takes the cards out of the page
 * and puts back the first matches only, a page (finder.py's PAGE) at a time: "Toon meer" adds the next.
 * Hiding cards instead, as this script once did, cost Chromium some 18 ms a change with 10,000 cards in
 * the page, however few it hid (2 ms with 1,000): every card skips its rendering while out of view
 * (content-visibility), and taking such an element out of the layout costs more the larger the page.
 * With only the shown cards in the page, a change costs about the same at 10,000 instruments as at 100.
 *
 * A text filter (?woord=; Material opens its own search for ?q=) narrows the list to the cards whose name
 * or line holds every word typed, as one more bitset; the order is "Meest passend" or A–Z on the name (?sorteer=az).
 * "Meest passend" follows the rules of the guide's "Begin hier" (generator/data/fit.py): the cards stand in
 * that order for a reader who chose nothing, and a chosen role filters the list, so it keeps that order. A
 * chosen sector filters too and raises the instruments with a positive experience in it (fit.good_in). A
 * chosen question (?vraag=) changes the score: its roles and sectors stand for the reader's when the reader
 * chose none, and equal scores keep the question's own order; fitOrder() ranks so.
 * When nothing matches, the line under the count names the one choice whose removal finds most, as a link.
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
  const more = document.getElementById("kb-finder-more");
  const tools = document.getElementById("kb-finder-tools");
  const wordsBox = document.getElementById("kb-finder-q");
  const sort = document.getElementById("kb-finder-sort");
  const advice = document.getElementById("kb-finder-advice");
  if (!form || !data || !list || !status || !reset || !more || !tools || !wordsBox || !sort || !advice) return;

  const config = JSON.parse(data.textContent);
  const size = config.size;
  const wordCount = Math.ceil(size / 32);
  const page = config.page;
  const cards = Array.from(list.querySelectorAll(".kb-card"));
  const az = config.az || [];  // card numbers in the order of their names
  const positionAz = new Int32Array(size);
  az.forEach((k, i) => { positionAz[k] = i; });
  let order = null;  // null: the cards' own order ("Meest passend"); else an array of card numbers
  let position = null;  // with an order: each card's place in it
  const setOrder = next => {
    order = next;
    if (next === az) position = positionAz;
    else if (next !== null) {
      position = new Int32Array(size).fill(size);
      next.forEach((k, i) => { position[k] = i; });
    } else position = null;
  };
  const shownNote = more.querySelector(".kb-finder-shown");
  const moreButton = more.querySelector("button");
  const panel = form.querySelector("details");
  const active = form.querySelector(".kb-finder-active");
  const extra = form.querySelector(".kb-finder-extra");  // "Meer filters": the facets readers choose by less
  const extraActive = extra && extra.querySelector(".kb-finder-extra-active");
  // One formatter for every count: toLocaleString("nl-NL") builds a new one each call, 25-50 us and garbage
  // for every count that changes.
  const dutch = new Intl.NumberFormat("nl-NL");
  const number = n => dutch.format(n);
  const message = n => n === 0 ? "Geen instrumenten gevonden"
    : `${number(n)} ${n === 1 ? "instrument" : "instrumenten"} gevonden`;

  // Base64 of a little-endian bit array, padded to whole 32-bit words (finder.py's _bitset).
  const decode = encoded => {
    const raw = atob(encoded);
    const bits = new Uint32Array(wordCount);
    for (let w = 0, b = 0; w < wordCount; w++, b += 4) {
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
    if (values.length) {
      const legend = fieldset.querySelector("legend");
      facets.push({param: values[0].box.name, values, legend: legend ? legend.textContent.trim() : ""});
    }
  }
  const all = new Uint32Array(wordCount).fill(0xffffffff);

  // --- "Meest passend" for a chosen question or sector (generator/data/fit.py's score and key) ---------
  const fitData = config.fit || {base: [], questions: {}, good: {}};
  const facetOf = param => facets.find(facet => facet.param === param);
  const has = (bits, k) => (bits[k >> 5] >>> (k & 31) & 1) === 1;
  // The values of the facet the reader chose, or else those the chosen questions name.
  const fitValues = (facet, asked, key) => {
    if (!facet) return [];
    const picked = facet.values.filter(v => v.box.checked);
    if (picked.length) return picked;
    const named = new Set([].concat(...asked.map(q => q[key])));
    return facet.values.filter(v => named.has(v.box.value));
  };
  // A positive experience with card k in one of `sectors` (in any, when none given): fit.good_in.
  const goodIn = (k, sectors) => {
    const good = (fitData.good || {})[k];
    return good !== undefined && (!good.length || !sectors.length || good.some(s => sectors.includes(s)));
  };
  // The cards best fit first: a chosen question's instruments, or with a sector chosen every card, since
  // a positive experience in that sector raises an instrument; null (the cards' own order) otherwise.
  const fitOrder = () => {
    const questionFacet = facetOf("vraag");
    const asked = questionFacet ? questionFacet.values.filter(v => v.box.checked)
      .map(v => fitData.questions[v.box.value]).filter(Boolean) : [];
    const sectorFacet = facetOf("sector");
    if (!asked.length && !(sectorFacet && sectorFacet.values.some(v => v.box.checked))) return null;
    const roles = fitValues(facetOf("rol"), asked, "roles").map(v => v.bits);
    const sectorValues = fitValues(sectorFacet, asked, "sectors");
    const sectors = sectorValues.map(v => v.bits);
    const sectorIds = sectorValues.map(v => v.box.value);
    const anySector = sectorFacet ? sectorFacet.values.map(v => v.bits) : [];
    const place = new Map();  // card -> its first place in a chosen question's list (0 for every card without one)
    if (asked.length) {
      for (const q of asked) q.cards.forEach((k, n) => { if (!place.has(k) || place.get(k) > n) place.set(k, n); });
    } else for (let k = 0; k < size; k++) place.set(k, 0);
    const ranked = [...place.keys()].map(k => ({k, place: place.get(k), score: fitData.base[k]
      + (roles.some(bits => has(bits, k)) ? fitData.role : 0)
      + (sectors.some(bits => has(bits, k)) || !anySector.some(bits => has(bits, k)) ? fitData.sector : 0)
      + (goodIn(k, sectorIds) ? fitData.experience : 0)}));
    ranked.sort((a, b) => b.score - a.score || a.place - b.place || positionAz[a.k] - positionAz[b.k]);
    return ranked.map(r => r.k);
  };
  const sameOrder = (a, b) => a === b || (a !== null && b !== null && a.length === b.length
    && a.every((k, i) => k === b[i]));
  if (size % 32) all[wordCount - 1] = ((1 << (size % 32)) - 1) >>> 0;

  // --- matching -------------------------------------------------------------------------------------

  // The text filter: each card's name, line and other words, lower case without accents, made at the first use.
  const fold = value => value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let haystacks = null;
  const words = () => fold(wordsBox.value).split(/\s+/).filter(Boolean);
  const textMask = () => {
    const wanted = words();
    if (!wanted.length) return null;
    if (haystacks === null) {
      haystacks = cards.map(card => fold([card.querySelector("h2").textContent,
        card.querySelector(".kb-card-helps").textContent, card.dataset.also || ""].join(" ")));
    }
    const mask = new Uint32Array(wordCount);
    for (let k = 0; k < size; k++) {
      if (wanted.every(w => haystacks[k].includes(w))) mask[k >> 5] |= 1 << (k & 31);
    }
    return mask;
  };

  // The OR of a facet's chosen values, or null when none is chosen (the facet does not filter).
  const chosen = facet => {
    let mask = null;
    for (const v of facet.values) {
      if (!v.box.checked) continue;
      if (mask === null) mask = v.bits.slice();
      else for (let w = 0; w < wordCount; w++) mask[w] |= v.bits[w];
    }
    return mask;
  };
  const and = (masks, skip) => {
    const out = all.slice();
    masks.forEach((mask, f) => {
      if (mask !== null && f !== skip) for (let w = 0; w < wordCount; w++) out[w] &= mask[w];
    });
    return out;
  };
  const showCounts = (masks, result) => {
    facets.forEach((facet, f) => {
      const others = masks[f] === null ? result : and(masks, f);
      for (const v of facet.values) {
        let n = 0;
        for (let w = 0; w < wordCount; w++) n += popcount(others[w] & v.bits[w]);
        if (n === v.shown) continue;
        v.shown = n;
        v.count.textContent = `(${number(n)})`;
        v.label.classList.toggle("kb-zero", n === 0);
      }
    });
  };

  // --- the cards ------------------------------------------------------------------------------------

  let result = all;  // the matches of the chosen values
  let found = size;  // how many
  let limit = page;  // how many of them the list shows at most

  // The matches ranked `from` up to `to` (counted from 0, in the order of the list), as card numbers.
  const matchesBetween = (from, to) => {
    const out = [];
    if (order !== null) {
      for (let i = 0, rank = 0; i < order.length && rank < to; i++) {
        const k = order[i];
        if (result[k >> 5] >>> (k & 31) & 1) {
          if (rank >= from) out.push(k);
          rank++;
        }
      }
      return out;
    }
    for (let w = 0, rank = 0; w < wordCount && rank < to; w++) {
      let bits = result[w];
      const n = popcount(bits);
      if (rank + n <= from) {
        rank += n;
        continue;
      }
      for (; bits && rank < to; rank++) {
        const low = bits & -bits;
        if (rank >= from) out.push(w * 32 + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return out;
  };
  // Below the list: how many of the matches it shows, and "Toon meer" while there are more.
  const showRest = () => {
    const rest = found - Math.min(found, limit);
    more.hidden = rest === 0;
    if (rest) shownNote.textContent = `Je ziet de eerste ${number(limit)} van ${number(found)} instrumenten.`;
  };
  // The list holds the cards numbered `next` (ascending) and nothing else. A card that stays is left in
  // place, so it keeps its layout: only cards new to the list and near the viewport are laid out.
  let inList = [];  // the numbers of the cards in the list, in the list's order
  const before = (a, b) => order === null ? a < b : position[a] < position[b];
  const showOnly = next => {
    let i = 0;
    for (const k of next) {
      while (i < inList.length && before(inList[i], k)) cards[inList[i++]].remove();
      if (i < inList.length && inList[i] === k) i++;
      else list.insertBefore(cards[k], i < inList.length ? cards[inList[i]] : null);
    }
    while (i < inList.length) cards[inList[i++]].remove();
    inList = next;
  };
  const showFirst = () => {
    showOnly(matchesBetween(0, limit));
    showRest();
  };
  // The next page of matches; the keyboard focus goes to the first of them, where reading goes on.
  const showMore = () => {
    const next = matchesBetween(limit, limit + page);
    limit += page;
    list.append(...next.map(k => cards[k]));
    inList = inList.concat(next);
    showRest();
    if (next.length) cards[next[0]].querySelector("a").focus();
  };

  // --- the page -------------------------------------------------------------------------------------

  // Apply the checked boxes: matches, counts, the list (its first `shown` matches) and the live region.
  const count = mask => {
    let n = 0;
    for (let w = 0; w < wordCount; w++) n += popcount(mask[w]);
    return n;
  };
  // With no matches: the one choice (a facet's values, or the words) whose removal finds most, as a link.
  const showAdvice = masks => {
    let best = null;
    masks.forEach((mask, f) => {
      if (mask === null) return;
      const n = count(and(masks, f));
      if (n > 0 && (best === null || n > best.n)) best = {f, n};
    });
    advice.textContent = "";
    if (best === null) return;
    const facet = facets[best.f];
    const params = new URLSearchParams(location.search);
    let what;
    if (facet) {
      params.delete(facet.param);
      const labels = facet.values.filter(v => v.box.checked)
        .map(v => v.label.querySelector(".kb-facet-label").firstChild.textContent.trim());
      what = labels.map(l => `‘${l}’`).join(" en ");
    } else {
      params.delete("woord");
      what = `het woord ‘${wordsBox.value.trim()}’`;
    }
    const link = document.createElement("a");
    const rest = params.toString();
    link.href = location.pathname + (rest ? `?${rest}` : "");
    link.textContent = `Haal ${what} weg: dan vind je ${message(best.n).replace(" gevonden", "")}.`;
    link.dataset.facet = String(best.f);
    advice.append(link);
  };

  const update = (shown = page) => {
    const next = sort.value === "az" ? az : fitOrder();
    if (!sameOrder(next, order)) {
      setOrder(next);
      showOnly([]);  // the kept cards stand in another order: start the list afresh
    }
    const masks = facets.map(chosen);
    masks.push(textMask());  // the words typed, one more mask after the facets'
    result = and(masks, -1);
    found = count(result);
    showCounts(masks, result);
    if (found === 0) showAdvice(masks);
    else if (advice.firstChild) advice.textContent = "";
    limit = shown;
    showFirst();
    const text = message(found);
    if (status.textContent !== text) status.textContent = text;
    const picked = facets.reduce((sum, facet) => sum + facet.values.filter(v => v.box.checked).length, 0);
    active.textContent = picked ? ` (${picked} gekozen)` : "";
    reset.hidden = picked === 0 && !words().length;  // "Wis filters" only when there is something to clear
    if (extra) {
      const inExtra = extra.querySelectorAll("input[type=checkbox]:checked").length;
      extraActive.textContent = inExtra ? ` (${inExtra} gekozen)` : "";
    }
  };

  const writeUrl = () => {
    const params = new URLSearchParams(location.search);
    for (const facet of facets) params.delete(facet.param);
    params.delete("woord");
    params.delete("sorteer");
    for (const facet of facets) {
      for (const v of facet.values) if (v.box.checked) params.append(facet.param, v.box.value);
    }
    if (wordsBox.value.trim()) params.set("woord", wordsBox.value.trim());
    if (sort.value) params.set("sorteer", sort.value);
    const query = params.toString();
    // How many matches are shown goes into the history entry, not the URL: a reload or Back shows as many
    // again, a shared link starts with the first page.
    const state = Object.assign({}, history.state, {kbFinderShown: limit});
    history.replaceState(state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
  };
  // The URL follows a quarter second after the last change: setting it makes Chromium re-resolve every
  // link on the page, which should delay neither the list nor the next click.
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
    wordsBox.value = params.get("woord") || "";
    sort.value = params.get("sorteer") === "az" ? "az" : "";
  };

  // How many matches were shown when the reader was last here (writeUrl), at least a page.
  const shownBefore = () => {
    const shown = history.state && history.state.kbFinderShown;
    return Number.isInteger(shown) && shown > page ? shown : page;
  };

  readUrl();
  list.textContent = "";  // the blocks of the page without JavaScript, with every card
  update(shownBefore());
  form.addEventListener("change", () => { update(); laterWriteUrl(); });
  wordsBox.addEventListener("input", () => { update(); laterWriteUrl(); });
  wordsBox.addEventListener("keydown", event => { if (event.key === "Enter") event.preventDefault(); });
  sort.addEventListener("change", () => {
    update(limit);
    laterWriteUrl();
  });
  advice.addEventListener("click", event => {
    const link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    const facet = facets[Number(link.dataset.facet)];
    if (facet) for (const v of facet.values) v.box.checked = false;
    else wordsBox.value = "";
    update();
    laterWriteUrl();
    status.focus();
  });
  form.addEventListener("submit", event => event.preventDefault());
  // "Toon meer" writes the history entry at once, so a reload right after keeps it: in Chromium a history
  // entry written on pagehide does not survive a reload.
  moreButton.addEventListener("click", () => {
    showMore();
    clearTimeout(urlTimer);
    urlTimer = 0;
    writeUrl();
  });
  reset.addEventListener("click", () => {
    for (const facet of facets) for (const v of facet.values) v.box.checked = false;
    wordsBox.value = "";
    update();
    laterWriteUrl();
    panel.querySelector("summary").focus();  // the button hid itself; reading goes on at the filters
  });
  // Wide screens show the filters beside the list; small ones fold them away, so the list comes first
  // (the panel's summary says how many are chosen).
  panel.open = window.matchMedia("(min-width: 60em)").matches;
  // A choice behind "Meer filters" (from a shared link or a context page) opens it, so the reader sees it.
  if (extra && extra.querySelector("input[type=checkbox]:checked")) extra.open = true;
  form.hidden = false;
  tools.hidden = false;
  form.parentElement.classList.add("kb-finder-on");
})();
