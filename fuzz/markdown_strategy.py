"""Hypothesis strategies that generate Markdown essays, hostile ones included.

Shared by tests/test_hardening.py and fuzz/run.py: headings (ATX, closed,
setext), paragraphs, lists and quotes (nested), code, tables, front matter,
HTML, random Unicode (bidi, zero-width, astral, mojibake) and random bytes.
"""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "the",
    "The",
    "cooperation",
    "corporation",
    "Islamic",
    "Nation",
    "agency",
    "tipped",
    "1979",
    "45%",
    "teh",
    "goverment",
    "é",
    "Nationâ€™s",
    "\u200b",
    "\u202e",
    "\ufeff",
    "🙂",
    "\u00a0",
    "e\u0301",
    "\x07",
    "**bold**",
    "`code`",
    "[link](http://x.y)",
    "<b>",
    "&amp;",
    "!",
    ":",
    " :",
    "...",
    "U.S.",
    "\t",
)

word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8))
sentence = st.lists(word, min_size=1, max_size=14).map(" ".join)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda s: ". ".join(s) + ".")
heading = st.tuples(st.integers(1, 6), sentence, st.booleans()).map(
    lambda t: "#" * t[0] + " " + t[1] + (" " + "#" * t[0] if t[2] else "")
)
setext = sentence.map(lambda s: s + "\n" + "=" * max(1, len(s)))
listing = st.lists(st.tuples(st.integers(0, 6), sentence), min_size=1, max_size=6).map(
    lambda items: "\n".join("  " * depth + "- " + text for depth, text in items)
)
quote = st.tuples(st.integers(1, 40), paragraph).map(lambda t: "> " * t[0] + t[1])
code = st.text(max_size=60).map(lambda s: "```\n" + s.replace("```", "") + "\n```")
table = st.lists(sentence, min_size=2, max_size=4).map(
    lambda cells: "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells)
)
front = sentence.map(lambda s: "---\ntitle: " + s.replace("\n", " ") + "\n---")
html = st.just("<div><script>alert(1)</script></div>")
block = st.one_of(heading, setext, paragraph, listing, quote, code, table, html)
line_end = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def markdown_documents(draw) -> bytes:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.binary(max_size=600))
    blocks = draw(st.lists(block, max_size=8))
    if draw(st.booleans()):
        blocks.insert(0, draw(front))
    ending = draw(line_end)
    text = ("\n\n".join(blocks)).replace("\n", ending)
    return text.encode("utf-8", "surrogatepass")


def check_document(linter, raw: bytes) -> tuple[int, int]:  # linter: lint.engine.Linter
    """The fuzz property, shared by the tests and fuzz/run.py: (findings, fixes applied).

    No engine error, every span inside the text, lines in range, and safe
    fixes reaching a fixed point.
    """
    from lint.document import Document
    from lint.fixes import fix_until_stable, fixable

    doc = Document("fuzz.md", raw)
    findings = linter.lint_document(doc).findings
    for finding in findings:
        assert not finding.rule.startswith("essaylint."), (finding.message, raw)
        assert 0 <= finding.offset <= finding.end_offset <= len(doc.text), (finding, raw)
        assert 1 <= finding.line <= finding.end_line <= doc.lines.count, (finding, raw)
    if doc.decode_errors:
        return len(findings), 0

    def lint(text: str):  # -> FileResult
        return linter.lint_document(Document.from_text("fuzz.md", text))

    text, applied, _last = fix_until_stable(doc.text, lint)
    assert not fixable(lint(text).findings, unsafe=False) or fix_until_stable(text, lint)[0] == text, raw
    return len(findings), applied
