"""`mlsysim web`: the API is the batch protocol over HTTP and refuses what it must with the protocol's
coded errors; a stalled client blocks no one; SIGINT/SIGTERM stop it cleanly; the page, driven in
Debian's headless Chromium, shows the numbers `mlsysim run` gives and follows an input change; and a
bounded loopback load test reports requests per second and p99 (figures, never asserted)."""

import http.client
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest

WEB = pathlib.Path(__file__).resolve().parents[2] / "web"


class Server:
    def __init__(self, cli, *args):
        self.proc = subprocess.Popen([cli, "web", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert "serving http://127.0.0.1:" in line and "this machine only" in line, line
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
        self.url = f"http://127.0.0.1:{self.port}/"

    def request(self, method, path, body=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(method, path, body=body)
        r = conn.getresponse()
        data = r.read().decode()
        conn.close()
        return r.status, r.getheader("Content-Type"), data

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=20)


@pytest.fixture
def server(cli):
    s = Server(cli)
    yield s
    s.stop()


def lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run_cli(cli, requests):
    r = subprocess.run([cli, "run", "-"], input="".join(json.dumps(q) + "\n" for q in requests),
                       capture_output=True, text=True, check=True)
    return lines(r.stdout)


def test_the_api_is_the_batch_protocol_over_http(cli, server):
    requests = [{"id": 1, "solver": "roofline", "inputs": {"model": "GPT2", "hardware": "A100"}},
                {"id": "b", "solver": "serving", "inputs": {"model": "Llama3_8B", "hardware": "H100", "seq_len": 4096}}]
    status, kind, body = server.request("POST", "/api/solve", "\n".join(json.dumps(q) for q in requests))
    assert status == 200 and kind.startswith("application/x-ndjson")
    assert lines(body) == run_cli(cli, requests)
    status, _, body = server.request("POST", "/api/solve", json.dumps(requests[0]))  # one request, no newline
    assert lines(body) == run_cli(cli, requests[:1])
    status, _, zoo = server.request("GET", "/api/zoo")
    zoo = json.loads(zoo)
    assert {"A100", "H100"} <= {h["id"] for h in zoo["hardware"]} and "Llama3_8B" in {m["id"] for m in zoo["models"]}
    solvers = json.loads(server.request("GET", "/api/solvers")[2])
    roofline = next(s for s in solvers if s["name"] == "roofline:reference")
    assert "batch_size" in [p["name"] for p in roofline["inputs"]]
    status, kind, page = server.request("GET", "/")
    assert status == 200 and kind.startswith("text/html") and "/vendor/uPlot.iife.min.js" in page
    status, kind, lib = server.request("GET", "/vendor/uPlot.iife.min.js")
    assert status == 200 and "uPlot" in lib and "MLSYSIM_MISSING" not in lib, "scripts/setup.sh vendors uPlot"


def test_bad_requests_get_the_protocols_coded_errors(cli):
    s = Server(cli, "--max-body", "4096")
    try:
        body = '{"solver":"roofline","inputs":{"model":"GPT2","hardware":"A100"}}\n{not json\n{"solver":"nope"}'
        answers = lines(s.request("POST", "/api/solve", body)[2])
        assert "outputs" in answers[0]
        assert answers[1]["error"]["code"] == "bad_input" and "line 2" in answers[1]["error"]["message"]
        assert answers[2]["error"]["code"] == "unknown_name" and answers[2]["error"]["field"] == "solver"
        status, _, too_big = s.request("POST", "/api/solve", "x" * 5000)
        assert status == 413
        error = lines(too_big)[0]["error"]
        assert error["code"] == "bad_input" and error["field"] == "body" and "4096" in error["message"]
        status, _, empty = s.request("POST", "/api/solve", "\n \n")
        assert status == 400 and lines(empty)[0]["error"]["field"] == "body"
        status, _, missing = s.request("GET", "/nothing/here")
        assert status == 404 and lines(missing)[0]["error"]["code"] == "unknown_name"
        assert s.request("GET", "/api/solve")[0] == 405
        # The server still answers after all of that.
        assert s.request("GET", "/api/zoo")[0] == 200
    finally:
        assert s.stop() == 0


def stalled_client(port):
    """A client that sends half a request and then nothing."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"solver\"")
    return sock


def test_a_stalled_client_blocks_no_one(server):
    stalled = [stalled_client(server.port) for _ in range(4)]
    try:
        for _ in range(20):  # each within the client's own 10 s timeout, while four others hang
            assert server.request("GET", "/api/zoo", timeout=10)[0] == 200
    finally:
        for sock in stalled:
            sock.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_cleanly_even_with_a_connection_open(cli, sig):
    s = Server(cli)
    sock = stalled_client(s.port)
    try:
        start = time.monotonic()
        assert s.stop(sig) == 0
        assert time.monotonic() - start < 15
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
    finally:
        sock.close()


def roofline_rows(cli, models, devices, batch):
    requests = [{"solver": "roofline", "inputs": {"model": m, "hardware": d, "batch_size": batch, "precision": "fp16",
                                                  "efficiency": 0.5}} for m in models for d in devices]
    return [(q["inputs"]["model"], q["inputs"]["hardware"], a["outputs"]["latency"]["value"])
            for q, a in zip(requests, run_cli(cli, requests))]


def shown_number(text):
    """A table cell as the page prints it ("2.113 m") back to a number."""
    prefixes = {"P": 1e15, "T": 1e12, "G": 1e9, "M": 1e6, "k": 1e3, "m": 1e-3, "µ": 1e-6}
    number, _, prefix = text.strip().partition(" ")
    return float(number) * prefixes.get(prefix, 1.0)


def test_the_page_in_headless_chromium_shows_what_run_gives(cli, server, tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, "scripts/setup.sh installs Debian's chromium"
    assert (WEB / "node_modules" / "playwright-core").is_dir(), "scripts/setup.sh runs `npm ci` in web/"
    models, devices = ["ResNet50", "Llama3_8B"], ["A100", "H100"]
    expected = {"first": {"hash": "models=ResNet50,Llama3_8B&devices=A100,H100&batch=1&precision=fp16&eff=0.5"},
                "second": {"batch": 64}}
    (tmp_path / "expected.json").write_text(json.dumps(expected))
    shot = tmp_path / "web.png"
    r = subprocess.run(["node", str(WEB / "tests" / "browser.mjs"), server.url, str(tmp_path / "expected.json"),
                        str(shot)], capture_output=True, text=True, timeout=180,
                       env={**{k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}, "CHROMIUM": chromium})
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    assert seen["errors"] == []
    for view, batch in (("first", 1), ("second", 64)):
        rows = {(c[0], c[1]): shown_number(c[2]) for c in seen[view]}
        for model, device, latency in roofline_rows(cli, models, devices, batch):
            assert abs(rows[(model, device)] - latency) <= 5e-4 * latency, (view, model, device)
    # Training at scale: the page's defaults (Production_2K, global batch 1024, TP 8) for the one LLM.
    (train,) = seen["training"]
    request = {"solver": "distributed", "inputs": {"model": "Llama3_8B", "fleet": "Production_2K", "batch_size": 1024,
                                                   "tp_size": 8, "pp_size": 1, "seq_len": 2048, "precision": "fp16",
                                                   "efficiency": 0.5}}
    (answer,) = run_cli(cli, [request])
    step = answer["outputs"]["step_latency_total"]["value"]
    assert train[:2] == ["Llama3_8B", "Production_2K"] and abs(shown_number(train[2]) - step) <= 5e-4 * step
    assert ("offload rule" in train[-1]) == bool(answer.get("notes")), "the row shows the solver's notes"
    assert "batch=64" in seen["hash"]
    # Side by side with roofline:calibrated: its latency and the ratio to the reference's, at batch 64.
    assert seen["compared_header"][-2:] == ["latency, roofline:calibrated [s]", "ratio"]
    requests = [{"solver": "roofline:calibrated", "inputs": {"model": m, "hardware": d, "batch_size": 64,
                                                             "precision": "fp16", "efficiency": 0.5}}
                for m in models for d in devices]
    calibrated = {(q["inputs"]["model"], q["inputs"]["hardware"]): a["outputs"]["latency"]["value"]
                  for q, a in zip(requests, run_cli(cli, requests))}
    for row in seen["compared"]:
        want = calibrated[(row[0], row[1])]
        assert abs(shown_number(row[-2]) - want) <= 5e-4 * want, row
    # The view as a command (models in zoo order): what `sweep` needs to print the same rows.
    assert seen["cli"] == ("mlsysim sweep roofline --over model=Llama3_8B,ResNet50 --over hardware=A100,H100 "
                           "--set batch_size=1 --set precision=fp16 --set efficiency=0.5")
    assert seen["sweep_points"] == 1000 and seen["sweep_rows_coloured"] > 0
    assert shot.stat().st_size > 20000
    if os.environ.get("MLSYSIM_WEB_SCREENSHOT"):  # scripts/pictures.sh keeps it for the README
        shutil.copy(shot, os.environ["MLSYSIM_WEB_SCREENSHOT"])
    print(f"web page: load {seen['load_ms']} ms, 1,000-point sweep redrawn in {seen['sweep_redraw_ms']} ms")


def load(port, bodies, clients):
    """Sends `bodies` over `clients` keep-alive connections; returns (seconds, per-request latencies)."""
    latencies, lock, queue = [], threading.Lock(), list(bodies)

    def work():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                body = queue.pop()
            start = time.perf_counter()
            conn.request("POST", "/api/solve", body=body)
            response = conn.getresponse()
            assert response.status == 200
            response.read()
            with lock:
                latencies.append(time.perf_counter() - start)
        conn.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, sorted(latencies)


def test_a_bounded_load_test_reports_throughput_and_p99(server):
    # Under the sanitizers (their runtime preloaded) the figures mean nothing: a tenth of the load drives
    # the same concurrent paths.
    share = 10 if "asan" in os.environ.get("LD_PRELOAD", "") else 1
    singles, sweeps = 2000 // share, 20 // share
    single = json.dumps({"solver": "roofline", "inputs": {"model": "Llama3_8B", "hardware": "H100"}})
    seconds, lat = load(server.port, [single] * singles, clients=4)
    assert len(lat) == singles
    sweep = "\n".join(json.dumps({"solver": "roofline", "inputs": {"model": "Llama3_8B", "hardware": "H100",
                                                                   "batch_size": b}}) for b in range(1, 10001))
    sweep_seconds, sweep_lat = load(server.port, [sweep] * sweeps, clients=2)
    assert len(sweep_lat) == sweeps
    figures = {"single_rps": singles / seconds, "single_p99_ms": lat[int(0.99 * len(lat)) - 1] * 1e3,
               "sweep10k_rps": sweeps / sweep_seconds, "sweep10k_p99_ms": sweep_lat[-1] * 1e3}
    print("web load:", json.dumps({k: round(v, 2) for k, v in figures.items()}))
