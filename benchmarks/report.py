"""Time and size of the review report for a large corpus, and how the page behaves in a browser.

    python benchmarks/report.py [--essays 2000] [--jobs N] [--json]

Builds the seeded synthetic corpus of `benchmarks/run.py` (2 to 4 KB essays
recombined from corpus/), then times `essaylint report` as HTML and as
Markdown in their own processes (wall time, peak memory of the process,
size of the output), and, when Debian's chromium and Playwright are here,
opens the HTML page: time to load it, time to open the largest essay (its
rendered Markdown, highlights and charts are made from a <template> when
opened), and any console error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import OUT, build_corpus


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak MB of the process) for one run of `cmd`, from GNU time when it is here."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    stats = OUT / "report-time.txt"
    prefix = [gnu_time, "-f", "%M", "-o", str(stats)] if gnu_time else []
    start = time.perf_counter()
    done = subprocess.run([*prefix, *cmd], cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    peak = float(stats.read_text().split()[-1]) / 1024 if gnu_time and stats.exists() else float("nan")
    return wall, peak


def in_browser(page_path: Path) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return {"browser": "chromium is not installed"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"browser": "playwright is not installed (pip install -e '.[test]')"}
    from tests.test_report import ARGS

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        start = time.perf_counter()
        page.goto(page_path.as_uri(), wait_until="load")
        load = time.perf_counter() - start
        page.click("#essay-table thead th[data-key='total'] button")
        page.click("#essay-table thead th[data-key='total'] button")  # most findings first
        start = time.perf_counter()
        page.locator("#essay-table tbody tr a").first.click()
        page.wait_for_selector("#detail .essay-rendered")
        opened = time.perf_counter() - start
        browser.close()
    return {"load_s": round(load, 2), "open_essay_s": round(opened, 3), "console_errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "report-corpus"
    _paths, size = build_corpus(work / "corpus", args.essays)
    essaylint = [sys.executable, "-m", "lint"]
    html_out, md_out = work / "report.html", work / "report.md"
    results = {"essays": args.essays, "corpus_mb": round(size / 1e6, 2), "jobs": args.jobs}
    for name, out in (("html", html_out), ("markdown", md_out)):
        cmd = [*essaylint, "report", "corpus", "--format", name, "-o", str(out), "--jobs", str(args.jobs)]
        wall, peak = timed(cmd, work)
        results[name] = {
            "wall_s": round(wall, 2),
            "peak_mb": round(peak, 1),
            "size_mb": round(out.stat().st_size / 1e6, 2),
        }
    results.update(in_browser(html_out))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{args.essays} essays, {results['corpus_mb']} MB, jobs={args.jobs}, {os.cpu_count()} cores")
    for name in ("html", "markdown"):
        r = results[name]
        print(f"report --format {name:<9} {r['wall_s']:>7.2f} s  {r['size_mb']:>6.2f} MB  peak {r['peak_mb']:.0f} MB")
    if "load_s" in results:
        print(
            f"in Chromium: page loads in {results['load_s']} s, the essay with most findings opens in "
            f"{results['open_essay_s']} s, console errors: {len(results['console_errors'])}"
        )
    else:
        print(results["browser"])


if __name__ == "__main__":
    main()
