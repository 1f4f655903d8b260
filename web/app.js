// mlsysim explorer: every figure on this page is an answer of `POST /api/solve`
// (the batch protocol), drawn with uPlot. The view's state lives in the URL.
"use strict";

const PRECISIONS = ["fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4", "fp4"];
const DEFAULTS = {
  models: "ResNet50,Llama3_8B", devices: "A100,H100", precision: "fp16", batch: "1", seq: "2048", eff: "0.5",
  variant: "roofline", compare: "", fleet: "Production_2K", trainBatch: "1024", tp: "8", pp: "1", over: "batch_size", from: "1", to: "1024", points: "11", y: "latency",
};
const $ = (id) => document.getElementById(id);
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
let zoo = { hardware: [], models: [] };
let generation = 0;  // a newer update makes an older one's answers stale

// ---- state <-> URL and controls -------------------------------------------------------------
function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const state = {};
  for (const [key, value] of Object.entries(DEFAULTS)) state[key] = params.get(key) ?? value;
  return state;
}
function writeState(state) {
  const params = new URLSearchParams(state);
  history.replaceState(null, "", "#" + params.toString());
  $("permalink").href = location.href;
}
function selected(select) { return [...select.selectedOptions].map((o) => o.value); }
function stateFromControls() {
  return {
    models: selected($("models")).join(","), devices: selected($("devices")).join(","),
    precision: $("precision").value, batch: $("batch").value, seq: $("seq").value, eff: $("eff").value,
    variant: $("variant").value, compare: $("compare").value, fleet: $("fleet").value,
    trainBatch: $("train-batch").value, tp: $("tp").value, pp: $("pp").value, over: $("sweep-over").value,
    from: $("sweep-from").value, to: $("sweep-to").value, points: $("sweep-points").value, y: $("sweep-y").value,
  };
}
function fill(select, values, chosen) {
  select.replaceChildren(...values.map((v) => new Option(v, v, false, chosen.includes(v))));
}
function controlsFromState(s, variants) {
  fill($("models"), zoo.models.map((m) => m.id), s.models.split(","));
  fill($("devices"), zoo.hardware.map((h) => h.id), s.devices.split(","));
  fill($("precision"), PRECISIONS, [s.precision]);
  fill($("variant"), variants, [s.variant]);
  fill($("compare"), ["", ...variants], [s.compare]);
  $("compare").options[0].textContent = "(none)";
  fill($("fleet"), (zoo.fleets || []).map((f) => f.id), [s.fleet]);
  $("batch").value = s.batch; $("seq").value = s.seq; $("eff").value = s.eff;
  $("train-batch").value = s.trainBatch; $("tp").value = s.tp; $("pp").value = s.pp;
  $("sweep-over").value = s.over; $("sweep-from").value = s.from; $("sweep-to").value = s.to;
  $("sweep-points").value = s.points; $("sweep-y").value = s.y;
}

// ---- the API ------------------------------------------------------------------------------
async function solve(requests) {
  if (requests.length === 0) return [];
  const body = requests.map((r) => JSON.stringify(r)).join("\n");
  const response = await fetch("/api/solve", { method: "POST", body });
  const text = await response.text();
  return text.split("\n").filter((l) => l).map((l) => JSON.parse(l));
}
const value = (out, name) => (out && out[name] !== undefined && out[name] !== null
  ? (typeof out[name] === "object" ? out[name].value : out[name]) : NaN);
