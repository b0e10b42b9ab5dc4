// Admin enhancement: fill the slug from the Ukrainian title while staff type.
// The server computes it (official transliteration, portal/slugs.py), so the rule lives in one
// place. The slug is only filled while it is empty or still the one we suggested: a slug typed
// by hand, or one that is read-only because the item is published, is never touched.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const slug of document.querySelectorAll("input[data-slug-url]")) {
    const source = document.getElementById(slug.dataset.slugSource);
    if (!source) continue;
    const match = window.location.pathname.match(/\/(\d+)\/change\/$/);
    let suggested = slug.value === "" ? "" : null; // null: staff own the slug
    let timer;

    slug.addEventListener("input", () => {
      suggested = slug.value === "" ? "" : null;
    });

    source.addEventListener("input", () => {
      if (suggested === null || slug.value !== suggested) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const params = new URLSearchParams({ title: source.value });
        if (match) params.set("pk", match[1]);
        try {
          const response = await fetch(`${slug.dataset.slugUrl}?${params}`, {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
          });
          if (!response.ok) return;
          const data = await response.json();
          if (slug.value === suggested) {
            slug.value = data.slug;
            suggested = data.slug;
          }
        } catch {
          // Offline or logged out: the model makes the slug on save.
        }
      }, 250);
    });
  }
});
