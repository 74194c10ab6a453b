// baocao site: sort and filter the tables inside `.bc-sortable` blocks. No network access.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function key(cell) {
    var text = cell.textContent.trim();
    if (text === "" || text === "—") return [2, ""];  // nothing to compare: last, whichever the order
    var date = text.match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
    if (date) return [0, Number(date[3] + date[2] + date[1])];
    var number = text.match(/^-?[\d.]+(,\d+)?%?$/);
    if (number && text !== "") return [0, Number(text.replace(/\./g, "").replace(",", ".").replace("%", ""))];
    return [1, fold(text)];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] - b[0];
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  }
  function setup(block) {
    var table = block.querySelector("table");
    if (!table || table.dataset.bcReady) return;
    table.dataset.bcReady = "1";
    var body = table.tBodies[0];
    var input = document.createElement("input");
    input.type = "search";
    input.className = "bc-filter";
    input.placeholder = "Lọc bảng (có dấu hoặc không dấu)…";
    input.setAttribute("aria-label", "Lọc bảng");
    block.insertBefore(input, block.firstChild);
    // A row shows when it has every word typed and, if a state is chosen, that state.
    var stage = "";
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = fold(row.textContent);
        var badge = row.querySelector("[data-stage]");
        var inStage = !stage || (badge && badge.getAttribute("data-stage") === stage);
        row.hidden = !inStage || !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    }
    input.addEventListener("input", apply);
    var buttons = block.querySelectorAll(".bc-stage-filter button[data-stage]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        stage = button.getAttribute("data-stage");
        Array.prototype.forEach.call(buttons, function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        apply();
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var ka = key(a.cells[index]), kb = key(b.cells[index]);
          if (ka[0] === 2 || kb[0] === 2) return (ka[0] === 2) - (kb[0] === 2);
          var result = compare(ka, kb);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  }
  // Search: the theme finds words typed without diacritics (folded fields in the index), but
  // marks only the letters typed ("gia" in "quốc gia", never "giả"). Mark again, word by word:
  // a query word typed without diacritics marks the words that are it once folded ("hang" ->
  // "hàng", "hạng"), one typed with them only those words as typed; the word still being
  // typed (the last, as the theme does) marks the words it starts.
  function queryWords(query) {
    var words = query.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var typing = !/[^\p{L}\p{N}]$/u.test(query);
    return words.map(function (w, i) {
      return { text: w, folded: fold(w), plain: fold(w) === w, prefix: typing && i === words.length - 1 };
    });
  }
  function matches(token, words) {
    var lower = token.normalize("NFC").toLowerCase(), folded = fold(lower);
    return words.some(function (w) {
      var have = w.plain ? folded : lower, want = w.plain ? w.folded : w.text;
      return w.prefix ? have.indexOf(want) === 0 : have === want;
    });
  }
  function mark(root, words, skip, theirs) {
    root.querySelectorAll(theirs).forEach(function (m) { m.replaceWith(document.createTextNode(m.textContent)); });
    root.normalize();
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) { return skip && node.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, pattern = /[\p{L}\p{N}]+/gu, found, last = 0, parts = [];
      while ((found = pattern.exec(text)) !== null) {
        if (!matches(found[0], words)) continue;
        if (found.index > last) parts.push(document.createTextNode(text.slice(last, found.index)));
        var m = document.createElement("mark");
        m.setAttribute("data-md-highlight", "");
        m.setAttribute("data-bc", "");
        m.textContent = found[0];
        parts.push(m);
        last = found.index + found[0].length;
      }
      if (!parts.length) return;
      if (last < text.length) parts.push(document.createTextNode(text.slice(last)));
      node.replaceWith.apply(node, parts);
    });
  }
  function markResults() {
    var input = document.querySelector(".md-search__input");
    if (!input) return;
    var words = queryWords(input.value);
    document.querySelectorAll(".md-search-result__article").forEach(function (article) {
      if (article.dataset.bcQuery === input.value) return;
      article.dataset.bcQuery = input.value;
      if (words.length) mark(article, words, ".md-search-result__terms, .md-tag", "mark");
    });
  }
  // A page opened from a search result (the query is in ?h=): the theme marks it once it has
  // loaded the search index, so mark now and again after each of its passes.
  function markPage() {
    var query = new URL(location.href).searchParams.get("h");
    var article = document.querySelector(".md-content article");
    if (!query || !article || article.dataset.bcQuery === query) return;
    article.dataset.bcQuery = query;
    var words = queryWords(query + " ");
    mark(article, words, "pre, code", "mark[data-md-highlight]");
    if (typeof MutationObserver === "undefined") return;
    new MutationObserver(function (changes) {
      var theirs = changes.some(function (change) {
        return Array.prototype.some.call(change.addedNodes, function (node) {
          return node.nodeName === "MARK" && !node.hasAttribute("data-bc");
        });
      });
      if (theirs) mark(article, words, "pre, code", "mark[data-md-highlight]");
    }).observe(article, { childList: true, subtree: true });
  }
  var results = document.querySelector(".md-search-result__list");
  if (results && typeof MutationObserver !== "undefined") new MutationObserver(markResults).observe(results, { childList: true, subtree: true });

  function init() {
    document.querySelectorAll(".bc-sortable").forEach(setup);
    markPage();
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
