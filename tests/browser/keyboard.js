// Helpers for the keyboard test, installed as window.kbKeyboard. An element is "shown" when it is
// rendered, not transparent and has a box; a control hidden for styling counts as shown when one of
// its labels is (Material's palette radios and search toggle).
(() => {
  const CONTROLS = "a[href], button, input, select, textarea, summary, [tabindex]";
  const rendered = el => el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
  const shown = el => {
    const box = el.getBoundingClientRect();
    return rendered(el) && el.checkVisibility({opacityProperty: true}) && box.width > 0 && box.height > 0;
  };
  // Where focus can be seen: the element, its labels, and a label right after it (Material's pattern).
  const indicators = el => {
    const found = [el, ...(el.labels || [])];
    const next = el.nextElementSibling;
    if (next && next.tagName === "LABEL") found.push(next);
    return found;
  };
  const ring = el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0
      ? "none" : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
    return {outline, shadow: s.boxShadow, shown: shown(el)};
  };
  const describe = el => {
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || "").trim();
    return `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}${el.className ? ` class="${el.className}"` : ""}`
      + `${el.getAttribute("href") ? ` href="${el.getAttribute("href")}"` : ""}> ${text.replace(/\s+/g, " ").slice(0, 40)}`;
  };
  const reached = [];
  const focusedRings = [];
  window.kbKeyboard = {
    // After a Tab: record the focused element. Returns false when the tab order has come round.
    // Focus on the body (before the first control, after the last one) is passed over.
    step() {
      const el = document.activeElement;
      if (!el || el === document.body) return true;
      if (reached.includes(el)) return false;
      reached.push(el);
      focusedRings.push(indicators(el).map(ring));
      return true;
    },
    // The controls a reader can see but Tab never reached (a radio group counts once).
    unreached() {
      const controls = [...document.querySelectorAll(CONTROLS)].filter(el =>
        el.tabIndex >= 0 && !el.disabled && rendered(el) && indicators(el).some(shown));
      const groups = new Set(reached.filter(el => el.type === "radio").map(el => el.name));
      return controls.filter(el => !reached.includes(el) && !(el.type === "radio" && groups.has(el.name)))
        .map(describe);
    },
    // The reached elements whose focus changes neither outline nor box-shadow of anything shown.
    invisible() {
      document.activeElement.blur();
      return reached.filter((el, i) => {
        const before = indicators(el).map(ring);
        return !focusedRings[i].some((f, j) => f.shown &&
          (f.outline !== before[j].outline || f.shadow !== before[j].shadow) &&
          (f.outline !== "none" || f.shadow !== "none"));
      }).map(describe);
    },
    count: () => reached.length,
  };
})();
