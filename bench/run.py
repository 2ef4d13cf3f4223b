"""`make bench`: build synthetic catalogs of 100 to 10,000 credentials and print the figures.

Each figure is the median of several runs (one at 10,000 to stay within 15 minutes),
with its peer measured in the same run beside it, so the ratio holds on a noisy machine,
and issue 21's target beside it, with whether it is met:
1. validation: `python -m microcred validate` vs `check-jsonschema` on the same files
   (one per core, on a share of the files each; not at 10,000, where the peer alone
   takes two minutes of the budget);
2. full build: ours with its search index vs a plain mkdocs-material build of the same
   content written as markdown pages, with mkdocs-material's search (target 0.6x); both
   without search too at 100; ours with MICROCRED_WORKERS=1, 2 and 4 at 1,000;
3. save to page served while `mkdocs serve` runs, from saving one credential to its page
   served new, against our full build of the same catalog (at 1,000 and 10,000);
4. peak memory of the build (ru_maxrss of the build and its workers: the largest of
   them, not their sum) against the plain build without search (target 2x) and with
   it, and built bytes per credential;
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
BUILD_TARGET_SIZES = (1000, 10000)
MEMORY_TARGET = 2.0  # peak memory of our build against the plain build's (without search)
MEMORY_TARGET_SIZES = (10000,)
SERVE_SHARE = 0.2  # save to page served at 1,000, against our full build
SERVE_SECONDS = 2.0  # save to page served at 10,000
NO_INDEX_SIZES = (100,)  # ours without its index too (at larger sizes the time is the 15 minutes')
VALIDATE_PEER_SIZES = (100, 1000)
WORKERS_SIZE = 1000  # MICROCRED_WORKERS=1, 2 and 4, search index included, at this size
WORKERS = (1, 2, 4)
SERVE_SIZES = (1000, 10000)
SERVE_RUNS = {10000: 2}
# Runs per size: enough for a median where a run is short, one where a run takes minutes
# (the whole benchmark must stay within 15 minutes; 5,000 is run on request: --sizes).
RUNS = {100: 2, 1000: 2, 5000: 1, 10000: 1}
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


# What the preview prints once the lists and other catalog-wide pages of an update are made,
# and once the catalog-wide exports and search index are: the benchmark's next save waits
# for both, as a contributor reads the page before saving again, so that each save is
# timed from a preview at rest (not sharing the process with the last save's indexing).
SETTLED = ("Preview updated in place: the catalog's pages", "Preview updated in place: the catalog-wide files")


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
            settled = _settled(log)
            start = time.perf_counter()
            source.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
            _wait_for(url, marker, timeout=600, server=server)
            times.append(time.perf_counter() - start)
            if run == runs - 1:
                break  # the last save: nothing follows to wait for
            deadline = time.monotonic() + 300
            while any(now == before for now, before in zip(_settled(log), settled)) and time.monotonic() < deadline:
                time.sleep(0.2)
        return statistics.median(times)
    finally:
        source.write_text(original)
        server.terminate()
        server.wait(timeout=30)


def _settled(log: Path) -> tuple[int, ...]:
    text = log.read_text(errors="replace")
    return tuple(text.count(line) for line in SETTLED)


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


def row(measure: str, ours: str, peer: str = "", ratio: str = "", target: str = "", met: bool | None = None) -> str:
    """One line of the table: | measure | ours | peer | ours / peer | target | met |."""
    return f"| {measure} | {ours} | {peer} | {ratio} | {target} | {'' if met is None else ('yes' if met else 'no')} |"


def workers_figures(root: Path, site: Path, plain: float, runs: int) -> list[str]:
    """Our full build, search index included, in 1, 2 and 4 worker processes (the median of
    `runs` each, taken in turn): the speed-up with cores, against the plain build with its
    search measured in the same session."""
    times: dict[int, list[float]] = {workers: [] for workers in WORKERS}
    for _ in range(runs):
        for workers in WORKERS:
            times[workers].append(build(root, site, index=True, workers=workers)[0])
    seconds = {workers: median(values) for workers, values in times.items()}
    return [row(f"build {WORKERS_SIZE:,} with search, MICROCRED_WORKERS={workers} ({seconds[1] / time_:.2f}x the speed of 1 worker)",
                f"{time_:.2f} s", f"{plain:.2f} s (plain, with search)", f"{time_ / plain:.2f}x") for workers, time_ in seconds.items()]


def search_figures(site: Path, size: int) -> list[str]:
    try:
        from search_bench import measure
    except ImportError as error:
        return [row("search", f"not available ({error})")]
    figures = measure(site)
    rows = []
    for name, value in figures.items():
        limit = SEARCH_TARGETS.get(name)
        target = "" if limit is None else f"< {_search_value(name, limit)}"
        rows.append(row(f"search {size:,}: {name.replace('_', ' ')}", _search_value(name, value), target=target,
                        met=None if limit is None else value < limit))
    return rows


# The search issue's targets at 10,000 credentials, shown beside the figures.
SEARCH_TARGETS = {"catalog_page_bytes": 100 * 1024, "first_card_shown_ms": 1000, "search_bytes_to_first_results": 1024 * 1024,
                  "keystroke_to_results_ms": 300, "facet_ms": 150}


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
    parser.add_argument("--note", default="", help="a sentence for results.md (e.g. what else ran on the machine)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="microcred-bench-"))
    started = time.perf_counter()
    load_before = os.getloadavg()[1]
    rows = ["| measure | ours | peer | ours / peer | target | met |", "|---|---:|---:|---:|---|---|"]
    builds: dict[int, float] = {}
    try:
        for size in sizes:
            runs = RUNS.get(size, 1)
            target = work / str(size)
            shutil.rmtree(target, ignore_errors=True)
            ours, plain = generate(size, target)
            print(f"-- {size} credentials ({runs} run(s)), {(time.perf_counter() - started) / 60:.1f} min in", file=sys.stderr, flush=True)
            v_ours = [validate_ours(ours) for _ in range(runs)]
            if size in VALIDATE_PEER_SIZES:
                v_peer = [validate_peer(ours) for _ in range(runs)]
                rows.append(row(f"validate {size:,}", f"{median(v_ours):.2f} s", f"{median(v_peer):.2f} s (check-jsonschema)", f"{median(v_ours) / median(v_peer):.2f}x"))
            else:
                rows.append(row(f"validate {size:,}", f"{median(v_ours):.2f} s", "not run at this size (the time budget)"))
            full, peer, bare, plain_bare, memory, plain_memory, plain_search_memory, indexing = ([] for _ in range(8))
            for _ in range(runs):  # ours and the peers in turn, so that a busy spell falls on both
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
            ratio = median(full) / median(peer)
            rows.append(row(f"build {size:,} with search (ours: Pagefind; peer: mkdocs-material's)", f"{median(full):.2f} s",
                            f"{median(peer):.2f} s (plain, with search)", f"{ratio:.2f}x",
                            *((f"≤ {BUILD_TARGET:.2f}x", ratio <= BUILD_TARGET) if size in BUILD_TARGET_SIZES else ())))
            if bare:
                rows.append(row(f"build {size:,} without search", f"{median(bare):.2f} s", f"{median(plain_bare):.2f} s (plain)",
                                f"{median(bare) / median(plain_bare):.2f}x"))
            memory_ratio = max(memory) / max(plain_memory)
            rows.append(row(f"peak memory of build {size:,}, ours with its index", f"{max(memory) / 2**20:.0f} MB",
                            f"{max(plain_memory) / 2**20:.0f} MB (plain, no search)", f"{memory_ratio:.2f}x",
                            *((f"≤ {MEMORY_TARGET:.2f}x", memory_ratio <= MEMORY_TARGET) if size in MEMORY_TARGET_SIZES else ())))
            rows.append(row(f"peak memory of build {size:,}, both with search", f"{max(memory) / 2**20:.0f} MB",
                            f"{max(plain_search_memory) / 2**20:.0f} MB (plain, with search)", f"{max(memory) / max(plain_search_memory):.2f}x"))
            rows.append(row(f"site bytes per credential {size:,} (ours with its search index)", f"{site_bytes(target / 'site') / size / 1024:.1f} KB",
                            f"{site_bytes(target / 'plain-site') / size / 1024:.1f} KB (plain)"))
            rows.append(row(f"search indexing {size:,} (records and Pagefind, beside the pages: part of the build)", f"{median(indexing):.2f} s"))
            if size == WORKERS_SIZE:
                rows += workers_figures(ours, target / "workers-site", median(peer), runs=1)
            if size in SERVE_SIZES:
                print(f"-- {size}: save to page served, {(time.perf_counter() - started) / 60:.1f} min in", file=sys.stderr, flush=True)
                served = rebuild_under_serve(ours, runs=SERVE_RUNS.get(size, 3))
                share = served / median(full)
                target_text, met = (f"< {SERVE_SECONDS:.0f} s", served < SERVE_SECONDS) if size >= 10000 else (f"≤ {SERVE_SHARE:.2f}x", share <= SERVE_SHARE)
                rows.append(row(f"save to page served under `serve`, {size:,}", f"{served:.2f} s", f"{median(full):.2f} s (our full build)",
                                f"{share:.2f}x", target_text, met))
            if size in SEARCH_SIZES:
                rows += search_figures(target / "site", size)
            if not args.keep:
                shutil.rmtree(target, ignore_errors=True)
        if len(builds) > 1:
            small, large = min(builds), max(builds)
            rows.append(row(f"build growth {small:,} -> {large:,} (linear = {large / small:.0f}x)", f"{builds[large] / builds[small]:.1f}x"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    minutes = (time.perf_counter() - started) / 60
    header = [
        "# Benchmark results", "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, `make bench` took {minutes:.1f} min (budget 15); the machine's load average "
        f"(5 min) was {load_before:.1f} at the start and {os.getloadavg()[1]:.1f} at the end (at {CORES}, every core is busy). "
        "Times are medians (2 runs at 100 and 1,000, 1 at 5,000 and 10,000, 1 for each worker count); each peer ran beside ours in the same session, "
        "in turn with it. Our builds run the search index beside the pages, in the same pool of workers (one per core "
        "unless a row says otherwise): their times include it; the plain site's peer build has mkdocs-material's own "
        "search. Targets are issue 21's, and the search issue's (set for 10,000, shown at 1,000 too).", "",
        *([args.note, ""] if args.note else []),
    ]
    text = "\n".join(header + rows) + "\n"
    (REPO / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
