/*
 * Kennisbank: the search index is fetched when the reader turns to search, not on every page load.
 *
 * Material for MkDocs fetches search/search_index.json as soon as a page loads, parses it on the page's
 * main thread and hands it to its search worker, which then builds the search index. With 10,000
 * instruments that is a 39 MB file, a main-thread pause of about 200 ms, and some 16 s of work on every page,
 * also for the reader who never searches; a click in the finder that falls in that pause waits for it.
 *
 * This script runs before Material's bundle (overrides/main.html) and holds back only that request (an XMLHttpRequest) until
 * the search box gets focus (a click, a tap on the search icon, or the keys /, s or f). A page opened with a
 * search in its address (?q=, a shared search; ?h=, a result to highlight) fetches it at once, as before.
 */
(() => {
  "use strict";
  const address = new URLSearchParams(window.location.search);
  if (address.has("q") || address.has("h")) {
    return;
  }
  const isIndex = url => new URL(String(url), window.location.href).pathname.endsWith("/search/search_index.json");
  const isSearchBox = element => element instanceof Element && element.matches("[data-md-component=search-query]");

  // Functions to call once the search box has had the keyboard focus; null from then on.
  let waiting = [];
  const whenSearchIsWanted = start => (waiting ? waiting.push(start) : start());
  const wanted = () => {
    const starts = waiting || [];
    waiting = null;
    document.removeEventListener("focusin", onFocus, true);
    starts.forEach(start => start());
  };
  const onFocus = event => {
    if (isSearchBox(event.target)) {
      wanted();
    }
  };
  document.addEventListener("focusin", onFocus, true);

  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    held[isIndex(url) ? "add" : "delete"](this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!held.has(this)) {
      return send.call(this, body);
    }
    held.delete(this);
    whenSearchIsWanted(() => send.call(this, body));
  };
})();
