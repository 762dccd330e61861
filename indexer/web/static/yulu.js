// Conveniences only: every page works the same without this script.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.search");
  // A new sort order (or period, or split) applies at once (without the script: press Search).
  form?.querySelectorAll("select").forEach((menu) => {
    menu.addEventListener("change", () => form.requestSubmit());
  });
  // "/" jumps to the query box, as on many search sites.
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName ?? "");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      document.getElementById("q")?.focus();
    }
  });
});
