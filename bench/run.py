"""`make bench`: build synthetic catalogs of 100 to 10,000 credentials and print the figures.

Each figure is the median of several runs (one at 10,000 to stay within 15 minutes),
with its peer measured in the same run beside it, so the ratio holds on a noisy machine:
1. validation: `python -m microcred validate` vs `check-jsonschema` on the same files
   (one per core, on a share of the files each);
2. full build without search indexing: ours (built with its index, the indexing time the
   hook logs taken out) vs a plain mkdocs-material build of the same content written as
   markdown pages without search; indexing on its own line;
3. rebuild while `mkdocs serve` runs, from saving one credential to its page served new;
4. peak memory of the build (the child's ru_maxrss) and built bytes per credential;
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
from generate import REPO, generate  # noqa: E402

BIN = Path(sys.executable).parent
# Runs per size: enough for a median where a run is short, one where a run takes minutes
# (the whole benchmark must stay within 15 minutes; 5,000 is run on request: --sizes).
RUNS = {100: 3, 1000: 2, 5000: 1, 10000: 1}
CORES = os.cpu_count() or 1
SERVE_SIZE = 1000
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


def build(root: Path, site: Path, index: bool = False) -> tuple[float, int, float]:
    """Seconds without the search index, peak bytes and the indexing seconds (the hook
    logs them), so one build with the index gives both figures."""
    shutil.rmtree(site, ignore_errors=True)
    quiet = [] if index else ["--quiet"]
    seconds, peak, log = timed([str(BIN / "mkdocs"), "build", *quiet, "--site-dir", str(site)], root, _env(MICROCRED_SEARCH_INDEX="1" if index else "0"))
    indexing = float(INDEX_LINE.search(log)["seconds"]) if index else 0.0
    return seconds - indexing, peak, indexing


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def rebuild_under_serve(root: Path, runs: int = 3) -> float:
    """Median seconds from saving one credential to its page served with the new title."""
    port = 8700 + os.getpid() % 200
    source = next((root / "catalog").glob("*/credentials/*.yml"))
    url = f"http://127.0.0.1:{port}/catalog/credentials/{source.stem}/"
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    original = source.read_text()
    try:
        _wait_for(url, "</html>", timeout=600, server=server)
        times = []
        for run in range(runs):
            marker = f"Edited for the benchmark {run}"
            time.sleep(1.5)  # the watcher's clock resolution: each save must look new
            start = time.perf_counter()
            source.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
            _wait_for(url, marker, timeout=600, server=server)
            times.append(time.perf_counter() - start)
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


def search_figures(site: Path, size: int) -> list[str]:
    try:
        from search_bench import measure
    except ImportError as error:
        return [f"| search | not available ({error}) | | |"]
    figures = measure(site)
    return [f"| search {size:,}: {name.replace('_', ' ')} | {_search_value(name, value)} | {SEARCH_TARGETS.get(name, '')} | |"
            for name, value in figures.items()]


# The targets at 10,000 credentials, shown beside the figures.
SEARCH_TARGETS = {"search_bytes_to_first_results": "target < 1,024 KB", "keystroke_to_results_ms": "target < 300 ms",
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
            b_ours, b_plain, memory, plain_memory, indexing = [], [], [], [], []
            for _ in range(runs):
                seconds, peak, index_seconds = build(ours, target / "site", index=True)
                b_ours.append(seconds)
                memory.append(peak)
                indexing.append(index_seconds)
                seconds, peak, _ = build(plain, target / "plain-site")
                b_plain.append(seconds)
                plain_memory.append(peak)
            builds[size] = median(b_ours)
            rows.append(f"| build {size:,} (no search index) | {median(b_ours):.2f} s | {median(b_plain):.2f} s (plain mkdocs) | {median(b_ours) / median(b_plain):.2f}x |")
            rows.append(f"| peak memory of build {size:,} | {max(memory) / 2**20:.0f} MB | {max(plain_memory) / 2**20:.0f} MB | |")
            rows.append(f"| site bytes per credential {size:,} (ours with its search index) | {site_bytes(target / 'site') / size / 1024:.1f} KB | {site_bytes(target / 'plain-site') / size / 1024:.1f} KB | |")
            rows.append(f"| search indexing {size:,} (records and Pagefind, part of the build) | {median(indexing):.2f} s | | |")
            if size == SERVE_SIZE:
                rows.append(f"| rebuild under serve {size:,}: save to page served | {rebuild_under_serve(ours):.2f} s | | |")
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
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, `make bench` took {(time.perf_counter() - started) / 60:.1f} min. "
        "Times are medians (3 runs at 100, 2 at 1,000, 1 at 5,000 and 10,000); the peer ran beside ours in the same session. "
        "Our build times leave out the search indexing, reported on its own line.", "",
    ]
    text = "\n".join(header + rows) + "\n"
    (REPO / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
