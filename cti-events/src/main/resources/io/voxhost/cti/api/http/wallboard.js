(() => {
  // The key lives in session storage (pasted into the form, never read from a URL) and goes out
  // only as a header: the stream is read with fetch rather than EventSource, which cannot send one.
  const store = window.sessionStorage;
  const $ = (id) => document.getElementById(id);
  const status = (text) => { $("status").textContent = text; };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const recent = [];
  let board = null;
  let reader = null;
  let following = false;
  let retry = 1000;

  function seconds(ms) {
    if (ms === null || ms === undefined) { return "-"; }
    const s = Math.round(ms / 1000);
    return s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60) + " s";
  }
  function percent(ratio) {
    return ratio === null || ratio === undefined ? "-" : Math.round(ratio * 100) + " %";
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : "";
  }
  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) { td.className = className; }
    return td;
  }

  function drawBoard() {
    if (!board) { return; }
    const total = board.total || {};
    $("total-offered").textContent = total.offered || 0;
    $("total-answered").textContent = total.answered || 0;
    $("total-abandoned").textContent = total.abandoned || 0;
    $("total-sl").textContent = percent(total.serviceLevel);
    $("total-asa").textContent = seconds(total.asaMs);
    const rows = $("queues");
    rows.replaceChildren();
    const now = Date.now();
    for (const q of board.queues) {
      const today = q.today || {};
      const tr = document.createElement("tr");
      tr.dataset.queue = q.queue;
      tr.append(cell(q.queue), cell(q.waiting, "waiting" + (q.waiting > 0 ? " busy" : "")),
        cell(q.oldestWaitingSince ? seconds(now - Date.parse(q.oldestWaitingSince)) : "-", "longest"),
        cell(q.talking, "talking"), cell(today.offered || 0, "offered"),
        cell(today.answered || 0, "answered"), cell(today.abandoned || 0, "abandoned"),
        cell(percent(today.serviceLevel), "sl"), cell(seconds(today.asaMs), "asa"));
      rows.append(tr);
    }
  }

  function drawCalls() {
    const rows = $("calls");
    rows.replaceChildren();
    for (const c of recent) {
      const tr = document.createElement("tr");
      tr.dataset.id = c.id;
      tr.append(cell(time(c.started)), cell(c.callerName ? c.callerName + " " + (c.callerNumber || "") : c.callerNumber),
        cell(c.queue), cell(c.state === "open" ? (c.answered ? "talking" : "ringing") : c.outcome, "state"),
        cell(c.answeredBy));
      rows.append(tr);
    }
  }

  function handle(name, data) {
    if (name === "board") {
      board = JSON.parse(data);
      drawBoard();
    } else if (name === "call") {
      const call = JSON.parse(data);
      const at = recent.findIndex((c) => c.id === call.id);
      if (at >= 0) { recent.splice(at, 1); }
      recent.unshift(call);
      recent.length = Math.min(recent.length, 20);
      drawCalls();
    }
  }

  // text/event-stream: events end with a blank line; "event:" names one, "data:" lines carry it.
  async function follow() {
    const response = await fetch("/api/v1/cti/live?zone=" + encodeURIComponent(zone), {
      headers: { "Authorization": "Bearer " + store.getItem("voxhost.key"), "Accept": "text/event-stream" },
    });
    if (response.status === 401) {
      store.removeItem("voxhost.key");
      show();
      throw new Error("the key was refused");
    }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    $("live").textContent = "live";
    $("live").className = "on";
    status("");
    retry = 1000;
    reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { break; }
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) { name = line.slice(6).trim(); }
          else if (line.startsWith("data:")) { data.push(line.slice(5).replace(/^ /, "")); }
        }
        if (data.length) { handle(name, data.join("\n")); }
      }
    }
  }

  function connect() {
    if (!store.getItem("voxhost.key") || following) { return; }
    following = true;
    follow().catch((e) => status(e.message)).finally(() => {
      following = false;
      reader = null;
      $("live").textContent = "reconnecting";
      $("live").className = "off";
      if (store.getItem("voxhost.key")) {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      }
    });
  }

  function show() {
    const signedIn = !!store.getItem("voxhost.key");
    $("signin").classList.toggle("hidden", signedIn);
    $("app").classList.toggle("hidden", !signedIn);
    if (signedIn) { connect(); }
  }

  $("signin").addEventListener("submit", (e) => {
    e.preventDefault();
    store.setItem("voxhost.key", $("key").value.trim());
    $("key").value = "";
    show();
  });
  $("signout").addEventListener("click", () => {
    store.removeItem("voxhost.key");
    if (reader) { reader.cancel(); }
    show();
  });
  // Waits and the clock move between events.
  setInterval(() => { $("clock").textContent = new Date().toLocaleTimeString(); drawBoard(); }, 1000);
  show();
})();
