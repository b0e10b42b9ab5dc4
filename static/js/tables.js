// Progressive enhancement: a table wider than its column scrolls inside its .table-wrap.
// Keyboard users must be able to reach such a region to scroll it (WCAG 2.1.1) and screen
// readers should hear what it holds, so it becomes a focusable region named by the table's
// caption while, and only while, it scrolls. Without JavaScript it still scrolls by touch.
function update(wrap) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth;
  if (scrolls && !wrap.hasAttribute("tabindex")) {
    wrap.tabIndex = 0;
    wrap.dataset.scrollable = "";
    const caption = wrap.querySelector("caption")?.textContent.trim();
    if (caption) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption);
    }
  } else if (!scrolls && "scrollable" in wrap.dataset) {
    for (const name of ["tabindex", "role", "aria-label", "data-scrollable"]) {
      wrap.removeAttribute(name);
    }
  }
}

const wraps = document.querySelectorAll(".table-wrap");
if (wraps.length) {
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target);
  });
  for (const wrap of wraps) observer.observe(wrap);
}
