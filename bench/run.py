"""`make bench`: build synthetic catalogs of 100 to 10,000 credentials and print the figures.

Each figure is the median of several runs (one at 10,000 to stay within 15 minutes),
with its peer measured in the same run beside it, so the ratio holds on a noisy machine:
1. validation: `python -m microcred validate` vs `check-jsonschema` on the same files
   (one per core, on a share of the files each);
2. full build: ours with its search index vs a plain mkdocs-material build of the same
   content written as markdown pages, with mkdocs-material's search; both without search
   too (not at 10,000), and ours in 1, 2 and 4 worker processes at 1,000;
3. rebuild while `mkdocs serve` runs, from saving one credential to its page served new,
   against our full build of the same catalog (at 1,000 and 10,000);
4. peak memory of the build (ru_maxrss of the build and its workers: the largest of
   them, not their sum) and built bytes per credential;
5. the discovery figures of bench/search_bench.py on the 1,000 and 10,000 sites.
Writes bench/results.md as well as stdout.

    python bench/run.py [--sizes 100,1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, SEARCH_CONFIG, generate  # noqa: E402

BIN = Path(sys.executable).parent
# The targets of issue 21, shown beside the figures.
BUILD_TARGET = 0.6  # our full build, search index included, against the plain site with its search
MEMORY_TARGET = 2.0  # peak memory of our build against the plain build's
SERVE_TARGETS = {1000: "target ≤ 0.20x", 10000: "target < 2 s"}
NO_INDEX_SIZES = (100, 1000)  # ours without its index too (at 10,000 the time is the 15 minutes')
WORKERS_SIZE = 1000  # MICROCRED_WORKERS=1, 2 and 4 without the index, at this size
SERVE_SIZES = (1000, 10000)
SERVE_RUNS = {10000: 2}
# Runs per size: enough for a median where a run is short, one where a run takes minutes
# (the whole benchmark must stay within 15 minutes; 5,000 is run on request: --sizes).
RUNS = {100: 3, 1000: 2, 5000: 1, 10000: 1}
CORES = os.cpu_count() or 1
SEARCH_SIZES = (1000, 10000)


def _env(**extra: str) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def _check_exit(command: list[str], code: int, stderr: bytes) -> None:
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(command[:4])} ...\n{stderr.decode()[-2000:]}")


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak resident bytes and stderr of one child process (fails loudly)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or _env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    _check_exit(command, process.returncode, stderr)
    return seconds, usage.ru_maxrss * 1024, stderr.decode("utf-8", "replace")  # Linux reports KiB


def validate_ours(root: Path) -> float:
    return timed([sys.executable, "-m", "microcred", "validate", "--root", str(root)], root)[0]


def validate_peer(root: Path) -> float:
    """check-jsonschema, one call per schema and core at once (ours uses every core too),
    each on its share of the files: wall seconds from the first start to the last end."""
    commands = []
    for kind, pattern in (("credential", "*/credentials/*.yml"), ("issuer", "*/issuer.yml"), ("pathway", "*/pathways/*.yml")):
        files = sorted(str(p.relative_to(root)) for p in (root / "catalog").glob(pattern))
        share = max(1, -(-len(files) // CORES))
        commands += [[str(BIN / "check-jsonschema"), "--schemafile", f"schema/{kind}.schema.json", *files[n:n + share]]
                     for n in range(0, len(files), share)]
    start = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for command in commands]
    for command, process in zip(commands, processes):
        _, stderr = process.communicate()
        _check_exit(command, process.returncode, stderr)
    return time.perf_counter() - start


INDEX_LINE = re.compile(r"Search index of \d+ records written in (?P<seconds>[\d.]+) s")


def build(root: Path, site: Path, *, index: bool, workers: int | None = None, config: str | None = None) -> tuple[float, int, float]:
    """Wall seconds and peak bytes of one `mkdocs build` (our site with or without its
    search index, with MICROCRED_WORKERS=`workers`; the plain one by its `config`), and the
    seconds our hook logs for the index: built beside the pages, it is part of the wall time."""
    shutil.rmtree(site, ignore_errors=True)
    settings = {"MICROCRED_SEARCH_INDEX": "1" if index else "0", **({"MICROCRED_WORKERS": str(workers)} if workers else {})}
    command = [str(BIN / "mkdocs"), "build", *([] if index else ["--quiet"]), *(["-f", config] if config else []), "--site-dir", str(site)]
    seconds, peak, log = timed(command, root, _env(**settings))
    found = INDEX_LINE.search(log)
    return seconds, peak, float(found["seconds"]) if found else 0.0


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


# What the preview prints once the lists and other catalog-wide pages of an update are made:
# the benchmark's next save waits for it, as a contributor reads the page before saving again.
SETTLED = "Preview updated in place: the catalog's pages"


def rebuild_under_serve(root: Path, runs: int = 3) -> float:
    """Median seconds from saving one credential to its page served with the new title."""
    port = 8700 + os.getpid() % 200
    source = next((root / "catalog").glob("*/credentials/*.yml"))
    url = f"http://127.0.0.1:{port}/catalog/credentials/{source.stem}/"
    log = root.parent / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env=_env(), stdout=output, stderr=subprocess.STDOUT,
        )
    original = source.read_text()
    try:
        _wait_for(url, "</html>", timeout=900, server=server)
        times = []
        for run in range(runs):
            marker = f"Edited for the benchmark {run}"
            time.sleep(1.5)  # the watcher's clock resolution: each save must look new
            settled = log.read_text(errors="replace").count(SETTLED)
            start = time.perf_counter()
            source.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
            _wait_for(url, marker, timeout=600, server=server)
            times.append(time.perf_counter() - start)
            deadline = time.monotonic() + 300
            while log.read_text(errors="replace").count(SETTLED) == settled and time.monotonic() < deadline:
                time.sleep(0.2)
        return statistics.median(times)
    finally:
        source.write_text(original)
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"`mkdocs serve` stopped or timed out before {url} showed {text!r}")


def workers_figures(root: Path, site: Path, plain: float) -> list[str]:
    """Our build without its index in 1, 2 and 4 worker processes: the speed-up with cores."""
    seconds = {workers: build(root, site, index=False, workers=workers)[0] for workers in (1, 2, 4)}
    return [f"| build {WORKERS_SIZE:,} without search, {workers} worker{'s' if workers > 1 else ''} | {time_:.2f} s | {plain:.2f} s (plain mkdocs) "
            f"| {time_ / plain:.2f}x; {seconds[1] / time_:.2f}x the speed of 1 worker |" for workers, time_ in seconds.items()]


def search_figures(site: Path, size: int) -> list[str]:
    try:
        from search_bench import measure
    except ImportError as error:
        return [f"| search | not available ({error}) | | |"]
    figures = measure(site)
    return [f"| search {size:,}: {name.replace('_', ' ')} | {_search_value(name, value)} | {SEARCH_TARGETS.get(name, '')} | |"
            for name, value in figures.items()]


# The targets at 10,000 credentials, shown beside the figures.
SEARCH_TARGETS = {"catalog_page_bytes": "target < 100 KB", "first_card_shown_ms": "target < 1,000 ms",
                  "search_bytes_to_first_results": "target < 1,024 KB", "keystroke_to_results_ms": "target < 300 ms",
                  "facet_ms": "target < 150 ms"}


def _search_value(name: str, value: float) -> str:
    if name.endswith("_ms"):
        return f"{value:.0f} ms"
    if "bytes" in name:
        return f"{value / 1024:,.0f} KB"
    return f"{value:,}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="microcred-bench-"))
    started = time.perf_counter()
    rows = ["| measure | ours | peer | ours / peer |", "|---|---:|---:|---:|"]
    builds: dict[int, float] = {}
    try:
        for size in sizes:
            runs = RUNS.get(size, 1)
            target = work / str(size)
            shutil.rmtree(target, ignore_errors=True)
            ours, plain = generate(size, target)
            print(f"-- {size} credentials ({runs} run(s))", file=sys.stderr, flush=True)
            v_ours, v_peer = [], []
            for _ in range(runs):
                v_ours.append(validate_ours(ours))
                v_peer.append(validate_peer(ours))
            rows.append(f"| validate {size:,} | {median(v_ours):.2f} s | {median(v_peer):.2f} s (check-jsonschema) | {median(v_ours) / median(v_peer):.2f}x |")
            full, peer, bare, plain_bare, memory, plain_memory, plain_search_memory, indexing = ([] for _ in range(8))
            for _ in range(runs):
                seconds, peak, index_seconds = build(ours, target / "site", index=True)
                full.append(seconds)
                memory.append(peak)
                indexing.append(index_seconds)
                seconds, peak, _ = build(plain, target / "plain-search-site", index=False, config=SEARCH_CONFIG)
                peer.append(seconds)
                plain_search_memory.append(peak)
                seconds, peak, _ = build(plain, target / "plain-site", index=False)
                plain_bare.append(seconds)
                plain_memory.append(peak)
                if size in NO_INDEX_SIZES:
                    bare.append(build(ours, target / "bare-site", index=False)[0])
            builds[size] = median(full)
            rows.append(f"| build {size:,} with search (ours: Pagefind; peer: mkdocs-material's) | {median(full):.2f} s | {median(peer):.2f} s (plain mkdocs) "
                        f"| {median(full) / median(peer):.2f}x (target ≤ {BUILD_TARGET:.2f}x) |")
            if bare:
                rows.append(f"| build {size:,} without search | {median(bare):.2f} s | {median(plain_bare):.2f} s (plain mkdocs) | {median(bare) / median(plain_bare):.2f}x |")
            rows.append(f"| peak memory of build {size:,}, ours with its index | {max(memory) / 2**20:.0f} MB | {max(plain_memory) / 2**20:.0f} MB (plain, no search) "
                        f"| {max(memory) / max(plain_memory):.2f}x (target ≤ {MEMORY_TARGET:.2f}x) |")
            rows.append(f"| peak memory of build {size:,}, both with search | {max(memory) / 2**20:.0f} MB | {max(plain_search_memory) / 2**20:.0f} MB | {max(memory) / max(plain_search_memory):.2f}x |")
            rows.append(f"| site bytes per credential {size:,} (ours with its search index) | {site_bytes(target / 'site') / size / 1024:.1f} KB | {site_bytes(target / 'plain-site') / size / 1024:.1f} KB | |")
            rows.append(f"| search indexing {size:,} (records and Pagefind, beside the pages: part of the build) | {median(indexing):.2f} s | | |")
            if size == WORKERS_SIZE:
                rows += workers_figures(ours, target / "bare-site", median(plain_bare))
            if size in SERVE_SIZES:
                served = rebuild_under_serve(ours, runs=SERVE_RUNS.get(size, 3))
                rows.append(f"| save to page served under `serve`, {size:,} | {served:.2f} s | {median(full):.2f} s (our full build) "
                            f"| {served / median(full):.2f}x ({SERVE_TARGETS[size]}) |")
            if size in SEARCH_SIZES:
                rows += search_figures(target / "site", size)
            if not args.keep:
                shutil.rmtree(target, ignore_errors=True)
        if len(builds) > 1:
            small, large = min(builds), max(builds)
            rows.append(f"| build growth {small:,} -> {large:,} (linear = {large / small:.0f}x) | {builds[large] / builds[small]:.1f}x | | |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    header = [
        "# Benchmark results", "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, `make bench` took {(time.perf_counter() - started) / 60:.1f} min. "
        "Times are medians (3 runs at 100, 2 at 1,000, 1 at 5,000 and 10,000); the peer ran beside ours in the same session. "
        "Our builds run the search index beside the pages, in the same pool of workers (one per core unless a row says "
        "otherwise): their times include it; the plain site's peer build has mkdocs-material's own search.", "",
    ]
    text = "\n".join(header + rows) + "\n"
    (REPO / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
