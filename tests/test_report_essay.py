"""The essay rendered from Markdown with each finding at its exact place, on hand-made and real text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from lint.finding import Finding, Level
from lint.report_essay import render_essay
from tests.conftest import CORPUS, ROOT

REALTEXT = ROOT.parent / "shared" / "realtext"
MARK = re.compile(r'<mark class="hl( pin)? [^"]*" data-f="([\d ]+)" title="[^"]*">(.*?)</mark>', re.S)


def finding(text: str, needle: str, length: int | None = None, rule: str = "x.rule") -> Finding:
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    end = at + (len(needle) if length is None else length)
    return Finding(rule, "style", Level.WARNING, "e.md", line, 1, line, 1, "message", offset=at, end_offset=end)


def rendered(text: str, findings: list[Finding], front: tuple[int, int] | None = None) -> str:
    return render_essay(text, findings, {id(f): n for n, f in enumerate(findings)}, front)


def marked(page: str) -> dict[int, str]:
    """Finding number -> the text its marks hold, joined (pins hold a flag, kept apart as '<pin>')."""
    out: dict[int, str] = {}
    for pin, refs, inner in MARK.findall(page):
        for ref in refs.split():
            out[int(ref)] = out.get(int(ref), "") + ("<pin>" if pin else html.unescape(re.sub("<[^>]+>", "", inner)))
    return out


def test_headings_code_and_emphasis_render_with_marks_on_their_words():
    text = "# A title\n\nSome **bold words** and `the code` here.\n\n```py\nx = teh(1)\n```\n"
    found = [finding(text, "bold words"), finding(text, "the code"), finding(text, "teh"), finding(text, "title")]
    page = rendered(text, found)
    assert "<h1>" in page and "<strong>" in page and '<code class="language-py">' in page and "**" not in page
    assert marked(page) == {0: "bold words", 1: "the code", 2: "teh", 3: "title"}
    assert "<strong><mark" in page  # inside the emphasis, not across it


def test_a_finding_across_markup_is_marked_on_each_rendered_piece():
    text = "This is **very** bad.\n"
    page = rendered(text, [finding(text, "is **very** bad")])
    assert marked(page) == {0: "is very bad"} and page.count("<mark") == 3


def test_entities_and_escapes_are_marked_as_they_render():
    text = "Fish &amp; chips \\*really\\* cost 5 &euro;.\n"
    page = rendered(text, [finding(text, "&amp;"), finding(text, "\\*really"), finding(text, "&euro;")])
    assert marked(page) == {0: "&", 1: "*really", 2: "€"}


def test_markup_that_does_not_render_pins_its_finding_to_the_nearest_block():
    text = "# Title\n\nSee [the guide](https://example.org/gude) now.\n\n## Next\n\n" + "Text. " * 120 + "\n"
    found = [
        finding(text, "# ", 1),  # the heading's marker
        finding(text, "gude"),  # inside the link target
        finding(text, "## ", 0),  # a point, no width
        finding(text, "# Title", len(text)),  # the whole document: too long to mark
    ]
    page = rendered(text, found)
    assert marked(page) == {0: "<pin>", 1: "<pin>", 2: "<pin>", 3: "<pin>"}
    assert re.search(r'<h1>\s*<mark class="hl pin[^>]*data-f="0 3"', page)  # in the heading, not before it
    assert re.search(r'<p>\s*<mark class="hl pin[^>]*data-f="1"', page)
    assert re.search(r'<h2>\s*<mark class="hl pin[^>]*data-f="2"', page)
    assert 'href="https://example.org/gude" rel="noopener noreferrer"' in page


def test_front_matter_shows_as_written_with_its_marks():
    text = "---\ntitle: Teh essay\n---\n# Heading\n\nBody.\n"
    front = (0, text.index("# Heading"))
    page = rendered(text, [finding(text, "Teh"), finding(text, "Body")], front)
    assert page.startswith('<pre class="front-matter"') and "title: " in page and "<hr" not in page
    assert marked(page) == {0: "Teh", 1: "Body"}


def test_windows_line_endings_keep_the_marks_on_their_words():
    text = "# Title\r\n\r\nFirst line\r\nsecond teh line.\r\n\r\n| a | b |\r\n|---|---|\r\n| c | teh |\r\n"
    found = [finding(text, "teh"), finding(text, "teh |", 3)]
    assert marked(rendered(text, found)) == {0: "teh", 1: "teh"}


def test_raw_html_and_images_are_text_never_loaded_or_run():
    text = 'Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> ![a chart](https://example.org/c.png)\n'
    page = rendered(text, [finding(text, "alert(1)"), finding(text, "chart")])
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert "[image: " in page and marked(page) == {0: "alert(1)", 1: "chart"}


def _documents() -> list[Path]:
    paths = sorted(CORPUS.iterdir())
    if REALTEXT.exists():  # a few documents of each published source: links, lists, code, tables, front matter
        for source in sorted(p for p in REALTEXT.iterdir() if p.is_dir()):
            paths += sorted(source.rglob("*.md"))[:4]
    return paths


@pytest.fixture(scope="module")
def linted():
    from lint.config import Config
    from lint.document import Document
    from lint.engine import Linter, Selection

    linter = Linter(Config(), Selection())
    out = []
    for path in _documents():
        text = path.read_text(encoding="utf-8", errors="replace")
        result = linter.lint_text(str(path), text)
        span = Document.of_text(str(path), text).front_matter_span
        out.append((path, text, result.findings, span[:2] if span else None))
    return out


def test_on_real_text_every_finding_is_shown_and_plain_text_is_marked_exactly(linted):
    """Published Markdown (links, lists, code, tables, front matter) and the corpus, with the default rules."""
    exact = 0
    for path, text, findings, front in linted:
        page = rendered(text, findings, front)
        shown = marked(page)
        assert set(shown) == set(range(len(findings))), path  # each finding marked or pinned
        for n, f in enumerate(findings):
            source = text[f.offset : f.end_offset]
            if shown[n] != "<pin>" and not re.search(r"[\\`*_&<>\[\]!#|\r\n~]", source) and len(source) <= 600:
                assert shown[n] == source, (path, f.rule, source)
                exact += 1
    assert exact > 500
