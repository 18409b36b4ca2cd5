// Filtering without a server: a search box and a status selector hide non-matching rows/sections.
(function () {
  "use strict";
  var search = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var counter = document.getElementById("filter-count");
  if (!search || !status) { return; }
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = status.value;
    var shown = 0;
    document.querySelectorAll("[data-filter]").forEach(function (item) {
      var text = item.getAttribute("data-filter").toLowerCase();
      var okText = words.every(function (w) { return text.indexOf(w) !== -1; });
      var okStatus = !wanted || item.getAttribute("data-status") === wanted;
      item.hidden = !(okText && okStatus);
      if (!item.hidden && item.closest("#gaps")) { shown += 1; }
    });
    counter.textContent = shown + " gap rows shown";
  }
  search.addEventListener("input", apply);
  status.addEventListener("change", apply);
  apply();
})();
