/* Kennisbank: the self-scan (pages zelfscan/<profiel>/, prepared by generator/site/scan.py).
 *
 * The page holds the scan as a form of fieldsets, one per item, and the items' data as JSON
 * (#kb-scan-data). Without this script the form is a checklist to print. With it the form becomes a
 * scan of one area at a time on a wide screen and one item at a time on a phone; the answers are kept
 * in the browser's local storage (one key per profile) until the reader clears them; the result shows a
 * bar per area (drawn as generator/site/svg.py's bar_chart draws it), its data table, the strongest items,
 * the growth items with links onward, and can be printed, downloaded as a small JSON file and loaded
 * again. The team view reads several such files chosen by the reader. Nothing is sent anywhere: no
 * requests, no cookies. Every text from the data or from a file is set with textContent, never as markup.
 *
 * Plain ES2017, no libraries.
 */
(() => {
  "use strict";
  const form = document.getElementById("kb-scan");
  const source = document.getElementById("kb-scan-data");
  if (!form || !source) return;
  const data = JSON.parse(source.textContent);
  const FORMAT = "kennisbank-zelfscan";
  const KEY = `${FORMAT}:${data.profile}`;
  const MAX_FILE = 100000; // bytes; an answers file is well under 2 kB
  const $ = (id) => document.getElementById(id);
  const scale = data.scale;
  const label = new Map(scale.map((s) => [s.value, s.label]));
  const points = new Map(scale.map((s) => [s.value, s.points]));
  const TOP = Math.max(...scale.map((s) => s.points || 0));
  const items = [];
  data.areas.forEach((area) => area.items.forEach((item) => items.push(Object.assign({ area }, item))));
  const byKey = new Map(items.map((item) => [item.key, item]));
  let answers = {};
  let saved = "";

  // --- the chart: generator/site/svg.py's bar_chart, the same geometry and classes ---------------------------
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = 13, EM = 0.58, NARROW = 340;
  const fits = (size = FONT, width = NARROW) => Math.max(Math.floor(width / (size * EM)), 4);
  function shorten(value, limit) {
    value = value.split(/\s+/).filter(Boolean).join(" ");
    if (value.length <= limit) return value;
    let cut = value.slice(0, limit - 1);
    const space = cut.lastIndexOf(" ");
    const atWord = space >= 0 ? cut.slice(0, space) : cut;
    if (atWord.length >= 0.6 * limit) cut = atWord;
    return cut.replace(/[ ,;:.\-–]+$/, "") + "…";
  }
  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach((k) => el.setAttribute(k, String(attrs[k])));
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function svgLabel(x, y, value, css, full) {
    const t = svgEl("text", { x, y, class: css });
    if (full && full !== value) t.appendChild(svgEl("title", {}, full));
    t.appendChild(document.createTextNode(value));
    return t;
  }
  function barChart(ident, title, bars, top) {
    const row = 42, barH = 14, room = 44;
    top = top || Math.max(0, ...bars.map((b) => b[1])) || 1;
    const height = Math.max(bars.length, 1) * row;
    const svg = svgEl("svg", { id: ident, class: "kb-chart kb-bars", role: "img", "aria-label": title,
      viewBox: `0 0 ${NARROW} ${height}`, width: NARROW, height, "font-size": FONT });
    svg.appendChild(svgEl("title", {}, title));
    bars.forEach(([name, value], i) => {
      const y = i * row;
      svg.appendChild(svgLabel(2, y + FONT + 2, shorten(name, fits()), "kb-chart-label", name)); // 2: as svg.py
      const w = Math.round((NARROW - room) * value / top);
      if (w) svg.appendChild(svgEl("rect", { x: 0, y: y + FONT + 8, width: w, height: barH, rx: 2, class: "kb-fill" }));
      svg.appendChild(svgLabel(w + 6, y + FONT + 8 + barH - 2, String(value), "kb-chart-value"));
    });
    return svg;
  }

  // --- small DOM helpers -------------------------------------------------------------------------------
  function el(name, text, cls) {
    const node = document.createElement(name);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function link(l, text) {
    const a = el("a", text || l.title);
    a.setAttribute("href", l.href);
    return a;
  }
  function say(id, message) { $(id).textContent = message; }
  const today = () => new Date().toISOString().slice(0, 10);
  function longDate(iso) {
    const d = new Date(`${iso}T12:00:00`);
    return isNaN(d) ? iso : d.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  }

  // --- answers: the file format, local storage --------------------------------------------------------
  function parse(object) {
    if (!object || typeof object !== "object" || object.format !== FORMAT) {
      throw new Error("dit is geen antwoordbestand van de zelfscan.");
    }
    if (object.profile !== data.profile) {
      throw new Error(`dit bestand hoort bij een andere zelfscan (${String(object.profile).slice(0, 60)}).`);
    }
    const given = object.answers && typeof object.answers === "object" ? object.answers : {};
    const out = {};
    Object.keys(given).forEach((k) => {
      if (byKey.has(k) && label.has(given[k])) out[k] = given[k];
    });
    const date = /^\d{4}-\d{2}-\d{2}$/.test(object.date) ? object.date : "";
    return { answers: out, date };
  }
  function record() { return { format: FORMAT, version: 1, profile: data.profile, date: saved || today(), answers }; }
  function store() {
    saved = today();
    try { localStorage.setItem(KEY, JSON.stringify(record())); } catch (e) { /* storage off: the scan still works */ }
  }
  function restore() {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return false;
      const got = parse(JSON.parse(raw));
      answers = got.answers;
      saved = got.date;
      return true;
    } catch (e) { return false; }
  }
  function showAnswers() {
    form.querySelectorAll("input[type=radio]").forEach((input) => { input.checked = answers[input.name] === input.value; });
  }
  const answered = () => items.filter((i) => answers[i.key] !== undefined).length;

  // --- the steps: an area at a time on a wide screen, an item at a time on a phone ----------------------
  const phone = window.matchMedia("(max-width: 44.9375em)");
  const sections = Array.from(form.querySelectorAll(".kb-scan-area"));
  const fieldsets = Array.from(form.querySelectorAll(".kb-scan-item"));
  let step = 0;
  const steps = () => (phone.matches ? fieldsets : sections);
  function show(focus) {
    const list = steps();
    step = Math.min(Math.max(step, 0), list.length - 1);
    const current = list[step];
    const area = phone.matches ? current.closest(".kb-scan-area") : current;
    sections.forEach((s) => { s.hidden = s !== area; });
    fieldsets.forEach((f) => { f.hidden = phone.matches && f !== current; });
    const noun = phone.matches ? "Vraag" : "Gebied";
    say("kb-scan-progress", `${noun} ${step + 1} van ${list.length} · ${answered()} van ${items.length} beantwoord`);
    $("kb-scan-prev").disabled = step === 0;
    $("kb-scan-next").hidden = step === list.length - 1;
    $("kb-scan-done").hidden = step !== list.length - 1;
    if (focus) (phone.matches ? current : area.querySelector("h2")).focus();
  }
  function firstOpen() {
    const list = steps();
    const open = list.findIndex((s) => (s.matches(".kb-scan-item") ? [s] : Array.from(s.querySelectorAll(".kb-scan-item")))
      .some((f) => answers[f.dataset.item] === undefined));
    return open < 0 ? 0 : open;
  }

  // --- the result ---------------------------------------------------------------------------------------
  function score(list) {
    const counted = list.map((v) => points.get(v)).filter((p) => p !== null && p !== undefined);
    if (!counted.length) return null;
    return Math.round(100 * counted.reduce((a, b) => a + b, 0) / (TOP * counted.length));
  }
  function tally(list) {
    const n = new Map(scale.map((s) => [s.value, 0]));
    list.forEach((v) => n.set(v, n.get(v) + 1));
    return n;
  }
  function areaTable(caption, rows) {
    const table = el("table", null, "kb-scan-table");
    table.appendChild(el("caption", caption));
    const head = table.appendChild(el("thead")).appendChild(el("tr"));
    ["Gebied", "Score (0–100)"].concat(scale.map((s) => s.label)).forEach((h) => {
      const th = head.appendChild(el("th", h));
      th.setAttribute("scope", "col");
    });
    const body = table.appendChild(el("tbody"));
    rows.forEach(([name, value, counts]) => {
      const tr = body.appendChild(el("tr"));
      const th = tr.appendChild(el("th", name));
      th.setAttribute("scope", "row");
      tr.appendChild(el("td", value === null ? "–" : String(value)));
      scale.forEach((s) => tr.appendChild(el("td", String(counts.get(s.value)))));
    });
    return scrollable(table, caption);
  }
  // A table wider than a phone scrolls; a scrolling region must be reachable by keyboard (WCAG 2.1.1).
  function scrollable(table, caption) {
    const wrap = el("div", null, "kb-scan-tablewrap");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    wrap.appendChild(table);
    return wrap;
  }
  function chart(container, ident, title, lists) {
    const rows = data.areas.map((a) => [a.title, score(lists(a)), tally(lists(a))]);
    container.appendChild(barChart(ident, title, rows.map(([n, v]) => [n, v === null ? 0 : v]), 100));
    container.appendChild(areaTable(title, rows));
    container.appendChild(el("p", "De score is het gemiddelde van de antwoorden, omgerekend naar 0 tot 100: " +
      "'nog niet' telt als 0, 'ik ben op weg' als 33, 'lukt me meestal' als 67 en 'kan ik anderen leren' als 100. " +
      "'Weet ik niet' telt niet mee. Die rekenwijze is een keuze van de redactie.", "kb-scan-note"));
  }
  function onward(item) {
    const ul = el("ul");
    const add = (prefix, links, shared) => {
      if (!links.length) return;
      const li = ul.appendChild(el("li", prefix, shared ? "kb-scan-shared" : ""));
      links.forEach((l, i) => { if (i) li.appendChild(document.createTextNode(", ")); li.appendChild(link(l)); });
    };
    if (item.page) add("Lees meer: ", [item.page]);
    add("Instrumenten hierbij: ", item.instruments);
    add("Vragen hierover: ", item.questions || []);
    if (!item.instruments.length && data.onward.finder) {
      add("Geen instrument gekoppeld aan dit onderdeel; zoek in de ", [data.onward.finder], true);
    }
    add("Traject: ", data.onward.trajectories, true);
    add("Praktijkvoorbeeld: ", data.onward.examples.slice(0, 1), true);
    return ul;
  }
  function itemList(list, extra) {
    const ol = el("ol", null, "kb-scan-list");
    list.forEach((item) => {
      const li = ol.appendChild(el("li"));
      li.appendChild(el("strong", item.label));
      if (extra) extra(li, item);
    });
    return ol;
  }
  function growthBlock(container, heading, growth, why) {
    container.appendChild(el("h3", heading));
    if (!growth.length) {
      container.appendChild(el("p", why));
      return;
    }
    container.appendChild(itemList(growth, (li, item) => {
      if (item.note) li.appendChild(document.createTextNode(` (${item.note})`));
      li.appendChild(onward(item));
    }));
  }
  function profileBlock(container) {
    container.appendChild(el("h3", "Voor het hele profiel"));
    const ul = container.appendChild(el("ul"));
    const o = data.onward;
    [o.profile].concat(o.trajectories, o.modules, o.examples, o.finder ? [o.finder] : []).forEach((l) => {
      ul.appendChild(el("li")).appendChild(link(l));
    });
  }
  function result(focus) {
    const out = $("kb-scan-output");
    out.replaceChildren();
    say("kb-scan-date", `Ingevuld op ${longDate(saved || today())}. ${answered()} van de ${items.length} onderdelen beantwoord.`);
    out.appendChild(el("h3", "Per gebied"));
    chart(out, "kb-scan-chart", `Je score per gebied: ${data.title}`,
      (a) => a.items.map((i) => answers[i.key]).filter((v) => v !== undefined));
    const rated = items.filter((i) => points.get(answers[i.key]) !== null && answers[i.key] !== undefined);
    const strong = rated.filter((i) => points.get(answers[i.key]) >= 2)
      .sort((a, b) => points.get(answers[b.key]) - points.get(answers[a.key])).slice(0, 3);
    out.appendChild(el("h3", "Hier ben je sterk"));
    if (strong.length) out.appendChild(itemList(strong, (li, item) => li.appendChild(document.createTextNode(` (${label.get(answers[item.key])})`))));
    else out.appendChild(el("p", "Nog geen onderdelen waarbij je 'lukt me meestal' of 'kan ik anderen leren' koos."));
    const growth = rated.filter((i) => points.get(answers[i.key]) <= 1)
      .sort((a, b) => points.get(answers[a.key]) - points.get(answers[b.key]))
      .map((i) => Object.assign({ note: label.get(answers[i.key]) }, i));
    growthBlock(out, "Hier kun je groeien", growth,
      "Je koos nergens 'nog niet' of 'ik ben op weg'. Kijk bij de onderdelen waar je 'lukt me meestal' koos wat je nog verder helpt.");
    const unsure = items.filter((i) => answers[i.key] === "?");
    if (unsure.length) {
      out.appendChild(el("h3", "Nog uit te zoeken"));
      out.appendChild(itemList(unsure, (li, item) => { if (item.page) { li.appendChild(document.createTextNode(" – ")); li.appendChild(link(item.page, "lees meer")); } }));
    }
    profileBlock(out);
    form.hidden = true;
    $("kb-scan-result").hidden = false;
    if (focus) $("kb-result-kop").focus();
  }
  function toForm(focus) {
    $("kb-scan-result").hidden = true;
    form.hidden = false;
    step = firstOpen();
    show(focus);
  }

  // --- download, load, clear ----------------------------------------------------------------------------
  function download() {
    const blob = new Blob([JSON.stringify(record(), null, 1)], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = `zelfscan-${data.profile}-${saved || today()}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    say("kb-scan-status", "Je antwoorden zijn gedownload.");
  }
  function readFile(file) {
    if (file.size > MAX_FILE) return Promise.reject(new Error("dit bestand is te groot voor een antwoordbestand."));
    return file.text().then((text) => {
      let object;
      try { object = JSON.parse(text); } catch (e) { throw new Error("dit bestand is geen geldig JSON-bestand."); }
      return parse(object);
    });
  }
  $("kb-scan-upload").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (!file) return;
    readFile(file).then((got) => {
      answers = got.answers;
      saved = got.date || today();
      try { localStorage.setItem(KEY, JSON.stringify(record())); } catch (e) { /* storage off */ }
      showAnswers();
      say("kb-scan-status", `${Object.keys(answers).length} antwoorden geladen uit ${file.name}.`);
      if (answered() === items.length) result(false); else toForm(false);
    }, (error) => say("kb-scan-status", `${file.name}: ${error.message}`));
    event.target.value = "";
  });
  $("kb-scan-clear").addEventListener("click", () => {
    try { localStorage.removeItem(KEY); } catch (e) { /* storage off */ }
    answers = {};
    saved = "";
    showAnswers();
    toForm(false);
    say("kb-scan-status", "Je antwoorden zijn gewist uit deze browser.");
  });

  // --- the team view --------------------------------------------------------------------------------------
  function team(results) {
    const out = $("kb-team-output");
    out.replaceChildren();
    out.appendChild(el("h3", "Het team per gebied"));
    const all = (i) => results.map((r) => r.answers[i.key]).filter((v) => v !== undefined);
    chart(out, "kb-team-chart", `Score van het team per gebied: ${data.title}`, (a) => [].concat(...a.items.map(all)));
    const table = el("table", null, "kb-scan-table");
    const caption = "Spreiding per onderdeel: hoeveel teamleden kozen welk antwoord";
    table.appendChild(el("caption", caption));
    const head = table.appendChild(el("thead")).appendChild(el("tr"));
    ["Onderdeel"].concat(scale.map((s) => s.label), ["Score (0–100)"]).forEach((h) => {
      head.appendChild(el("th", h)).setAttribute("scope", "col");
    });
    const body = table.appendChild(el("tbody"));
    items.forEach((item) => {
      const tr = body.appendChild(el("tr"));
      const head = tr.appendChild(el("th"));
      head.setAttribute("scope", "row");
      if (item.page) head.appendChild(link(item.page, item.short)); else head.textContent = item.short;
      const counts = tally(all(item));
      scale.forEach((s) => tr.appendChild(el("td", String(counts.get(s.value)))));
      const value = score(all(item));
      tr.appendChild(el("td", value === null ? "–" : String(value)));
    });
    out.appendChild(scrollable(table, caption));
    const growth = items.map((i) => Object.assign({ value: score(all(i)), counts: tally(all(i)) }, i))
      .filter((i) => i.value !== null && i.value < 50)
      .sort((a, b) => a.value - b.value)
      .map((i) => Object.assign(i, { note: `score ${i.value}; ${i.counts.get("0")} keer 'nog niet', ${i.counts.get("1")} keer 'ik ben op weg'` }));
    growthBlock(out, "Hier kan het team groeien", growth,
      "Bij geen enkel onderdeel ligt de score van het team onder de 50.");
    profileBlock(out);
    $("kb-scan-team").classList.add("kb-scan-team-shown");
  }
  $("kb-team-files").addEventListener("change", (event) => {
    const files = Array.from(event.target.files);
    if (!files.length) return;
    Promise.all(files.map((f) => readFile(f).then((r) => ({ ok: r }), (e) => ({ error: `${f.name}: ${e.message}` }))))
      .then((read) => {
        const good = read.filter((r) => r.ok).map((r) => r.ok);
        const bad = read.filter((r) => r.error).map((r) => r.error);
        say("kb-team-status", `${good.length} van de ${files.length} bestanden gelezen.` + (bad.length ? ` Niet gelezen: ${bad.join(" ")}` : ""));
        if (good.length) team(good); else $("kb-team-output").replaceChildren();
      });
  });

  // --- wiring -------------------------------------------------------------------------------------------
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "radio" || !byKey.has(input.name)) return;
    answers[input.name] = input.value;
    store();
    show(false);
  });
  $("kb-scan-prev").addEventListener("click", () => { step -= 1; show(true); });
  $("kb-scan-next").addEventListener("click", () => { step += 1; show(true); });
  $("kb-scan-done").addEventListener("click", () => result(true));
  $("kb-scan-edit").addEventListener("click", () => toForm(true));
  $("kb-scan-print").addEventListener("click", () => window.print());
  $("kb-scan-download").addEventListener("click", download);
  phone.addEventListener("change", () => {
    const current = steps() === fieldsets ? sections[step] : fieldsets[step];
    step = phone.matches ? Math.max(fieldsets.indexOf(current ? current.querySelector(".kb-scan-item") : null), 0)
      : Math.max(sections.indexOf(current ? current.closest(".kb-scan-area") : null), 0);
    if (!form.hidden) show(false);
  });
  fieldsets.forEach((f) => f.setAttribute("tabindex", "-1"));
  form.classList.add("kb-scan-stepper");
  $("kb-scan-progress").hidden = false;
  $("kb-scan-nav").hidden = false;
  $("kb-scan-files").hidden = false;
  $("kb-scan-team").hidden = false;
  const had = restore();
  showAnswers();
  if (had) say("kb-scan-status", `Je eerdere antwoorden uit deze browser zijn teruggezet (${answered()} van ${items.length}).`);
  if (had && answered() === items.length) result(false); else toForm(false);
  window.kennisbankZelfscan = { barChart };
})();
