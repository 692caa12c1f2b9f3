"""An essay's Markdown rendered as HTML, each finding highlighted where its source text renders.

Editors read the essay as its readers will (headings as headings, code as
code), not as `## Heading` in a box. markdown-it-py gives tokens but no
source offsets below the block level, so each text token is found again in
its block's source lines, in order, from a cursor: text tokens are verbatim
source (with `text_join` off, an entity or backslash escape stays its own
token, its markup the source). A finding over text that renders is marked at
its exact characters; one over markup that does not render (a heading's `#`,
a link target, a table's pipes) or over a whole section is pinned to the
start of the nearest block, and front matter is shown as it is written.

Raw HTML in an essay is text here (`html: False`), images are never loaded
(the page opens offline and tells no server it was read: the alt text is
shown), and link targets pass markdown-it's own validation (no
`javascript:`).
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from lint.finding import Finding

MAX_HIGHLIGHT_SPAN = 600  # longer spans (whole documents, sections) are pinned to their first block
MAX_RENDERED_CHARS = 1_000_000  # above this an essay is shown as source only: a 9 MB parse takes minutes
BOM = "\ufeff"


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def mark_html(piece: str, covering: Sequence[tuple[int, Finding]], extra_class: str = "") -> str:
    """`piece` (already escaped) inside one <mark> naming every finding that covers it; the worst sets its colour."""
    worst = max(covering, key=lambda c: c[1].level)[1]
    refs = " ".join(str(i) for i, _ in covering)
    tip = " | ".join(
        f"{f.rule}: {f.message}" + (f" -> {', '.join(f.suggestions)}" if f.suggestions else "") for _, f in covering
    )
    return (
        f'<mark class="hl{extra_class} {esc(worst.level.label)} cat-{esc(worst.category)}" data-f="{refs}" '
        f'title="{esc(tip)}">{piece}</mark>'
    )


@dataclass
class Highlighter:
    """The findings of one essay as spans over the text markdown-it reads (offsets already mapped)."""

    spans: list[tuple[int, int, int, Finding]]  # (start, end, finding number, finding), by start
    starts: list[int] = field(init=False)
    placed: set[int] = field(default_factory=set)  # numbers of the findings over text that renders

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda s: (s[0], s[2]))
        self.starts = [s[0] for s in self.spans]

    def covering(self, start: int, end: int) -> list[tuple[int, int, int, Finding]]:
        """Spans overlapping [start, end): a span starts at most MAX_HIGHLIGHT_SPAN before it."""
        low = bisect.bisect_left(self.starts, start - MAX_HIGHLIGHT_SPAN)
        high = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[low:high] if s[1] > start and s[0] < end]

    def verbatim(self, text: str, at: int) -> str:
        """`text`, which is the source from `at`, escaped and cut at every finding bound inside it."""
        end = at + len(text)
        spans = self.covering(at, end)
        if not spans:
            return esc(text)
        bounds = sorted({at, end, *(max(s[0], at) for s in spans), *(min(s[1], end) for s in spans)})
        out = []
        for a, b in itertools.pairwise(bounds):
            piece = esc(text[a - at : b - at])
            over = [(s[2], s[3]) for s in spans if s[0] < b and s[1] > a]
            out.append(mark_html(piece, over) if over else piece)
        return "".join(out)

    def whole(self, shown: str, start: int, end: int) -> str:
        """`shown` (an entity or escape's character) marked by every finding over its source [start, end)."""
        over = [(s[2], s[3]) for s in self.covering(start, end)]
        return mark_html(esc(shown), over) if over else esc(shown)

    def place(self, start: int, end: int) -> None:
        """Source [start, end) renders as text: the findings over it are marked there, not pinned."""
        self.placed.update(s[2] for s in self.covering(start, end))


@cache
def _parser():  # -> markdown_it.MarkdownIt
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": 64, "html": False}).enable(["table", "strikethrough"])
    md.disable("text_join")  # entities and escapes keep their own tokens, with their source as markup
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
    return md


def _locate(tokens: list, source: str, line_starts: list[int], hl: Highlighter) -> None:
    """Set `meta["at"]` on every text-bearing token whose text is found in its block's source, in order."""
    for token in tokens:
        if token.map is None:
            continue
        cursor = line_starts[token.map[0]]
        limit = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(source)
        if token.type == "inline":
            _locate_inline(token.children or [], source, cursor, limit, hl)
        elif token.type in ("fence", "code_block"):
            if token.type == "fence":  # the opening fence line is not content
                cursor = line_starts[token.map[0] + 1] if token.map[0] + 1 < len(line_starts) else limit
            lines = []
            for line in token.content.splitlines(keepends=True):
                text = line.rstrip("\n")
                at = source.find(text, cursor, limit) if text else -1
                lines.append((line, at))
                if at >= 0:
                    cursor = at + len(text)
                    hl.place(at, cursor)
            token.meta["lines"] = lines


def _locate_inline(children: list, source: str, cursor: int, limit: int, hl: Highlighter) -> int:
    for child in children:
        if child.type == "image":
            cursor = _locate_inline(child.children or [], source, cursor, limit, hl)
            continue
        needle = child.markup if child.type == "text_special" else child.content
        if child.type not in ("text", "text_special", "code_inline") or not needle:
            continue
        at = source.find(needle, cursor, limit)
        if at >= 0:
            child.meta["at"] = at
            cursor = at + len(needle)
            hl.place(at, cursor)
    return cursor


def _text(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    at = token.meta.get("at")
    return esc(token.content) if at is None else env["hl"].verbatim(token.content, at)


def _text_special(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    at = token.meta.get("at")
    return esc(token.content) if at is None else env["hl"].whole(token.content, at, at + len(token.markup))


def _code_inline(self, tokens, idx, options, env) -> str:
    return f"<code>{_text(self, tokens, idx, options, env)}</code>"


def _code(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    language = token.info.strip().split(" ")[0] if token.type == "fence" else ""
    css = f' class="language-{esc(language)}"' if language else ""
    hl = env["hl"]
    body = "".join(
        esc(line) if at < 0 else hl.verbatim(line.rstrip("\n"), at) + line[len(line.rstrip("\n")) :]
        for line, at in token.meta.get("lines", [])
    )
    return f"<pre><code{css}>{body}</code></pre>\n"


def _image(self, tokens, idx, options, env) -> str:
    """The alt text in place of the picture: nothing is fetched, and the alt text is what gets checked."""
    token = tokens[idx]
    alt = self.renderInline(token.children or [], options, env)
    return f'<span class="image" title="image: {esc(token.attrGet("src") or "")}">[image: {alt}]</span>'


def _link_open(self, tokens, idx, options, env) -> str:
    tokens[idx].attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _pin(self, tokens, idx, options, env) -> str:
    return mark_html("&#9873;", tokens[idx].meta["pin"], " pin")


_RULES = {
    "text": _text,
    "text_special": _text_special,
    "code_inline": _code_inline,
    "fence": _code,
    "code_block": _code,
    "image": _image,
    "link_open": _link_open,
    "pin": _pin,
}


def _blanked(text: str, front: tuple[int, int] | None) -> str:
    """The text as markdown-it should read it, of the same length: BOM and front matter as spaces."""
    if text.startswith(BOM):
        text = " " + text[1:]
    if front is not None:
        start, end = front
        text = text[:start] + "".join(c if c in "\r\n" else " " for c in text[start:end]) + text[end:]
    return text


def render_essay(text: str, findings: Sequence[Finding], ids: dict[int, int], front: tuple[int, int] | None) -> str:
    """The essay as HTML with its findings marked; `front` is the front matter's (start, end), if any."""
    return "".join(render_essay_pieces(text, findings, ids, front))


def render_essay_pieces(
    text: str, findings: Sequence[Finding], ids: dict[int, int], front: tuple[int, int] | None
) -> Iterator[str]:
    from markdown_it.token import Token

    # markdown-it reads "\r\n" as "\n": offsets are mapped onto the text it reads.
    removed = list(_find_all(text, "\r\n"))
    source = _blanked(text, front).replace("\r\n", "\n").replace("\r", "\n")

    def mapped(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    hl = Highlighter(
        [
            (mapped(f.offset), mapped(f.end_offset), ids[id(f)], f)
            for f in findings
            if f.end_offset > f.offset and f.end_offset - f.offset <= MAX_HIGHLIGHT_SPAN
        ]
    )
    if front is not None:
        front_text = text[front[0] : front[1]].replace("\r\n", "\n")
        yield f'<pre class="front-matter" aria-label="front matter">{hl.verbatim(front_text, mapped(front[0]))}</pre>'
        hl.place(mapped(front[0]), mapped(front[1]))
    md = _parser()
    tokens = md.parse(source)
    line_starts = [0, *(i + 1 for i in _find_all(source, "\n"))]
    _locate(tokens, source, line_starts, hl)
    pins = _pins(tokens, [(ids[id(f)], f) for f in findings if ids[id(f)] not in hl.placed])
    yield md.renderer.render(_with_pins(tokens, pins, Token), md.options, {"hl": hl})


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + len(needle))


_PIN_BLOCKS = frozenset(
    ("heading_open", "paragraph_open", "fence", "code_block", "hr", "table_open", "blockquote_open", "list_item_open")
)


def _pins(tokens: list, unplaced: list[tuple[int, Finding]]) -> dict[int, list]:
    """Token index -> (number, finding) pinned there: the last block starting at or before the finding's line."""
    blocks = [(t.map[0], i) for i, t in enumerate(tokens) if t.map is not None and t.type in _PIN_BLOCKS]
    if not blocks:
        return {}
    firsts = [first for first, _ in blocks]
    pins: dict[int, list] = {}
    for number, f in unplaced:
        at = bisect.bisect_right(firsts, f.line - 1) - 1
        pins.setdefault(blocks[max(at, 0)][1], []).append((number, f))
    return pins


def _with_pins(tokens: list, pins: dict[int, list], token_class) -> list:
    out = []
    for i, token in enumerate(tokens):
        pin = None
        if i in pins:
            pin = token_class("pin", "", 0)
            pin.meta["pin"] = sorted(pins[i], key=lambda p: p[0])
        if pin is not None and token.nesting == 0:  # a fence or a rule: the pin goes before it
            out.append(pin)
        out.append(token)
        if pin is not None and token.nesting == 1:
            if token.type == "table_open":  # a mark may not sit between <table> and its rows
                out.insert(len(out) - 1, pin)
            else:
                out.append(pin)
    return out
