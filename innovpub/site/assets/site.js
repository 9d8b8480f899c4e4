// The site's only script (the Content-Security-Policy forbids any other): the index's filter
// and, on a document page, a click on a highlight showing its row in the table of extractions.
"use strict";

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function setUpFilter(input) {
  const table = document.getElementById(input.dataset.filter);
  const rows = Array.from(table.tBodies[0].rows);
  const haystacks = rows.map((row) => fold(row.textContent));
  const count = document.getElementById("filter-count");
  const apply = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row, i) => {
      const match = words.every((word) => haystacks[i].includes(word));
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (count) count.textContent = words.length ? `${shown} / ${rows.length}` : "";
  };
  input.addEventListener("input", apply);
  apply();
}

function setUpHighlights(text) {
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-ref]");
    if (!mark) return;
    const row = document.getElementById(`x-${mark.dataset.ref}`);
    if (row) {
      window.location.hash = row.id;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-filter]").forEach(setUpFilter);
  const text = document.getElementById("text");
  if (text) setUpHighlights(text);
});
