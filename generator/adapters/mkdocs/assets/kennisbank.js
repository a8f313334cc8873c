/* Kennisbank: wide tables and drawings on narrow screens; links into closed <details>.
 *
 * The theme puts every table in a box that scrolls sideways when the table is wider than the screen (a
 * trajectory's participants, the map's matrices on a phone); a drawing too wide for the screen scrolls in its
 * figure (the map's dot matrix of learning goals). A box that scrolls must be reachable by keyboard
 * (WCAG 2.1.1): such a box becomes a focusable region named after the heading above it. Boxes that do not
 * scroll stay out of the tab order. Checked again when the window changes size.
 */
(() => {
  "use strict";
  const heading = box => {
    for (let el = box.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim();
    }
    return "";
  };
  const mark = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .kb-figure")) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        const title = heading(box);
        const what = box.tagName === "FIGURE" ? "Figuur" : "Tabel";
        box.setAttribute("aria-label", title ? `${what}: ${title}` : what);
      } else if (!scrolls && box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  };
  let timer = 0;
  window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(mark, 150); });
  if (window.document$) window.document$.subscribe(mark);  // after the theme has boxed the tables
  else window.addEventListener("load", mark);
})();
/* A link to a place inside a closed <details> (the account of the sources, #verantwoording) opens it. Chromium
 * and Firefox do this themselves; this is for browsers that do not. */
(() => {
  "use strict";
  const open = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const details = target && target.closest("details");
    if (details && !details.open) { details.open = true; details.scrollIntoView(); }
  };
  window.addEventListener("hashchange", open);
  open();
})();
/* A glossary word's explanation (site/glossary.py, shown by CSS on hover and focus) is hidden with Escape, until the
 * pointer or the focus comes to the word again (WCAG 1.4.13, content on hover or focus is dismissible); near the
 * right edge of the screen it opens to the left. */
(() => {
  "use strict";
  document.addEventListener("keydown", event => {
    if (event.key !== "Escape") return;
    for (const term of document.querySelectorAll(".md-typeset .kb-term:hover, .md-typeset .kb-term:focus-within")) {
      term.classList.add("kb-term--closed");
    }
  });
  // A word near the right edge: its explanation opens to the left, so it stays on the screen.
  const place = term => {
    const tip = term.querySelector(".kb-term__tip");
    term.classList.remove("kb-term--left");
    const box = tip ? tip.getBoundingClientRect() : null;
    if (box && box.width && box.right > document.documentElement.clientWidth - 8) term.classList.add("kb-term--left");
  };
  const reopen = event => {
    const term = event.target instanceof Element && event.target.closest(".kb-term");
    const from = event.relatedTarget instanceof Element ? event.relatedTarget : null;
    if (term && !(from && term.contains(from))) {
      term.classList.remove("kb-term--closed");
      place(term);
    }
  };
  document.addEventListener("mouseover", reopen);
  document.addEventListener("focusin", reopen);
})();
