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
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
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
  function init() { document.querySelectorAll(".bc-sortable").forEach(setup); }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
