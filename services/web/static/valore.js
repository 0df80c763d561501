// The web app's few behaviours that need a script; every page works without
// it. In the entry grid: arrow keys and Enter move between cells, a changed
// cell is marked, and leaving with unsaved changes asks first.
const grid = document.querySelector("form[data-entry-grid]");

if (grid) {
  const inputs = () => Array.from(grid.querySelectorAll("input[type=text]"));
  let saving = false;

  const changed = () =>
    inputs().filter((input) => input.value !== (input.dataset.stored ?? ""));

  grid.addEventListener("input", (event) => {
    const row = event.target.closest("tr");
    if (!row) return;
    const dirty = Array.from(row.querySelectorAll("input[type=text]")).some(
      (input) => input.value !== (input.dataset.stored ?? ""),
    );
    row.classList.toggle("valore-changed", dirty);
  });

  grid.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "text") return;
    const cell = input.closest("td");
    const row = input.closest("tr");
    if (!cell || !row) return;
    const column = Array.from(row.children).indexOf(cell);
    let target = null;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) {
      target = row.nextElementSibling;
    } else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) {
      target = row.previousElementSibling;
    }
    if (!target) return;
    const next = target.children[column]?.querySelector("input[type=text]");
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  });

  grid.addEventListener("submit", () => {
    saving = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (!saving && changed().length > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}
