/* Kennisbank: search in the header, over the Pagefind index made after every build (generator/searchindex.py).
 *
 * The index is fetched in parts when the reader turns to the search box (a click, a tap on the magnifier, or
 * the keys /, s or f), never on a page that is only read. Results are grouped by page, each with the
 * headings on it that match; every piece of text is put in as text, never as markup. A query of several words
 * lists the pages with all of them first, then those with most of them. A page opened with ?q= in its address
 * (a shared search) opens with that search. Keyboard: arrow keys move through the results, Escape closes.
 */
(() => {
  "use strict";
  const box = document.querySelector("[data-kb-search]");
  if (!box) return;
  const root = new URL(box.dataset.root || "./", window.location.href);
  const panel = box.querySelector(".kb-search__panel");
  const opener = box.querySelector(".kb-search__open");
  const form = box.querySelector(".kb-search__form");
  const input = box.querySelector(".kb-search__input");
  const status = box.querySelector(".kb-search__status");
  const list = box.querySelector(".kb-search__list");
  const more = box.querySelector(".kb-search__more");
  const closer = box.querySelector(".kb-search__close");
  const PAGE = 10;  // results shown at a time
  const SECTIONS = 3;  // matching headings shown per page

  panel.hidden = false;
  opener.hidden = false;
  box.classList.add("kb-search--ready");

  // A query that is a whole name of a role, sector or purpose, or a synonym (generator/searchindex.py, NAMES),
  // lists that page first. Compared as generator/searchwords.py's normal() does.
  const normal = text => {
    const words = text.match(/[\p{L}\p{M}]+/gu) || [];
    const kept = words.length > 1 ? words.filter(w => w.length > 3 || w !== w.toLowerCase()) : words;
    return (kept.length ? kept : words).join(" ").toLowerCase();
  };
  let names = {};
  let engine = null;
  const load = () => {
    if (!engine) {
      const json = (file, empty) => fetch(new URL(`pagefind/${file}`, root))
        .then(r => (r.ok ? r.json() : empty)).catch(() => empty);
      // Fetched beside Pagefind's script: the names, and the other bundles of a large site's index
      // (generator/adapters/pagefind/searchindex.py), merged as soon as Pagefind runs, so the reader sees one list.
      const extra = Promise.all([json("kb-names.json", {}), json("kb-bundles.json", [])]);
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async pagefind => {
        const options = { baseUrl: root.pathname, excerptLength: 22 };
        await pagefind.options(options);
        const [fetched, bundles] = await extra;
        names = fetched;
        await Promise.all([pagefind.init(), ...bundles.filter(b => typeof b === "string" && /^[a-z0-9-]+\/$/.test(b))
          .map(b => pagefind.mergeIndex(new URL(`pagefind/${b}`, root).pathname, options))]);
        return pagefind;
      });
      engine.catch(() => { engine = null; });
    }
    return engine;
  };

  // Pagefind's excerpts are text with its characters escaped; decoded here by hand, never parsed as HTML.
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
  const decode = html => html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  /** Pagefind's excerpt (escaped text with <mark> around the matching words) as text nodes and <mark>s. */
  const excerpt = html => {
    const out = document.createDocumentFragment();
    html.split(/(<mark>|<\/mark>)/).reduce((marked, piece) => {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      const text = document.createTextNode(decode(piece));
      if (marked) {
        const mark = document.createElement("mark");
        mark.append(text);
        out.append(mark);
      } else {
        out.append(text);
      }
      return marked;
    }, false);
    return out;
  };
  const element = (tag, className, ...children) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.append(...children);
    return el;
  };
  const link = (href, className, ...children) => {
    const a = element("a", className, ...children);
    a.href = new URL(href, window.location.href).href;
    return a;
  };

  const render = data => {
    const title = data.meta && data.meta.title ? data.meta.title : data.url;
    const sections = (data.sub_results || [])
      .filter(s => s.url !== data.url && s.url.includes("#") && s.title !== title)
      .slice(0, SECTIONS);
    // The page's excerpt, unless a heading below shows the same text.
    const own = sections.some(s => s.excerpt === data.excerpt) ? "" : data.excerpt || "";
    const item = element("li", "kb-search__result",
      link(data.url, "kb-search__page", element("span", "kb-search__title", title),
           element("span", "kb-search__excerpt", excerpt(own))));
    if (sections.length) {
      item.append(element("ul", "kb-search__sections", ...sections.map(s =>
        element("li", "", link(s.url, "kb-search__section", element("span", "kb-search__heading", s.title),
                                element("span", "kb-search__excerpt", excerpt(s.excerpt || "")))))));
    }
    return item;
  };

  /** Pages with every word of the query first (Pagefind's own answer), then those with most of its words. */
  const find = async (pagefind, query) => {
    const answer = await pagefind.debouncedSearch(query, {}, 40);  // null: a later keystroke took over
    if (answer === null) return null;
    let all = answer.results;
    const named = names[normal(query)];
    if (named) {
      const url = new URL(named[0].replace(/^\//, ""), root).pathname;
      const pinned = { id: `named:${url}`, score: Infinity, data: async () => ({ url, meta: { title: named[1] }, excerpt: "", sub_results: [] }) };
      all = [pinned, ...all];
      pinnedUrl = url;
    } else {
      pinnedUrl = "";
    }
    const words = query.split(/\s+/).filter(Boolean);
    if (words.length < 2) return all;
    const seen = new Set(all.map(r => r.id));
    const hits = new Map();
    for (const found of await Promise.all(words.map(w => pagefind.search(w)))) {
      for (const r of found.results) {
        if (seen.has(r.id)) continue;
        const hit = hits.get(r.id) || { result: r, words: 0, score: 0 };
        hit.words += 1;
        hit.score = Math.max(hit.score, r.score);
        hits.set(r.id, hit);
      }
    }
    const some = [...hits.values()].sort((a, b) => b.words - a.words || b.score - a.score).map(h => h.result);
    return all.concat(some);
  };

  let asked = 0;
  let pinnedUrl = "";
  let results = [];
  let shown = 0;
  const showMore = async () => {
    const mine = asked;
    const next = results.slice(shown, shown + PAGE);
    let data = await Promise.all(next.map(r => r.data()));
    if (mine !== asked) return;
    data = data.filter((d, i) => !(d.url === pinnedUrl && !next[i].id.startsWith("named:")));
    if (shown === 0) {  // a page whose title is the whole query comes first (after a named page)
      const query = normal(input.value);
      const exact = d => (d.url === pinnedUrl || normal((d.meta || {}).title || "") === query ? 0 : 1);
      data = data.map((d, i) => [exact(d), i, d]).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(x => x[2]);
    }
    list.append(...data.map(render));
    shown += next.length;
    more.hidden = shown >= results.length;
  };
  const search = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      box.classList.remove("kb-search--results");
      return;
    }
    let pagefind;
    try {
      pagefind = await load();
    } catch (err) {
      status.textContent = "Zoeken lukt nu niet: de zoekindex kon niet worden geladen.";
      return;
    }
    const found = await find(pagefind, query);
    if (found === null || mine !== asked) return;
    results = found;
    shown = 0;
    list.replaceChildren();
    box.classList.add("kb-search--results");
    await showMore();
    if (mine !== asked) return;
    status.textContent = found.length === 0
      ? `Geen resultaten voor ‘${query}’. Probeer een ander woord, of kijk bij de rollen, sectoren en doelen.`
      : `${found.length} ${found.length === 1 ? "pagina" : "pagina's"} gevonden voor ‘${query}’.`;
  };

  const open = () => {
    box.classList.add("kb-search--open");
    opener.setAttribute("aria-expanded", "true");
    load().catch(() => {});
  };
  const close = () => {
    box.classList.remove("kb-search--open", "kb-search--results");
    opener.setAttribute("aria-expanded", "false");
  };

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  opener.addEventListener("click", () => { open(); input.focus(); });
  closer.addEventListener("click", () => { close(); opener.focus(); });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", event => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  const links = () => [...list.querySelectorAll("a")];
  box.addEventListener("keydown", event => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.blur();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    if (!all.length) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown") all[Math.min(at + 1, all.length - 1)].focus();
    else if (at <= 0) input.focus();
    else all[at - 1].focus();
  });
  document.addEventListener("click", event => {
    if (!box.contains(event.target)) close();
  });
  // The theme's keys to the search box: "/", "s" and "f", wherever the reader is not typing.
  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey || !["/", "s", "f", "S", "F"].includes(event.key)) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    open();
    input.focus();
    input.select();
  }, true);

  const shared = new URLSearchParams(window.location.search).get("q");
  if (shared) {
    input.value = shared;
    open();
    search();
  }
})();
