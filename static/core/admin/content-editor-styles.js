// django-content-editor (content_editor/index.js, injectStyles) appends to the page's head a
// <style> element whose rules it builds at run time (the translated "Hide"/"Show" labels, the
// regions' keys). The admin's Content-Security-Policy allows no inline style element, so
// Chromium refused it and logged an error on every page change form. Rather than loosen the
// policy ('unsafe-inline', or a hash that changes with each language and region list), the
// same rules are adopted as a constructed style sheet: CSSOM, which the policy does not
// govern. Only that element is taken; anything else is appended as before. A classic script,
// so it runs before content-editor's module initialises (on jQuery's ready).
(() => {
  const head = document.head;
  const append = head.append.bind(head);
  const isContentEditorStyle = (node) =>
    node instanceof HTMLStyleElement && !node.nonce && node.textContent.includes(".order-machine");

  head.append = (...nodes) => {
    for (const node of nodes.filter(isContentEditorStyle)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(node.textContent);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
    const others = nodes.filter((node) => !isContentEditorStyle(node));
    if (others.length) append(...others);
  };
})();
