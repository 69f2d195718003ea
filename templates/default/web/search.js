// The search box: each word typed is matched against the roles' words, cut to their
// stem when the site was made (assets/search-index.js); the roles holding every word
// are listed under the box. Without this script, the box leads to the list of roles.
(function () {
  "use strict";
  var index = window.careerdocsSearch;
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-words");
  var results = document.getElementById("search-results");
  if (!index || !form || !input || !results) { return; }
  var plain = function (word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  };
  // A word matches a stem when it starts with it, but for the stem's last letter
  // (the word typed has an ending the stem has not: "ceremony", "ceremoni"), or when
  // the stem starts with it (a word still being typed).
  var shared = function (a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) { n += 1; }
    return n;
  };
  var matches = function (word, stems) {
    return stems.some(function (stem) {
      var common = shared(word, stem);
      return (common >= stem.length - 1 && common >= Math.min(4, word.length)) ||
        (word.length >= 3 && common === word.length);
    });
  };
  var found = function (words) {
    return index.roles.filter(function (role) {
      return words.every(function (word) { return matches(word, role.stems); });
    });
  };
  var show = function () {
    var words = (plain(input.value).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return w.length >= 2;
    });
    results.textContent = "";
    if (!words.length) { return; }
    var roles = found(words);
    var list = document.createElement("ul");
    roles.forEach(function (role) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = role.file;
      link.textContent = role.title;
      var hook = document.createElement("p");
      hook.textContent = role.hook;
      item.appendChild(link);
      item.appendChild(hook);
      list.appendChild(item);
    });
    var count = document.createElement("p");
    count.textContent = roles.length ? form.dataset.found.replace("%(count)s", roles.length)
      : form.dataset.none;
    results.appendChild(count);
    if (roles.length) { results.appendChild(list); }
  };
  input.addEventListener("input", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
})();
