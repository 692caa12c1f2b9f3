"""The review report: escaping, Markdown, and the HTML page in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = """# Title <script>alert(1)</script>

Text with <img src=x onerror="alert(2)"> and </textarea><textarea> and a "quote".

The the end & <b>bold</b> {{ template }} `code`.
"""


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", str(CORPUS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_report_is_self_contained(corpus_report):
    page = corpus_report.read_text(encoding="utf-8")
    import re

    assert "<svg" in page and "<link" not in page
    # Nothing is loaded from elsewhere: no src/href/url() pointing off the page (xmlns URIs are names, not loads).
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", page)
    for name in ("000_d1ea6cfdf41060e6", "003_9a36943863f6da93", "004_487bc65cb95615c7"):
        assert name in page


def test_hostile_essay_text_is_escaped(tmp_path):
    (tmp_path / "x<b>y.md").write_text(HOSTILE)
    out = tmp_path / "r.html"
    assert run_cli("report", ".", "-o", str(out), cwd=tmp_path).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and 'onerror="alert' not in page and "</textarea><textarea>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "x&lt;b&gt;y.md" in page
    md = run_cli("report", ".", "--format", "markdown", cwd=tmp_path).stdout
    assert "<b>" not in md


def corpus_claim_counts() -> dict[str, int]:
    """Claim findings per corpus essay, from `check`: what the report must show."""
    import json

    checked = json.loads(run_cli("check", str(CORPUS), "--select", "claims", "--format", "json").stdout)
    return {
        Path(f["path"]).name: sum(1 for x in f["findings"] if x["rule"] == "claims.checkable-claim")
        for f in checked["files"]
    }


def test_markdown_report_has_the_overview_and_claims():
    md = run_cli("report", str(CORPUS), "--format", "markdown").stdout
    total = sum(corpus_claim_counts().values())
    assert md.startswith("# essaylint review report") and f"## Claims to review ({total})" in md
    assert md.count("| corpus/") == 5 and "tipped Australian authorities" in md


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri())
    return page, errors


def test_report_in_a_real_browser(browser, corpus_report):
    page, errors = open_page(browser, corpus_report)
    rows = page.locator("#essay-table tbody tr")
    assert rows.count() == 5
    page.fill("#filter", "002")
    assert rows.count() == 1 and "002_e419e24209e60c16" in rows.first.inner_text()
    page.fill("#filter", "")
    page.select_option("#cat-filter", "claims")
    counts = corpus_claim_counts()
    assert rows.count() == sum(1 for n in counts.values() if n)
    page.select_option("#cat-filter", "")
    page.click("#essay-table thead th[data-key='total']")
    page.click("#essay-table thead th[data-key='total']")
    assert "004_487bc65cb95615c7" in rows.first.inner_text()  # most findings first

    page.click("text=corpus/003_9a36943863f6da93.txt >> nth=0")
    marks = page.locator("#detail mark.hl")
    assert marks.first.inner_text() == "Nationâ€™s" and "error" in marks.first.get_attribute("class")
    assert "encoding.mojibake" in marks.first.get_attribute("title") and "Nation’s" in marks.first.get_attribute(
        "title"
    )
    page.click("text=corpus/002_e419e24209e60c16.txt >> nth=0")
    corporation = page.locator("#detail mark.hl", has_text="corporation")
    assert corporation.count() >= 1 and "cooperation" in corporation.first.get_attribute("title")
    corporation.first.click()
    assert page.locator("#detail li.finding.active").count() >= 1
    page.click("text=corpus/004_487bc65cb95615c7.txt >> nth=0")
    assert page.locator("#detail ul.claims li").count() == counts["004_487bc65cb95615c7.txt"]
    assert "tipped Australian authorities" in page.locator("#detail ul.claims").inner_text()
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "report-screenshot.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert errors == []


def test_the_essay_reads_as_rendered_markdown_with_marks_in_place(browser, tmp_path):
    (tmp_path / "e.md").write_text(
        "---\ntitle: Draft\n---\n# The Title\n\nA paragraph with **teh bold** word.\n\n"
        "## Skipped\n\n```\ncode = teh\n```\n\n- a list item with recieve\n"
    )
    out = tmp_path / "r.html"
    run_cli("report", ".", "-o", str(out), cwd=tmp_path)
    page, errors = open_page(browser, out)
    page.click("text=e.md >> nth=0")
    essay = page.locator("#detail .essay-rendered")
    assert essay.locator("h1").inner_text() == "The Title" and essay.locator("h2").count() == 1
    assert (
        essay.locator("strong mark.hl").inner_text() == "teh" and essay.locator("li mark.hl").inner_text() == "recieve"
    )
    assert essay.locator("pre code").inner_text().strip() == "code = teh"  # code is code, not checked for spelling
    assert "title: Draft" in essay.locator("pre.front-matter").inner_text() and "#" not in essay.inner_text()
    font = page.evaluate("getComputedStyle(document.querySelector('#detail .essay-rendered p')).fontFamily")
    assert font == page.evaluate("getComputedStyle(document.body).fontFamily")  # the page's own font
    assert not page.locator("#detail pre.essay-text").is_visible()
    page.click("#detail details.source summary")
    assert page.locator("#detail pre.essay-text").inner_text().startswith("---\ntitle: Draft")
    assert errors == []


def test_findings_are_reached_from_the_keyboard(browser, corpus_report):
    page, errors = open_page(browser, corpus_report)
    page.click("text=corpus/002_e419e24209e60c16.txt >> nth=0")
    items = page.locator("#detail li.finding")
    page.keyboard.press("j")
    assert items.nth(0).evaluate("n => n.classList.contains('active') && document.activeElement === n")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    second = items.nth(1)
    assert second.evaluate("n => n.classList.contains('active') && document.activeElement === n")
    ref = second.get_attribute("data-f")
    assert page.locator(f'#detail .essay-rendered mark.active[data-f~="{ref}"]').count() >= 1
    items.nth(3).focus()
    page.keyboard.press("Enter")
    assert page.locator("#detail li.finding.active").get_attribute("data-f") == items.nth(3).get_attribute("data-f")
    assert errors == []


def test_each_corpus_essays_panels_match_check_json(browser, corpus_report):
    checked = json.loads(run_cli("check", str(CORPUS), "--format", "json").stdout)
    page, errors = open_page(browser, corpus_report)
    for file in checked["files"]:
        page.click(f"text={file['path']} >> nth=0")
        shown = [" ".join(t.split()[:1] + t.split()[2:3]) for t in page.locator("#detail li.finding").all_inner_texts()]
        assert shown == [f"{f['line']}:{f['column']} {f['rule']}" for f in file["findings"]], file["path"]
        claims = sum(1 for f in file["findings"] if f["rule"] == "claims.checkable-claim")
        assert page.locator("#detail ul.claims li.claim").count() == claims
        categories = page.locator("#detail figure.chart").first.locator("table tr").count() - 1
        assert categories == len({f["rule"].split(".")[0] for f in file["findings"]})
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_violation(browser, corpus_report, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 1000}, color_scheme=scheme)
    page.goto(corpus_report.as_uri())
    page.click("text=corpus/004_487bc65cb95615c7.txt >> nth=0")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # tables and source too
    page.keyboard.press("j")  # an active finding and mark have their own colours
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.evaluate("document.querySelectorAll('#detail svg[role=img][aria-label]').length") == 2
    page.close()


def test_hostile_report_runs_no_script_in_the_browser(browser, tmp_path):
    (tmp_path / "e.md").write_text(HOSTILE)
    out = tmp_path / "r.html"
    run_cli("report", ".", "-o", str(out), cwd=tmp_path)
    page, errors = open_page(browser, out)
    page.click("text=e.md >> nth=0")
    assert "<script>alert(1)</script>" in page.locator("#detail .essay-rendered").inner_text()
    page.click("#detail details.source summary")  # the source one click away
    assert "<script>alert(1)</script>" in page.locator("#detail pre.essay-text").inner_text()
    assert page.locator("#detail img").count() == 0 and page.locator("#detail textarea").count() == 0
    assert errors == []


def test_large_report_is_paginated_and_lazy(browser, tmp_path):
    """2,000 essays recombined from the corpus (as benchmarks/report.py makes them)."""
    from benchmarks.run import build_corpus

    build_corpus(tmp_path / "essays", 2000)
    out = tmp_path / "r.html"
    assert run_cli("report", "essays", "-o", str(out), cwd=tmp_path).returncode in (0, 1)
    page, errors = open_page(browser, out)
    assert page.locator("#essay-table tbody tr").count() == 100
    assert "2000 of 2000 essays, page 1 of 20" in page.inner_text("#page-info")
    assert page.locator("#detail mark").count() == 0  # nothing rendered until an essay is opened
    for _ in range(19):
        page.click("#next")
    assert page.locator("#essay-table tbody tr").count() == 100
    page.locator("#essay-table tbody tr a").last.click()
    assert page.locator("#detail .essay-rendered h1").count() == 1
    page.select_option("#cat-filter", "claims")
    page.locator("#essay-table tbody tr a").first.click()
    assert page.locator("#detail ul.claims li.claim").count() >= 1
    assert errors == []
    # every essay's panels, as the page holds them, against `check --format json` for that essay
    checked = json.loads(run_cli("check", "essays", "--format", "json", "--no-cache", cwd=tmp_path).stdout)
    expected = {
        f["path"]: (
            [f"{x['line']}:{x['column']} {x['rule']}" for x in f["findings"]],
            sum(1 for x in f["findings"] if x["rule"] == "claims.checkable-claim"),
        )
        for f in checked["files"]
    }
    shown = {}
    for template in re.findall(r'<template id="tpl-\d+">(.*?)</template>', out.read_text(encoding="utf-8"), re.S):
        path = re.match(r"<h2>([^<]+)</h2>", template).group(1)
        items = re.findall(
            r'<span class="where">(\d+:\d+)</span> <span class="level">\w+</span> <code>([^<]+)</code>', template
        )
        claims = re.search(r"<h3>Claims \(([\d,]+)\)</h3>", template).group(1)
        shown[path] = ([f"{where} {rule}" for where, rule in items], int(claims.replace(",", "")))
    assert len(shown) == 2000 and shown == expected
    assert sum(n for _, n in shown.values()) > 1000


def test_each_essays_claims_panel_matches_its_claim_findings(tmp_path):
    """Generated essays repeat sentences across files and within one; a verified claim is no finding."""
    import json
    import re

    tipped = "In 2019 the national intelligence agency tipped Australian authorities about a cyberattack."
    signed = "Egypt signed a peace treaty with Israel in 1979."
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(f"# A\n\n{tipped}\n\n{signed}\n\n{signed}\n")
    (tmp_path / "b.md").write_text(f"# B\n\n{signed}\n\n{tipped}\n")
    listed = json.loads(run_cli("claims", "list", "b.md", "--format", "json", cwd=tmp_path).stdout)["claims"]
    cid = next(c["claim_id"] for c in listed if "Egypt" in c["sentence"])
    assert run_cli("claims", "mark", cid, "--paths", "b.md", "--status", "verified", cwd=tmp_path).returncode == 0
    checked = json.loads(run_cli("check", ".", "--select", "claims", "--format", "json", cwd=tmp_path).stdout)
    expected = {
        f["path"]: sum(1 for x in f["findings"] if x["rule"] == "claims.checkable-claim") for f in checked["files"]
    }
    assert expected == {"a.md": 3, "b.md": 1}
    out = tmp_path / "r.html"
    assert run_cli("report", ".", "--select", "claims", "-o", str(out), cwd=tmp_path).returncode in (0, 1)
    page = out.read_text(encoding="utf-8")
    panels = dict(re.findall(r'<template id="tpl-\d+"><h2>([^<]+)</h2>.*?<h3>Claims \((\d+)\)</h3>', page, flags=re.S))
    assert {path: int(n) for path, n in panels.items()} == expected
    # each claim with its kind, its cues and the command that marks it
    assert "(line 3, figure)" in page and "essaylint claims mark" in page and "event: tipped" in page


def test_report_fits_a_phone_and_follows_a_dark_scheme(browser, corpus_report):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(corpus_report.as_uri())
    page.click("text=corpus/004_487bc65cb95615c7.txt >> nth=0")  # the open essay must fit too
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "report-390px.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 28)"
    page.close()


def test_totals_read_as_numbers_and_words(corpus_report):
    import re

    page = corpus_report.read_text(encoding="utf-8")
    totals = re.search(r'<p class="totals">(.*?)</p>', page, flags=re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", "", totals).split())
    assert re.search(r"5 essays, [\d,]+ words, \d+ findings: 1 error, \d+ warnings, \d+ suggestions", text), text
    assert re.search(r"\d,\d{3} words", text) and not re.search(r"\d{4}", text)  # thousands are separated
    rows = json.loads(re.search(r'id="report-data">(.*?)</script>', page, flags=re.S).group(1))["rows"]
    assert all(round(r["grade"], 1) == r["grade"] for r in rows)


def test_columns_sort_from_the_keyboard_and_say_their_direction(browser, corpus_report):
    page, errors = open_page(browser, corpus_report)
    total = page.locator("#essay-table thead th[data-key='total']")
    assert page.locator("#essay-table thead th[data-key='path']").get_attribute("aria-sort") == "ascending"
    total.locator("button").focus()
    page.keyboard.press("Enter")
    assert total.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert total.get_attribute("aria-sort") == "descending"
    assert page.locator("#essay-table thead th[data-key='path']").get_attribute("aria-sort") == "none"
    assert "004_487bc65cb95615c7" in page.locator("#essay-table tbody tr").first.inner_text()
    assert errors == []
    page.close()


def test_markdown_report_of_a_large_corpus_is_a_top_view_within_githubs_limit():
    from lint.claims_ledger import ListedClaim
    from lint.finding import Finding, Level
    from lint.report import MARKDOWN_CLAIMS, MARKDOWN_ESSAYS, EssayReport, render_markdown
    from lint.result import FileResult

    essays = []
    for i in range(2000):
        level = Level.ERROR if i % 97 == 0 else Level.SUGGESTION
        findings = [Finding("x.rule", "style", level, f"e{i}.md", 1, 1, 1, 2, "m")] * (1 + i % 5)
        claims = [ListedClaim(f"{i:012d}", f"e{i}.md", 3, "Egypt signed a treaty in 1979. " * 3, "new")]
        essays.append(EssayReport(f"e{i}.md", "", FileResult(f"e{i}.md", findings), claims))
    md = render_markdown(essays)
    assert len(md.encode()) < 1024 * 1024
    rows = [line for line in md.splitlines() if line.startswith("| e") and not line.startswith("| essay")]
    assert len(rows) == MARKDOWN_ESSAYS and rows[0].startswith("| e1164.md ")  # the most errors first (5)
    with_errors = {f"e{i}.md" for i in range(0, 2000, 97)}
    assert {row.split(" | ")[0][2:] for row in rows[: len(with_errors)]} == with_errors
    assert f"The {MARKDOWN_ESSAYS} essays with the most errors, then findings, of 2,000:" in md
    assert sum(1 for line in md.splitlines() if line.startswith("- `")) == MARKDOWN_CLAIMS
    assert f"- ... and {2000 - MARKDOWN_CLAIMS:,} more: `essaylint claims list --state new`" in md
