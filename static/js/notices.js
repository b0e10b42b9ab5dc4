// Progressive enhancement: hide a notice in place instead of reloading the page.
// Without JavaScript the "Hide" link sets the same cookie through the server and comes back.
for (const link of document.querySelectorAll(".notice__dismiss")) {
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const notice = link.closest(".notice");
    try {
      await fetch(link.href, { credentials: "same-origin", redirect: "manual" });
    } catch {
      window.location.href = link.href;
      return;
    }
    const next = notice.nextElementSibling || notice.previousElementSibling;
    notice.remove();
    (next?.querySelector("a") || document.getElementById("content")).focus();
  });
}
