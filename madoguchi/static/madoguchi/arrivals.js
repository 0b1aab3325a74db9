// The arrivals screen (counter/arrivals.html), with fewer things to do:
// an empty row always waits at the end, so no one has to ask for a row; the
// later rows take the household's 氏 and its reading from the first row
// until the clerk types another; 妻, 母, 夫 and 父 choose their 性別; and the
// address of a postal code is looked up as soon as seven digits are typed.
// Without this script the screen still works: 「人を追加」 asks the server
// for a row, and 「住所を表示」 looks the postal code up.
(function () {
  "use strict";

  const form = document.getElementById("arrivals-form");
  if (!form) {
    return;
  }
  const table = form.querySelector("table.arrivals");
  const body = table.tBodies[0];
  const rowCount = form.querySelector("input[name=rows]");
  const sexOf = JSON.parse(
    document.getElementById("sex-of-relationship").textContent,
  );
  const HEAD = "世帯主";
  const SHARED = ["family_name", "family_name_kana"];

  function field(row, base) {
    return row.querySelector(`[name^="${base}-"]`);
  }

  function baseOf(element) {
    return (element.name || "").replace(/-\d+$/, "");
  }

  // The same rule as arrivals._is_empty(): the 氏, its reading and the
  // first row's 世帯主 are put there by the screen, not by the clerk.
  function isEmpty(row) {
    const relationship = field(row, "relationship").value;
    const start = row.sectionRowIndex === 0 ? HEAD : "";
    return (
      ["given_name", "given_name_kana", "birth_date", "sex"].every(
        (base) => field(row, base).value.trim() === "",
      ) && (relationship === "" || relationship === start)
    );
  }

  function followFirstRow() {
    const first = body.rows[0];
    for (const row of Array.from(body.rows).slice(1)) {
      for (const base of SHARED) {
        const own = field(row, base);
        if (own.dataset.follows !== undefined) {
          own.value = field(first, base).value;
        }
      }
    }
  }

  function addEmptyRow() {
    const last = body.rows[body.rows.length - 1];
    const row = last.cloneNode(true);
    const index = body.rows.length;
    for (const element of row.querySelectorAll("[name]")) {
      element.name = `${baseOf(element)}-${index}`;
      element.removeAttribute("data-suggested");
      element.removeAttribute("data-inferred");
      element.value = baseOf(element) === "nationality" ? "日本" : "";
    }
    for (const mark of row.querySelectorAll(".suggestion")) {
      mark.remove();
    }
    for (const base of SHARED) {
      field(row, base).dataset.follows = "";
    }
    row.cells[0].textContent = table.dataset.rowLabel.replace("{n}", index + 1);
    body.appendChild(row);
    rowCount.value = body.rows.length;
    followFirstRow();
    htmx.process(row);
  }

  function keepAnEmptyRowAtTheEnd() {
    if (!isEmpty(body.rows[body.rows.length - 1])) {
      addEmptyRow();
    }
  }

  function inferSex(row) {
    const sex = field(row, "sex");
    if (sex.value !== "" && sex.dataset.inferred === undefined) {
      return;
    }
    const inferred = sexOf[field(row, "relationship").value] || "";
    sex.value = inferred;
    if (inferred) {
      sex.dataset.inferred = "";
    } else {
      sex.removeAttribute("data-inferred");
    }
  }

  // What the clerk does by hand always wins over what the screen filled in.
  form.addEventListener("input", (event) => {
    const element = event.target;
    const row = element.closest("tbody tr");
    if (!row) {
      return;
    }
    const base = baseOf(element);
    if (row.sectionRowIndex === 0 && SHARED.includes(base)) {
      followFirstRow();
    } else if (SHARED.includes(base) && element.dataset.follows !== undefined) {
      element.removeAttribute("data-follows");
      const reading = field(row, "family_name_kana");
      if (base === "family_name" && reading.dataset.follows !== undefined) {
        // Another 氏 needs its own reading, suggested when the field is left.
        reading.removeAttribute("data-follows");
        reading.value = "";
      }
    }
    if (element.dataset.suggested !== undefined) {
      element.removeAttribute("data-suggested");
      element.parentElement.querySelector(".suggestion")?.remove();
    }
    if (base === "sex") {
      element.removeAttribute("data-inferred");
    }
    if (base === "relationship") {
      inferSex(row);
    }
    keepAnEmptyRowAtTheEnd();
  });

  // With an empty row waiting, 「人を追加」 only needs to go there.
  form.addEventListener("click", (event) => {
    if (event.target.name !== "add") {
      return;
    }
    const last = body.rows[body.rows.length - 1];
    if (isEmpty(last)) {
      event.preventDefault();
      field(last, "given_name").focus();
    }
  });

  // A suggestion must never replace what was typed while it was on its way.
  const postalCode = document.getElementById("new_postal_code");
  let addressSent = null;
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.target.id === "new-address-found") {
      addressSent = document.getElementById("new_address").value;
    }
  });
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    if (target.classList.contains("reading")) {
      event.detail.shouldSwap = target.querySelector("input").value.trim() === "";
    } else if (target.id === "new-address-found" && addressSent !== null) {
      event.detail.shouldSwap =
        document.getElementById("new_address").value === addressSent;
    }
  });
  // A reading suggested for the first row is the household's too.
  document.body.addEventListener("htmx:afterSettle", followFirstRow);

  let lookedUp = postalCode.value;
  function lookUp() {
    const digits = postalCode.value
      .replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/\D/g, "");
    if (digits.length === 7 && digits !== lookedUp) {
      lookedUp = digits;
      htmx.trigger(postalCode, "lookup");
    }
  }
  postalCode.addEventListener("input", lookUp);
  postalCode.addEventListener("change", lookUp);

  // The rows the server sent: later rows in the first row's 氏 follow it.
  const first = body.rows[0];
  for (const row of Array.from(body.rows).slice(1)) {
    for (const base of SHARED) {
      const own = field(row, base);
      if (own.value === "" || own.value === field(first, base).value) {
        own.dataset.follows = "";
      }
    }
  }
  followFirstRow();
  keepAnEmptyRowAtTheEnd();
})();
