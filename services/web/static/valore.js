// The web app's few behaviours that need a script; every page works without
// it. In the entry grid: arrow keys and Enter move between cells, a changed
// cell is marked, the outcome a typed value would get is asked of the server
// (a dry run that stores nothing), and leaving with unsaved changes asks
// first.
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

  // One pending question per row; the answer to an older one is dropped.
  const asked = new Map();
  const preview = async (row) => {
    const value = row.querySelector("input[name^='valore.']");
    const note = row.querySelector("input[name^='nota.']");
    const shown = row.querySelector("[data-preview]");
    if (!value || !shown) return;
    if (value.value === (value.dataset.stored ?? "")) {
      shown.textContent = "";
      return;
    }
    const form = new FormData();
    for (const name of ["csrf", "periodo"]) {
      form.append(name, grid.elements[name].value);
    }
    form.append("ente", row.dataset.entity);
    form.append("voce", row.dataset.item);
    form.append("valore", value.value);
    form.append("nota", note ? note.value : "");
    const ticket = (asked.get(row) ?? 0) + 1;
    asked.set(row, ticket);
    try {
      const response = await fetch("/inserimento/anteprima", {
        method: "POST",
        body: form,
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (asked.get(row) !== ticket) return;
      if (!answer.ok) {
        shown.textContent = `Valore non accettato: ${answer.message}`;
      } else if (answer.outcome) {
        shown.textContent = `Con ${answer.value}: ${answer.outcome}` +
          (answer.explanation ? ` (${answer.explanation})` : "");
      } else {
        shown.textContent = answer.message;
      }
    } catch {
      if (asked.get(row) === ticket) shown.textContent = "";
    }
  };
  const timers = new Map();
  grid.addEventListener("input", (event) => {
    const row = event.target.closest("tr");
    if (!row || !row.dataset.item) return;
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(() => preview(row), 400));
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
    // Enter moves, never submits: the grid is saved with its button.
    if (event.key === "Enter") event.preventDefault();
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
