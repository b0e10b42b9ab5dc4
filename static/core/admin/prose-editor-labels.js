// django-prose-editor gives its toolbar buttons English tooltips (title and aria-label) that
// no catalogue translates; this puts them through the admin's JavaScript catalogue
// (locale/uk/LC_MESSAGES/djangojs.po), for the editors on the page and those added later.
const translate = window.gettext || ((text) => text);

function translateButtons(root) {
  for (const button of root.querySelectorAll(".prose-editor button[title]")) {
    if (button.dataset.labelTranslated) continue;
    const title = translate(button.getAttribute("title"));
    button.setAttribute("title", title);
    if (button.hasAttribute("aria-label")) button.setAttribute("aria-label", title);
    button.dataset.labelTranslated = "1";
  }
}

translateButtons(document);
new MutationObserver(() => translateButtons(document)).observe(document.body || document, {
  childList: true,
  subtree: true,
});
