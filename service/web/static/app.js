// Ringkas playground: talks to this server's API only (the page's CSP forbids anything else).
// Offsets in API responses count Unicode code points; JavaScript strings count UTF-16 code
// units, so the article is split with Array.from (one element per code point) before slicing.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const authRequired = document.body.dataset.auth === "required";
  const REASONS = {
    headline: "headline copy",
    boilerplate: "boilerplate",
    duplicate: "duplicate",
  };

  // ---- small helpers -------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function token() {
    const input = $("token");
    return input ? input.value.trim() : "";
  }

  function headers() {
    const result = { "Content-Type": "application/json", Accept: "application/json" };
    if (token()) result.Authorization = "Bearer " + token();
    return result;
  }

  // How long to wait for an answer: the server's own hard limit is 30 s (gunicorn's timeout).
  const ANSWER_TIMEOUT_MS = 45000;

  // A signal that aborts with a TimeoutError after ANSWER_TIMEOUT_MS (AbortSignal.timeout where
  // the browser has it: Chrome 103, Safari 16; else a controller and a timer, as it does).
  function answerDeadline() {
    if (typeof AbortSignal.timeout === "function") return AbortSignal.timeout(ANSWER_TIMEOUT_MS);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException("No answer in time", "TimeoutError")), ANSWER_TIMEOUT_MS);
    return controller.signal;
  }

  // POST JSON; resolves to {ok, status, body} whatever the status (problem+json included);
  // rejects on a network error, or with a TimeoutError when no answer comes in time.
  async function postJSON(path, payload) {
    const response = await fetch(path, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify(payload),
      credentials: "same-origin",
      cache: "no-store",
      signal: answerDeadline(),
    });
    let body = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      try { body = await response.json(); } catch (_) { body = null; }
    } else {
      body = { detail: (await response.text()).slice(0, 300) };
    }
    return { ok: response.ok, status: response.status, body };
  }

  function showProblem(box, status, body) {
    box.replaceChildren();
    const title = (body && body.title) || "Request failed";
    const detail = (body && body.detail) || "The server answered " + status + ".";
    box.append(el("strong", { text: title + " (" + status + ")" }), el("p", { class: "detail", text: detail }));
    if (body && Array.isArray(body.errors) && body.errors.length) {
      const list = el("ul");
      for (const e of body.errors) list.append(el("li", {}, el("code", { text: e.field }), " — " + e.message));
      box.append(list);
    }
    if (status === 401 && authRequired) box.append(el("p", { text: "Enter a valid API token above." }));
    box.hidden = false;
  }

  function showNetworkError(box, error) {
    const timedOut = error && error.name === "TimeoutError";
    const title = timedOut ? "No answer from the server" : "Could not reach the server";
    const detail = timedOut
      ? "It did not answer within " + ANSWER_TIMEOUT_MS / 1000 + " s. Try again, or send a shorter text."
      : "Check that Ringkas is running and reachable, then try again. (" + String(error) + ")";
    box.replaceChildren(el("strong", { text: title }), el("p", { class: "detail", text: detail }));
    box.hidden = false;
  }

  // ---- tabs ----------------------------------------------------------------------------------
  const tabs = [$("tab-summarize"), $("tab-headlines")];
  function selectTab(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !selected;
    }
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i + tabs.length - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = tabs[moves[event.key] % tabs.length];
      selectTab(next);
      next.focus();
    });
  });

  // ---- article input: counter, file open and drop -------------------------------------------
  const textBox = $("text");
  // service/text/extract.py's _PAGE_START: a page may open with an XML declaration and comments.
  // A comment ends at its first "-->" (never a lazy match: a run of comments would backtrack 2^k ways).
  const PAGE_START = /^[\s\ufeff]*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--(?:(?!-->)[\s\S]){0,800}-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
  const PAGE_FILE = /\.(?:html?|xhtml)$/i;
  let fileIsPage = false; // the text is a page file as opened (a page whatever its first bytes)
  const maxChars = Number(document.body.dataset.maxChars) || Infinity;
  const maxBytes = Number(document.body.dataset.maxBytes) || Infinity;
  const utf8 = new TextEncoder();
  // Two limits apply: the text's characters, and the request's bytes (the JSON body the page
  // sends, in UTF-8; "語" is one character and three bytes), whichever is reached first.
  function updateCounter() {
    const n = Array.from(textBox.value).length;
    let over = "";
    if (n > maxChars) over = " — over this server's limit of " + maxChars.toLocaleString("en") + " characters";
    else if (utf8.encode(JSON.stringify({ text: textBox.value, ...options() })).length > maxBytes) {
      over = " — over this server's request limit of " + maxBytes.toLocaleString("en") + " bytes (UTF-8)";
    }
    $("counter").textContent = n.toLocaleString("en") + " characters" + over;
  }
  textBox.addEventListener("input", () => { fileIsPage = false; updateCounter(); });

  // A file's text: UTF-8 if it is valid UTF-8 (or has a byte-order mark); else, for a page, the
  // charset its <meta> names (as the API reads an uploaded page); else windows-1252, the web's
  // legacy default, said so under the text box so that a wrong guess does not pass unseen.
  function decodeFile(bytes, isPage) {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), note: "" };
    } catch (_) { /* not UTF-8 */ }
    const head = new TextDecoder("windows-1252").decode(bytes.slice(0, 1024));
    const meta = isPage ? /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) : null;
    for (const label of [meta && meta[1], "windows-1252"]) {
      if (!label) continue;
      try {
        return { text: new TextDecoder(label).decode(bytes), note: "The file is not UTF-8: read as " + label + "." };
      } catch (_) { /* a label the browser does not know */ }
    }
    return { text: new TextDecoder("utf-8").decode(bytes), note: "The file is not UTF-8." };
  }

  async function loadFile(file) {
    if (!file) return;
    const isPage = file.type === "text/html" || file.type === "application/xhtml+xml" || PAGE_FILE.test(file.name);
    const { text, note } = decodeFile(new Uint8Array(await file.arrayBuffer()), isPage);
    textBox.value = text;
    fileIsPage = isPage;
    updateCounter();
    if (note) $("counter").textContent += " — " + note;
    textBox.focus();
  }
  $("file").addEventListener("change", (event) => loadFile(event.target.files[0]));
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("dragging"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("dragging");
    if (event.dataTransfer.files.length) loadFile(event.dataTransfer.files[0]);
  });

  // ---- options -------------------------------------------------------------------------------
  const unit = $("length-unit");
  const DEFAULT_LENGTH = { sentences: $("length").value, ratio: "0.3", words: "100" };
  unit.addEventListener("change", () => {
    const input = $("length");
    input.step = unit.value === "ratio" ? "0.05" : "1";
    input.min = unit.value === "ratio" ? "0.05" : "1";
    input.max = { sentences: "1000", ratio: "1", words: "100000" }[unit.value]; // the API's bounds
    input.value = DEFAULT_LENGTH[unit.value];
  });

  async function loadLanguages() {
    try {
      const response = await fetch("/v1/languages", { headers: headers(), cache: "no-store" });
      if (!response.ok) return false;
      const body = await response.json();
      const select = $("language");
      const current = select.value;
      select.replaceChildren(el("option", { value: "auto", text: "auto-detect" }));
      const rows = body.languages.slice().sort((a, b) => String(a.name).localeCompare(String(b.name)));
      for (const row of rows) select.append(el("option", { value: row.code, text: row.name + " (" + row.code + ")" }));
      select.value = current;
      if (!select.value) select.value = "auto";
      return true;
    } catch (_) {
      return false;
    }
  }
  let languagesLoaded = false;
  // With tokens required, the list waits for one (a request without it is only a 401 in the console).
  if (!authRequired) loadLanguages().then((ok) => { languagesLoaded = ok; });
  if ($("token")) $("token").addEventListener("change", () => { if (!languagesLoaded) loadLanguages().then((ok) => { languagesLoaded = ok; }); });

  function options() {
    const result = { algorithm: $("algorithm").value };
    const raw = $("length").value.trim();
    // Number, not parseInt: "1e3" is 1000, and "2.5" sentences reaches the server, which says why it is wrong.
    if (raw !== "") result[unit.value] = Number(raw);
    if (Number.isNaN(result[unit.value])) result[unit.value] = raw; // let the server say what is wrong
    result.language = $("language").value || "auto";
    return result;
  }

  // ---- curl ----------------------------------------------------------------------------------
  // The body goes through a quoted here-document: nothing in it is expanded by the shell, and
  // JSON.stringify never emits a raw line break, so the body cannot end the here-document early.
  function curlCommand(path, payload) {
    const lines = ["curl -s " + location.origin + path + " \\", "  -H 'Content-Type: application/json' \\"];
    if (authRequired) lines.push("  -H \"Authorization: Bearer $RINGKAS_TOKEN\" \\");
    lines.push("  --data-binary @- <<'JSON'", JSON.stringify(payload), "JSON");
    return lines.join("\n");
  }
  $("copy-curl").addEventListener("click", async () => {
    const button = $("copy-curl");
    try {
      await navigator.clipboard.writeText($("curl").textContent);
      button.textContent = "Copied";
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($("curl"));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  });

  // ---- summary -------------------------------------------------------------------------------
  // Marks chosen sentences and struck-through removed spans in the article, by code-point offsets.
  function renderArticle(text, summary) {
    const points = Array.from(text);
    const slice = (start, end) => points.slice(start, end).join("");
    const spans = [];
    summary.sentences.forEach((s, rank) => spans.push({ kind: "chosen", start: s.start, end: s.end, item: s, rank }));
    for (const r of summary.removed) spans.push({ kind: "removed", start: r.start, end: r.end, item: r });
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const article = $("article");
    article.replaceChildren();
    let at = 0;
    for (const span of spans) {
      if (span.start < at || span.end > points.length) continue; // overlapping or out of range: never expected
      if (span.start > at) article.append(slice(at, span.start));
      const content = slice(span.start, span.end);
      if (span.kind === "chosen") {
        article.append(el("mark", { class: "chosen", title: "score " + span.item.score.toFixed(4) }, content));
      } else {
        const reason = REASONS[span.item.reason] || span.item.reason;
        article.append(el("del", { class: "cut", title: reason + " (similarity " + span.item.similarity.toFixed(2) + ")" }, content),
          el("span", { class: "reason", text: reason }));
      }
      at = span.end;
    }
    if (at < points.length) article.append(slice(at));
  }

  function renderRemoved(summary) {
    const list = $("removed");
    list.replaceChildren();
    if (!summary.removed.length) {
      list.append(el("li", { class: "none", text: "Nothing: no headline copies, boilerplate or duplicates found." }));
      return;
    }
    for (const r of summary.removed) {
      const reason = REASONS[r.reason] || r.reason;
      list.append(el("li", { "data-reason": r.reason },
        el("span", { class: "badge badge-" + r.reason, text: reason }),
        el("del", { class: "cut", text: r.text }),
        el("span", { class: "meta", text: "similarity " + r.similarity.toFixed(2) + " · characters " + r.start + "–" + r.end })));
    }
  }

  function renderScores(summary) {
    const list = $("scores");
    list.replaceChildren();
    const top = Math.max(...summary.sentences.map((s) => s.score), 1e-9);
    for (const s of summary.sentences) {
      const bar = el("span", { class: "bar" });
      bar.style.width = Math.max(2, (100 * s.score) / top).toFixed(1) + "%";
      list.append(el("li", {},
        el("span", { class: "score-line" }, el("span", { class: "meter" }, bar), el("code", { text: s.score.toFixed(4) })),
        el("span", { class: "sentence", text: s.text }),
        el("span", { class: "meta", text: "sentence " + (s.index + 1) + " of " + summary.stats.sentences })));
    }
  }

  function renderFacts(summary) {
    const facts = $("facts");
    facts.replaceChildren();
    const add = (name, value) => facts.append(el("div", {}, el("dt", { text: name }), el("dd", { text: value })));
    add("Language", summary.language);
    add("Algorithm", summary.algorithm);
    add("Sentences", summary.stats.selected + " of " + summary.stats.sentences);
    add("Removed", String(summary.removed.length));
    add("Time", summary.stats.elapsed_ms.toFixed(1) + " ms");
    if (summary.headline) add("Headline", summary.headline);
  }

  $("summarize-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = $("summarize");
    const errorBox = $("error");
    const text = textBox.value;
    // A whole HTML page (a saved page opened or dropped here) goes as one: its article is
    // summarised, not its markup (the rule of service/text/extract.py's looks_like_page).
    const isPage = fileIsPage || PAGE_START.test(text.slice(0, 1024));
    const payload = isPage ? { html: text, ...options() } : { text, ...options() };
    errorBox.hidden = true;
    button.disabled = true;
    button.classList.add("busy");
    button.textContent = "Summarising…";
    $("curl").textContent = curlCommand("/v1/summarize", payload);
    try {
      const { ok, status, body } = await postJSON("/v1/summarize", payload);
      if (!ok) {
        $("result").hidden = true;
        showProblem(errorBox, status, body);
        return;
      }
      $("summary").textContent = body.summary || (body.removed.length
        ? "Nothing left to summarise: everything in the text was removed before ranking (see “Removed before ranking”)."
        : "Nothing to summarise.");
      $("summary").classList.toggle("empty", !body.summary);
      renderFacts(body);
      renderArticle(body.text ?? text, body);  // a page's offsets index its extracted article
      renderRemoved(body);
      renderScores(body);
      $("result").hidden = false;
      $("summary").scrollIntoView({ behavior: "smooth", block: "nearest" });
    } catch (error) {
      $("result").hidden = true; // the answer shown was to another request
      showNetworkError(errorBox, error);
    } finally {
      button.disabled = false;
      button.classList.remove("busy");
      button.textContent = "Summarise";
    }
  });

  // ---- headlines -----------------------------------------------------------------------------
  // A line with nothing to see: only spaces and format characters (zero-width, bidi marks, BOM).
  const INVISIBLE = /^[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]*$/;
  $("headlines-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = $("dedup");
    const errorBox = $("headlines-error");
    // Each headline's id is its line number (blank lines, and lines of zero-width or other
    // invisible characters only, which the server would refuse as empty, are left out).
    const headlines = $("headlines").value.split("\n")
      .map((line, i) => ({ id: String(i + 1), text: line.trim() }))
      .filter((h) => INVISIBLE.test(h.text) === false);
    errorBox.hidden = true;
    $("groups-card").hidden = true;
    button.disabled = true;
    try {
      const { ok, status, body } = await postJSON("/v1/headlines/dedup", { headlines });
      if (status === 404) {
        errorBox.replaceChildren(el("strong", { text: "Not available on this server" }),
          el("p", { class: "detail", text: "This server has no headline grouping yet (POST /v1/headlines/dedup answered 404). Update Ringkas to use this tab." }));
        errorBox.hidden = false;
        return;
      }
      if (!ok) {
        // The server names a headline by its place in the request ("headlines.3.text"): say its line.
        const errors = ((body && body.errors) || []).map((e) => ({
          ...e, field: String(e.field).replace(/^headlines\.(\d+)/, (_, n) => (headlines[Number(n)] ? "line " + headlines[Number(n)].id : "headline " + n)),
        }));
        showProblem(errorBox, status, body && { ...body, errors });
        return;
      }
      renderGroups(headlines, body);
    } catch (error) {
      showNetworkError(errorBox, error);
    } finally {
      button.disabled = false;
    }
  });

  function renderGroups(headlines, body) {
    const byId = new Map(headlines.map((h) => [h.id, h.text]));
    const groups = new Map();
    for (const row of body.results) {
      if (!groups.has(row.group)) groups.set(row.group, []);
      groups.get(row.group).push(row);
    }
    const list = $("groups");
    list.replaceChildren();
    const ordered = Array.from(groups.values()).sort((a, b) => b.length - a.length);
    for (const members of ordered) {
      const item = el("li", { class: members.length > 1 ? "group copies" : "group" });
      item.append(el("span", { class: "group-size", text: members.length > 1 ? members.length + " copies" : "unique" }));
      const inner = el("ul");
      for (const row of members) {
        const line = el("li", {}, el("span", { class: "hid", text: "#" + row.id }), el("span", { text: byId.get(String(row.id)) || "" }));
        if (row.duplicate_of !== null && row.duplicate_of !== undefined) {
          const bits = ["copy of #" + row.duplicate_of];
          if (typeof row.similarity === "number") bits.push("similarity " + row.similarity.toFixed(2));
          if (row.reason) bits.push(row.reason);
          line.append(el("span", { class: "meta", text: bits.join(" · ") }));
        }
        inner.append(line);
      }
      item.append(inner);
      list.append(item);
    }
    const count = (n, noun) => n.toLocaleString("en") + " " + noun + (n === 1 ? "" : "s");
    $("groups-title").textContent = count(body.groups, "group") + " in " + count(headlines.length, "headline");
    $("groups-card").hidden = false;
  }

  updateCounter();
})();
