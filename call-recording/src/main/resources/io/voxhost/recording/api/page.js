(() => {
  const store = window.sessionStorage;
  const $ = (id) => document.getElementById(id);
  const status = (text) => { $("status").textContent = text; };
  let next = null;

  // The fragment may only name a recording to play. A key is never read from it: a key in a URL
  // ends up in history, bookmarks, screenshots and shared links; it is pasted into the form.
  // Whatever the fragment holds leaves the address at once.
  const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const asked = fragment.get("play");
  const autoplay = asked && RECORDING_ID.test(asked) ? asked.toLowerCase() : null;
  if (location.hash) {
    history.replaceState(null, "", location.pathname + location.search);
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ "Authorization": "Bearer " + store.getItem("voxhost.key") },
      options.body ? { "Content-Type": "application/json" } : {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
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
    return response.status === 204 ? null : response.json();
  }

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : text;
    return td;
  }

  function button(text, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", () => action().catch((e) => status(e.message)));
    return b;
  }

  async function link(id, format = "wav") {
    return (await api("/api/v1/recordings/" + id + "/links", {
      method: "POST", body: JSON.stringify({ minutes: 15, format }) })).url;
  }

  async function play(id) {
    const player = $("player");
    player.src = await link(id);
    await player.play();
  }

  function row(r) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.id;
    tr.append(cell(new Date(r.startedAt).toLocaleString()), cell(r.from), cell(r.to),
      cell(r.callId), cell(r.durationMs == null ? "" : (r.durationMs / 1000).toFixed(1) + " s"),
      cell(r.status));
    const actions = document.createElement("td");
    actions.className = "actions";
    if (r.status === "completed") {
      actions.append(button("Play", () => play(r.id)),
        button("Download", async () => { location.href = await link(r.id); }),
        button("MP3", async () => { location.href = await link(r.id, "mp3"); }));
    }
    actions.append(button("Delete", async () => {
      if (confirm("Delete this recording?")) {
        await api("/api/v1/recordings/" + r.id, { method: "DELETE" });
        tr.remove();
      }
    }));
    tr.append(actions);
    return tr;
  }

  async function list(more) {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($("filters"))) {
      if (v) {
        params.set(k, (k === "from" || k === "to") ? new Date(v).toISOString() : v);
      }
    }
    if (more && next) {
      params.set("cursor", next);
    } else {
      $("rows").replaceChildren();
    }
    const page = await api("/api/v1/recordings?" + params);
    page.items.forEach((r) => $("rows").append(row(r)));
    next = page.next;
    $("more").classList.toggle("hidden", !next);
    status(page.items.length + (more ? " more" : "") + " recording(s)");
  }

  function show() {
    const signedIn = !!store.getItem("voxhost.key");
    $("signin").classList.toggle("hidden", signedIn);
    $("app").classList.toggle("hidden", !signedIn);
    if (signedIn) {
      list(false).then(() => {
        if (autoplay) {
          const player = $("player");
          const report = () => status("playing " + autoplay + " duration=" + player.duration
            + " currentTime=" + player.currentTime);
          player.addEventListener("loadedmetadata", report);
          player.addEventListener("timeupdate", report);
          play(autoplay).catch((e) => status("play failed: " + e.message));
        }
      }).catch((e) => status(e.message));
    }
  }

  $("signin").addEventListener("submit", (e) => {
    e.preventDefault();
    store.setItem("voxhost.key", $("key").value.trim());
    $("key").value = "";
    show();
  });
  $("signout").addEventListener("click", () => { store.removeItem("voxhost.key"); show(); });
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); list(false).catch((x) => status(x.message)); });
  $("more").addEventListener("click", () => list(true).catch((x) => status(x.message)));
  show();
})();