function fmt(x, digits = 4) {
  if (typeof x !== "number" || !isFinite(x)) return String(x);
  if (x === 0) return "0";
  const prefixes = [[1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"], [1, ""], [1e-3, "m"], [1e-6, "µ"]];
  for (const [scale, p] of prefixes) if (Math.abs(x) >= scale * 0.999) return `${+(x / scale).toPrecision(digits)} ${p}`;
  return x.toPrecision(digits);
}
function table(element, header, rows) {
  const head = `<thead><tr>${header.map((h) => `<th>${h}</th>`).join("")}</tr></thead>`;
  const body = rows.map((r) => `<tr class="${r.cls || ""}">${r.cells.map((c) => `<td>${c}</td>`).join("")}</tr>`);
  element.innerHTML = head + `<tbody>${body.join("")}</tbody>`;
}
function escapeHtml(s) { return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }

// ---- views ------------------------------------------------------------------------------
function commonInputs(s) {
  return { batch_size: Number(s.batch), precision: s.precision, efficiency: Number(s.eff) };
}
function pairs(s) {
  const out = [];
  for (const model of s.models.split(",").filter(Boolean))
    for (const hardware of s.devices.split(",").filter(Boolean)) out.push({ model, hardware });
  return out;
}
let charts = {};
function chart(id, options, data) {
  if (charts[id]) charts[id].destroy();
  const element = $(id);
  options.width = Math.max(480, element.clientWidth || 900);
  charts[id] = new uPlot(options, data, element);
}

async function rooflineView(s, stamp) {
  const cases = pairs(s);
  const requests = cases.map((c) => ({ solver: s.variant, inputs: { ...c, ...commonInputs(s) } }));
  if (s.compare) cases.forEach((c) => requests.push({ solver: s.compare, inputs: { ...c, ...commonInputs(s) } }));
  const answers = await solve(requests);
  if (stamp !== generation) return;
  const header = ["model", "device", "latency [s]", "throughput [1/s]", "bottleneck", "intensity [FLOP/B]",
    "ridge [FLOP/B]", "mfu", "fits"];
  if (s.compare) header.push(`latency, ${escapeHtml(s.compare)} [s]`, "ratio");
  const rows = cases.map((c, i) => {
    const a = answers[i], o = a.outputs;
    if (!o) return { cells: [c.model, c.hardware, escapeHtml(a.error.message)], cls: "infeasible" };
    const cells = [c.model, c.hardware, fmt(value(o, "latency")), fmt(value(o, "throughput")), o.bottleneck,
      fmt(value(o, "arithmetic_intensity")), fmt(value(o, "ridge_point")), fmt(value(o, "mfu"), 3),
      o.feasible ? "yes" : "no"];
    if (s.compare) {
      const b = answers[cases.length + i].outputs;
      cells.push(b ? fmt(value(b, "latency")) : "error", b ? fmt(value(b, "latency") / value(o, "latency"), 3) : "");
    }
    return { cells, cls: (o.bottleneck || "") + (o.feasible ? "" : " infeasible") };
  });
  table($("roofline-table"), header, rows);
  drawRoofline(s, cases, answers);
}

function drawRoofline(s, cases, answers) {
  const devices = s.devices.split(",").filter(Boolean);
  const eff = Number(s.eff);
  const points = cases.map((c, i) => {
    const o = answers[i].outputs;
    if (!o) return null;
    return { ...c, x: value(o, "arithmetic_intensity"),
      y: value(o, "latency_compute") * value(o, "peak_flops_actual") / value(o, "latency"), feasible: o.feasible };
  }).filter((p) => p && p.x > 0 && isFinite(p.x) && p.y > 0);
  const roofs = devices.map((id) => {
    const hw = zoo.hardware.find((h) => h.id === id);
    const peak = valueOf(hw.precision_flops?.[s.precision] ?? hw.peak_flops);
    return { id, roof: peak * eff, bw: valueOf(hw.memory_bandwidth) };
  });
  const ridges = roofs.map((r) => r.roof / r.bw);
  const xs0 = [...points.map((p) => p.x), ...ridges];
  const lo = Math.min(...xs0) / 3, hi = Math.max(...xs0) * 3;
  const grid = Array.from({ length: 120 }, (_, i) => lo * Math.pow(hi / lo, i / 119));
  const xs = [...new Set([...grid, ...ridges, ...points.map((p) => p.x)])].sort((a, b) => a - b);
  const data = [xs];
  const series = [{ label: "intensity [FLOP/B]" }];
  roofs.forEach((r, d) => {
    data.push(xs.map((x) => Math.min(r.bw * x, r.roof)));
    series.push({ label: `${r.id} roof`, stroke: PALETTE[d % PALETTE.length], width: 2, points: { show: false } });
  });
  points.forEach((p) => {
    const d = devices.indexOf(p.hardware), colour = PALETTE[d % PALETTE.length];
    data.push(xs.map((x) => (x === p.x ? p.y : null)));
    series.push({ label: `${p.model} on ${p.hardware}`, stroke: colour, width: 0, paths: () => null,
      points: { show: true, size: 9, stroke: colour, fill: p.feasible ? colour : "#fff" } });
  });
  chart("roofline-chart", {
    height: 420, series,
    scales: { x: { distr: 3, time: false }, y: { distr: 3 } },
    axes: [{ label: "arithmetic intensity [FLOP/B]" }, { label: "performance [FLOP/s]", size: 70,
      values: (u, ticks) => ticks.map((t) => (t == null ? "" : fmt(t, 3))) }],
  }, data);
}
// A zoo quantity as /api/zoo gives it ({"value", "unit"}, base units).
function valueOf(q) { return typeof q === "number" ? q : q.value; }

async function servingView(s, stamp) {
  const llms = new Set(zoo.models.filter((m) => m.class === "transformer").map((m) => m.id));
  const cases = pairs(s).filter((c) => llms.has(c.model));
  const answers = await solve(cases.map((c) => ({ solver: "serving", inputs: { ...c, seq_len: Number(s.seq),
    batch_size: Number(s.batch), precision: s.precision } })));
  if (stamp !== generation) return;
  table($("serving-table"), ["model", "device", "TTFT [s]", "ITL [s]", "KV cache [B]", "weights [B]", "fits"],
    cases.map((c, i) => {
      const o = answers[i].outputs;
      if (!o) return { cells: [c.model, c.hardware, escapeHtml(answers[i].error.message)], cls: "infeasible" };
      return { cells: [c.model, c.hardware, fmt(value(o, "ttft")), fmt(value(o, "itl")), fmt(value(o, "kv_cache_size")),
        fmt(value(o, "model_weights_size")), o.feasible ? "yes" : "no"], cls: o.feasible ? "" : "infeasible" };
    }));
}

async function trainingView(s, stamp) {
  const llms = zoo.models.filter((m) => m.class === "transformer").map((m) => m.id);
  const models = s.models.split(",").filter((m) => llms.includes(m));
  const answers = await solve(models.map((model) => ({ solver: "distributed", inputs: { model, fleet: s.fleet,
    batch_size: Number(s.trainBatch), tp_size: Number(s.tp), pp_size: Number(s.pp), seq_len: Number(s.seq),
    precision: s.precision, efficiency: Number(s.eff) } })));
  if (stamp !== generation) return;
  table($("training-table"), ["model", "fleet", "step [s]", "samples/s", "scaling efficiency", "communication [s]",
    "bubble", "fits per GPU", "notes"], models.map((model, i) => {
    const a = answers[i], o = a.outputs;
    if (!o) return { cells: [model, s.fleet, escapeHtml(a.error.message)], cls: "infeasible" };
    const fits = o.node_profile ? o.node_profile.feasible : o["node_profile.feasible"];
    return { cells: [model, s.fleet, fmt(value(o, "step_latency_total")), fmt(value(o, "effective_throughput")),
      fmt(value(o, "scaling_efficiency"), 3), fmt(value(o, "communication_latency")), fmt(value(o, "bubble_fraction"), 3),
      fits ? "yes" : "no", escapeHtml((a.notes || []).join("; "))], cls: fits ? "" : "infeasible" };
  }));
}

function sweepValues(s) {
  const n = Math.min(10000, Math.max(2, Math.floor(Number(s.points)))), from = Number(s.from), to = Number(s.to);
  if (s.over === "efficiency") return Array.from({ length: n }, (_, i) => from + (to - from) * i / (n - 1));
  const values = Array.from({ length: n }, (_, i) => Math.round(from * Math.pow(to / from, i / (n - 1))));
  return [...new Set(values.filter((v) => v >= 1))];
}
async function sweepView(s, stamp) {
  const cases = pairs(s), xs = sweepValues(s);
  const requests = [];
  for (const c of cases) for (const x of xs) requests.push({ solver: s.variant, inputs: { ...c, ...commonInputs(s), [s.over]: x } });
  const started = performance.now();
  const answers = await solve(requests);
  if (stamp !== generation) return;
  const data = [xs], series = [{ label: s.over }], rows = [];
  cases.forEach((c, k) => {
    const ys = xs.map((x, i) => value(answers[k * xs.length + i].outputs, s.y));
    data.push(ys);
    series.push({ label: `${c.model} on ${c.hardware}`, stroke: PALETTE[k % PALETTE.length], width: 2 });
    xs.forEach((x, i) => {
      const o = answers[k * xs.length + i].outputs;
      if (rows.length < 200 && o) rows.push({ cells: [c.model, c.hardware, fmt(x), fmt(value(o, s.y)), o.bottleneck],
        cls: o.bottleneck });
    });
  });
  chart("sweep-chart", { height: 360, series, scales: { x: { time: false, distr: s.over === "efficiency" ? 1 : 3 },
    y: { distr: s.y === "mfu" ? 1 : 3 } }, axes: [{ label: s.over }, { label: s.y, size: 70,
    values: (u, ticks) => ticks.map((t) => (t == null ? "" : fmt(t, 3))) }] }, data);
  table($("sweep-table"), ["model", "device", s.over, s.y, "binding"], rows);
  $("sweep-table").dataset.points = String(requests.length);
  $("sweep-table").dataset.ms = (performance.now() - started).toFixed(1);
}

function cliCommand(s) {
  return `mlsysim sweep ${s.variant} --over model=${s.models} --over hardware=${s.devices} ` +
    `--set batch_size=${s.batch} --set precision=${s.precision} --set efficiency=${s.eff}`;
}

async function update() {
  const s = stateFromControls();
  writeState(s);
  $("cli").textContent = cliCommand(s);
  const stamp = ++generation;
  window.mlsysimGeneration = stamp;  // tests wait for the answers of the latest change
  const started = performance.now();
  $("status").textContent = "solving…";
  try {
    await Promise.all([rooflineView(s, stamp), servingView(s, stamp), trainingView(s, stamp), sweepView(s, stamp)]);
  } catch (e) {
    if (stamp === generation) $("status").textContent = `error: ${e.message}`;
    throw e;
  }
  if (stamp !== generation) return;
  $("status").textContent = `updated in ${(performance.now() - started).toFixed(0)} ms`;
  document.body.dataset.ready = String(stamp);
}

async function start() {
  if (typeof uPlot === "undefined") {
    $("status").textContent = "the chart library is missing: run bash scripts/setup.sh (it vendors uPlot)";
    return;
  }
  const [zooAnswer, solvers] = await Promise.all([fetch("/api/zoo").then((r) => r.json()),
    fetch("/api/solvers").then((r) => r.json())]);
  zoo = zooAnswer;
  const variants = ["roofline", ...solvers.map((x) => x.name).filter((n) => n.startsWith("roofline:"))];
  controlsFromState(readState(), variants);
  for (const el of document.querySelectorAll("select, input")) el.addEventListener("change", update);
  $("copy-cli").addEventListener("click", () => navigator.clipboard?.writeText($("cli").textContent));
  window.addEventListener("hashchange", () => { controlsFromState(readState(), variants); update(); });
  await update();
}
start();
