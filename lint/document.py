"""Bytes in, positions out: the one place that knows how an essay is laid out.

Every check works on character offsets into `Document.text`. To keep those
offsets exact while still ignoring Markdown syntax, the document builds a
*prose mask*: a string of the same length as the text in which everything that
is not prose (code, front matter, HTML, link targets, markup characters) is
replaced by spaces. A regex run over the mask therefore reports offsets that
are valid in the original text, with no mapping tables to get wrong.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property

import regex

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class DecodeError:
    """A byte that is not valid UTF-8, kept so the encoding checks can name it."""

    byte_offset: int
    offset: int  # character offset of the U+FFFD that stands in for it
    byte: int


@dataclass(slots=True)
class Block:
    """A Markdown block with its line span (1-based, inclusive) and offsets."""

    kind: str  # heading, paragraph, table, code, html, front_matter
    start_line: int
    end_line: int
    start: int
    end: int
    level: int = 0  # heading level
    in_list: bool = False
    in_quote: bool = False
    setext: bool = False

    @property
    def is_prose(self) -> bool:
        return self.kind in ("heading", "paragraph", "table")


@dataclass(slots=True)
class Section:
    """A heading and everything up to the next heading of the same or higher level."""

    heading: Block | None
    level: int
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: Block


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)


def wide_encoding(raw: bytes) -> tuple[str, str, int] | None:
    """(Python codec, name to show, BOM length) for UTF-16 or UTF-32 text; None for anything else.

    With a byte order mark the encoding is certain. Without one, UTF-16 of
    mostly Latin text has a NUL in every other byte (the high byte of each
    ASCII character) and almost none in the others; binary files do not
    look like that. The guess must also decode.
    """
    for bom, codec, name in _WIDE_BOMS:
        if raw.startswith(bom):
            try:
                raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec, name, len(bom)
    sample = raw[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    for codec, name, nul_high, nul_low in (
        ("utf-16-le", "UTF-16LE", nul_odd, nul_even),
        ("utf-16-be", "UTF-16BE", nul_even, nul_odd),
    ):
        if nul_high > 0.3 and nul_low < 0.02:
            try:
                raw[: len(raw) - len(raw) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec, f"{name} (no byte order mark)", 0
    return None


def decode(raw: bytes) -> tuple[str, list[DecodeError]]:
    """Decode UTF-8 without ever failing: each bad byte becomes one U+FFFD.

    surrogateescape maps every undecodable byte to exactly one character, so
    offsets stay linear in the input and no byte is silently merged away.
    """
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape")
    errors: list[DecodeError] = []
    byte_pos = 0
    char_pos = 0
    for match in re.finditer("[\udc80-\udcff]", escaped):
        # Advance the byte counter over the clean text between two bad bytes.
        byte_pos += len(escaped[char_pos : match.start()].encode("utf-8", "surrogateescape"))
        errors.append(DecodeError(byte_pos, match.start(), ord(match.group()) - 0xDC00))
        byte_pos += 1
        char_pos = match.end()
    return re.sub("[\udc80-\udcff]", "\ufffd", escaped), errors


class LineIndex:
    """Offset <-> (line, column), 1-based, columns counted in characters."""

    def __init__(self, text: str) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        # A BOM is not a column: the first visible character of a BOM file is column 1.
        if text.startswith(BOM):
            starts[0] = 1
        self.starts = starts
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return line + 1, max(1, offset - self.starts[line] + 1)

    def line_start(self, line: int) -> int:
        return self.starts[max(0, min(line - 1, len(self.starts) - 1))]

    def line_end(self, line: int, text: str) -> int:
        """Offset of the end of `line`, before its line break."""
        if line >= len(self.starts):
            return self.length
        end = self.starts[line]
        if end >= 2 and text[end - 2 : end] == "\r\n":
            return end - 2
        return end - 1

    @property
    def count(self) -> int:
        return len(self.starts)


# --- inline markup that is not prose -------------------------------------------------
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_LINK_REF = re.compile(r"\]\[[^\]\n]*\]")
_LINK_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*\S.*$", re.M)
_BARE_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>()\"']*[^\s<>()\"'.,;:!?]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Bare domain names: "choosealicense.com", "login.gov".
_DOMAIN = re.compile(r"(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|dev|gov|edu|info|app|ai|co|uk|de)(?![\w-])")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9][A-Za-z0-9_-]*")  # @handles on GitHub, Mastodon, X
_MARKUP_CHARS = re.compile(r"\*+|~~|(?<![^\W_])_+|_+(?![^\W_])|!?\[|\]|\\(?=[!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_LIST_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?=[ \t]|$)")
_ATX_OPEN = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_TABLE_PIPE = re.compile(r"\|")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
# Liquid, Jinja, Hugo and Go templates: `{{ image "x/y.png" }}`, `{% include x.html %}`.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# File names and paths are not words: `src/main.rs`, `./configure`, `x/y.png`, `example_test.go`.
_SEGMENT = r"[\w-]+(?:\.[\w-]+)*"  # a path segment; a full stop after it ends the sentence, not the path
_PATH = re.compile(
    # three segments or more, with a letter somewhere: "6/12/2017" is a date
    rf"(?<![\w/.-])(?:(?:~|\.{{1,2}})?/{_SEGMENT}(?:/{_SEGMENT})*/?|(?=[\w./-]*?[^\W\d_]){_SEGMENT}(?:/{_SEGMENT}){{2,}}/?"
    # Two segments are a path when one has more than letters (`rust-lang/rust`, `v2/api`, `x/y.z`):
    # "and/or", "he/she", "public/private" are prose, and the Vale styles check them.
    rf"|(?=[\w.-]*?(?:[\d_-]|\.\w)|[\w.-]*/[\w.-]*?(?:[\d_-]|\.\w))[A-Za-z]{_SEGMENT}/[a-z]{_SEGMENT}"
    r"|(?:[\w-]+/)*[\w-]+\.(?:md|rs|go|py|js|ts|png|jpe?g|gif|svg|webp|txt|html?|css|json|ya?ml|toml|lock|mod|sum"
    r"|sh|c|h|cc|cpp|hpp|java|rb|zip|gz|tar|tgz|pdf|csv|xml|exe|dll|so|wasm|ini|cfg|log))(?![\w/])"
)


def slash_joined(text: str, start: int, end: int) -> bool:
    """The word at [start, end) is one side of `a/b` with no space.

    Two words of letters joined so stay prose ("and/or", "he/she": style
    rules check them), yet such a pair is a package path as often
    ("net/http", "compress/flate"): rules that judge a word on its own
    (unknown words, case) leave these words as written.
    """
    before = start >= 2 and text[start - 1] == "/" and text[start - 2].isalnum()
    return before or (end + 1 < len(text) and text[end] == "/" and text[end + 1].isalnum())


def own_case(word: str) -> bool:
    """Two capitals or more (NASA, McDonald, iOS, PhD): the writer chose this case.

    The one acronym rule: spelling does not check such a word and case rules
    never change it (a wrong capital of a common word, "THe", is rarer in
    published prose than an acronym or a brand, and a false alarm costs more).
    """
    capitals = 0
    for char in word:
        if char.isupper():
            capitals += 1
            if capitals == 2:
                return True
    return False


# What a file name and a bare domain must contain: searching for it first costs a tenth of
# the full pattern, which tries its lookaheads at every word ("." is in almost every block).
_EXTENSION_HINT = re.compile(
    r"\.(?:md|rs|go|py|js|ts|png|jpe?g|gif|svg|webp|txt|html?|css|json|ya?ml|toml|lock|mod|sum"
    r"|sh|c|h|cc|cpp|hpp|java|rb|zip|gz|tar|tgz|pdf|csv|xml|exe|dll|so|wasm|ini|cfg|log)(?![\w/])"
)
_DOMAIN_HINT = re.compile(r"\.(?:com|org|net|io|dev|gov|edu|info|app|ai|co|uk|de)(?![\w-])")

# Blanked in this order, each over the result of the one before; a pattern runs only
# when one of its hints (strings every match contains, or a pattern every match contains
# a match of) is in the block.
_INLINE_MARKUP: tuple[tuple[re.Pattern[str], tuple[str | re.Pattern[str], ...]], ...] = (
    (_INLINE_CODE, ("`",)),
    (_TEMPLATE, ("{{", "{%")),
    (_HTML_COMMENT, ("<!--",)),
    (_AUTOLINK, ("<",)),
    (_HTML_TAG, ("<",)),
    (_LINK_TARGET, ("](",)),
    (_LINK_REF, ("][",)),
    (_LINK_REF_DEF, ("]:",)),
    (_BARE_URL, ("://", "www.")),
    (_EMAIL, ("@",)),
    (_MENTION, ("@",)),
    (_DOMAIN, (_DOMAIN_HINT,)),
    (_PATH, ("/", _EXTENSION_HINT)),
    (_ENTITY, ("&",)),
    (_MARKUP_CHARS, ("*", "~~", "_", "[", "]", "\\")),
)
_TABLE_DELIMITER_ROW = re.compile(r"^[ \t|:-]+$")
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n|\r)?^\1[ \t]*(?:\r\n|\r|\n|\Z)", re.S | re.M
)
# Hugo's JSON front matter: an object that opens the file and closes on a line of its own.
_JSON_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(\{[ \t]*\r?\n.*?^\}[ \t]*)(?:\r\n|\r|\n|\Z)", re.S | re.M)

# --- sentences and words --------------------------------------------------------------
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sr jr st vs etc e.g i.e cf al approx dept est fig figs gen gov inc ltd co corp no "
        "nos vol vols ed eds p pp ca jan feb mar apr jun jul aug sep sept oct nov dec mt ft lt col sgt capt "
        "rev hon u.s u.k u.n a.m p.m ph.d b.a m.a"
    ).split()
)
_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_NEXT_CHAR = re.compile(r"\s*(\S)")  # matched in place: slicing the rest of a block per full stop was quadratic
# The tokenizers the rules share, here in one place. A word: letters, with inner apostrophes
# and hyphens ("don't", "well-known"). Spelling also takes a trailing apostrophe ("goin'",
# "allies'"); heading counts take digits and dotted parts ("Python 3.11", "e.g."). The
# confusables (ASCII pair counts) and the claim model (the tokens it was trained on) keep
# their own, for those reasons.
WORD_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*"
_WORD = WORD = re.compile(WORD_PATTERN)
SPELLING_TOKEN = re.compile(WORD_PATTERN + r"['’]?")
COUNTED_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@cache
def _markdown_parser():  # -> markdown_it.MarkdownIt
    """One parser per process: building it cost a third of a parse, and parse() keeps no state.

    Only block structure is used (the prose mask handles inline markup), so the
    inline pass, half of a parse, is switched off.
    """
    from markdown_it import MarkdownIt

    # maxNesting bounds the parser's recursion on hostile, deeply nested input.
    return MarkdownIt("commonmark", {"maxNesting": 64}).enable("table").disable(["inline", "text_join"])


def _parse_json(text: str) -> object:
    import json

    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _without_ignored(prose: str, text: str, patterns: tuple[regex.Pattern[str], ...]) -> list[str]:
    """The prose with every match of `patterns` in the text blanked too (each match has 2 s at most)."""
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        try:
            spans += [m.span() for m in pattern.finditer(text, timeout=2.0)]
        except TimeoutError:
            continue  # a pattern too slow for this text ignores nothing in it
    parts, cursor = [], 0
    for start, end in sorted(spans):
        if end <= cursor:
            continue
        start = max(start, cursor)
        parts += [prose[cursor:start], _blanked(prose[start:end])]
        cursor = end
    parts.append(prose[cursor:])
    return parts


def _blanked(text: str) -> str:
    """`text` with every character but line breaks turned into a space."""
    if "\n" in text or "\r" in text:
        return _NOT_LINE_BREAK.sub(" ", text)
    return " " * len(text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NOT_WORD_CATEGORIES = ("S", "C", "Z", "P")


def _narrow(parts: list[str]) -> None:
    """Emoji and other symbols beyond U+FFFF in the prose pieces as U+FFFC, in place, when no letter or digit is among them.

    One emoji makes Python store every character of a string in 4 bytes: the
    prose copy of a 9 MB essay took 36 MB instead of 18. Rules find words,
    sentences and marks in the prose; a symbol stands for another symbol
    there (U+FFFC is one too) and text shown to the user comes from `text`.
    A letter or digit past U+FFFF (historic scripts, CJK extensions) keeps
    every piece as written. Each piece is narrowed before the pieces are
    joined: narrowing the joined prose held two more copies of it at once.
    """
    found: set[str] = set()
    for part in parts:
        if not part.isascii():
            found.update(_ASTRAL.findall(part))
    if not found or any(unicodedata.category(c)[0] not in _NOT_WORD_CATEGORIES for c in found):
        return
    for index, part in enumerate(parts):
        if not part.isascii():
            parts[index] = _ASTRAL.sub("\ufffc", part)


def _blank_match(match: re.Match[str]) -> str:
    return _blanked(match.group())


class Document:
    """One essay: raw bytes, decoded text, and lazily built Markdown structure."""

    def __init__(self, path: str, raw: bytes, text: str | None = None) -> None:
        self.path = path
        # The path relative to the project root, as baselines and the claims ledger name files;
        # set by the engine, else the display path.
        self.relpath = path
        self._raw: bytes | None = raw
        wide = wide_encoding(raw) if b"\x00" in raw[:4096] or raw[:2] in (b"\xff\xfe", b"\xfe\xff") else None
        # The encoding the bytes are in, as shown to the user: "utf-8", or UTF-16LE and the like
        # (the text is decoded from it, and --fix writes UTF-8).
        self.encoding = "utf-8" if wide is None else wide[1]
        if text is not None and wide is None:
            # The caller's text, which `raw` is the strict UTF-8 of (Linter.lint_text): no second copy decoded.
            self.text, self.decode_errors = text, []
        elif wide is None:
            self.text, self.decode_errors = decode(raw)
        else:
            codec, _name, bom = wide
            self.text, self.decode_errors = raw[bom : len(raw) - (len(raw) - bom) % 2].decode(codec), []
        self.has_bom = self.text.startswith(BOM)
        self.lines = LineIndex(self.text)
        # Patterns whose matches in the text are not prose (a Vale project's BlockIgnores and
        # TokenIgnores: `{{< figure >}}`); set before the prose is first read.
        self.ignored: tuple[regex.Pattern[str], ...] = ()
        self._memo: dict[object, object] = {}

    @classmethod
    def of_text(cls, path: str, text: str) -> Document:
        """A document of text that is valid UTF-8 (a fixed text), its bytes made again only if a rule asks.

        `--fix` lints the fixed text of a 9 MB essay: holding its bytes as well
        took 9 MB of the peak, and no rule reads the bytes of valid UTF-8.
        """
        doc = cls(path, b"", text=text)
        doc._raw = None
        return doc

    @property
    def raw(self) -> bytes:
        if self._raw is None:
            return self.text.encode("utf-8")
        return self._raw

    def memo(self, key: object, factory):  # -> T
        """Derived data computed once per document and shared by every rule that needs it."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = factory()
            return value

    def forget(self) -> None:
        """Drop what `memo` kept: the engine does so between rule families on a very large essay.

        Each family keeps its own derived data (sentence texts and counts for
        readability, token arrays for spelling); on a 9 MB essay holding all
        of them at once took 250 MB more than holding one family's at a time.
        """
        self._memo.clear()

    @classmethod
    def from_text(cls, path: str, text: str) -> Document:
        return cls(path, text.encode("utf-8", "surrogatepass"))

    # -- positions --------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def byte_column(self, offset: int) -> int:
        """The 1-based column of `offset` counted in UTF-8 bytes of its line."""
        _line, column = self.lines.position(offset)
        start = offset - (column - 1)
        return len(self.text[start:offset].encode("utf-8", "surrogatepass")) + 1

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets from the start of line `first` to the end of line `last`."""
        return self.lines.line_start(first), self.lines.line_end(last, self.text)

    # -- structure --------------------------------------------------------------------
    @cached_property
    def front_matter_span(self) -> tuple[int, int, str] | None:
        """(start, end, body) of the front matter: YAML (---), TOML (+++) or a JSON object."""
        match = _FRONT_MATTER.match(self.text)
        if match:
            return match.start(), match.end(), match.group(2)
        if self.text.lstrip(BOM).startswith("{"):
            match = _JSON_FRONT_MATTER.match(self.text)
            if match and isinstance(_parse_json(match.group(1)), dict):
                return match.start(), match.end(), match.group(1)
        return None

    @cached_property
    def front_matter(self) -> dict[str, object]:
        """Front matter as data, in the format its delimiters say (as markdownlint and Hugo read it)."""
        return self._front_matter[0]

    @cached_property
    def front_matter_problem(self) -> tuple[int, str] | None:
        """(line, why) when there is front matter that does not parse; it then counts as none."""
        return self._front_matter[1]

    @cached_property
    def _front_matter(self) -> tuple[dict[str, object], tuple[int, str] | None]:
        span = self.front_matter_span
        if span is None:
            return {}, None
        first_line = self.position(span[0])[0]
        opening = self.text[span[0] : span[0] + 4].lstrip(BOM)
        try:
            if opening.startswith("{"):
                data = _parse_json(span[2])
                if data is None:
                    return {}, (first_line, "the JSON front matter does not parse")
            elif opening.startswith("+++"):
                import tomllib

                try:
                    data = tomllib.loads(span[2])
                except (tomllib.TOMLDecodeError, ValueError) as exc:
                    return {}, (first_line, f"the TOML front matter does not parse: {exc}")
            else:
                # The guarded loader of rules and config: an alias bomb in a 372-byte essay
                # used to cost 45 s and 3 GB.
                from lint.yamlio import YamlError, parse_yaml

                try:
                    data, _lines = parse_yaml(span[2], self.path)
                except YamlError as exc:
                    line = first_line + exc.line if exc.line else first_line
                    return {}, (line, f"the YAML front matter cannot be used: {exc.message}")
        except RecursionError:
            return {}, (first_line, "the front matter is nested too deeply to read")
        if not isinstance(data, dict):
            return {}, (first_line, "the front matter is not a mapping of keys (title: ...)")
        return data, None

    @cached_property
    def blocks(self) -> list[Block]:
        blocks = list(self._parse_blocks())
        _ = self.list_item_lines
        # The tokens hold a copy of every paragraph (a 9 MB essay: tens of megabytes); the
        # blocks and list lines are all that is read from them, so they go now.
        self.__dict__.pop("_tokens", None)
        return blocks

    @cached_property
    def _tokens(self) -> list:  # list[markdown_it.token.Token]
        """markdown-it tokens of the text, with BOM and front matter blanked in place."""
        source = self.text.replace(BOM, " ", 1) if self.has_bom else self.text
        front = self.front_matter_span
        if front is not None:
            source = re.sub(r"[^\r\n]", " ", source[: front[1]]) + source[front[1] :]
        return _markdown_parser().parse(source)

    def _parse_blocks(self) -> Iterator[Block]:
        front = self.front_matter_span
        if front is not None:
            fm_end_line = self.position(max(front[1] - 1, 0))[0]
            yield Block("front_matter", 1, fm_end_line, *self.line_span(1, fm_end_line))
        tokens = self._tokens
        list_depth = quote_depth = 0
        pending_heading: tuple[int, int, int, bool] | None = None
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            if token.map is None:
                continue
            first, last = token.map[0] + 1, max(token.map[1], token.map[0] + 1)
            flags = {"in_list": list_depth > 0, "in_quote": quote_depth > 0}
            if kind == "heading_open":
                pending_heading = (first, last, int(token.tag[1]), token.markup in ("=", "-"))
            elif kind == "inline" and pending_heading is not None:
                h_first, h_last, level, setext = pending_heading
                pending_heading = None
                yield Block(
                    "heading", h_first, h_last, *self.line_span(h_first, h_last), level=level, setext=setext, **flags
                )
            elif kind == "paragraph_open":
                last = self._trim_blank_tail(first, last)
                yield Block("paragraph", first, last, *self.line_span(first, last), **flags)
            elif kind == "table_open":
                yield Block("table", first, last, *self.line_span(first, last), **flags)
            elif kind in ("fence", "code_block"):
                last = self._trim_blank_tail(first, last)
                yield Block("code", first, last, *self.line_span(first, last), **flags)
            elif kind == "html_block":
                last = self._trim_blank_tail(first, last)
                yield Block("html", first, last, *self.line_span(first, last), **flags)

    def _trim_blank_tail(self, first: int, last: int) -> int:
        while last > first:
            start, end = self.line_span(last, last)
            if self.text[start:end].strip():
                break
            last -= 1
        return last

    @cached_property
    def list_item_lines(self) -> frozenset[int]:
        """Lines on which a list item starts (their marker is markup, not prose)."""
        return frozenset(t.map[0] + 1 for t in self._tokens if t.type == "list_item_open" and t.map)

    @cached_property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    @cached_property
    def prose(self) -> str:
        """The text with everything that is not prose blanked (same length, same lines).

        Built from string slices: a per-character list rebuilt after each
        pattern cost more than markdown-it's parse.
        """
        text = self.text
        list_lines = self.list_item_lines
        parts: list[str] = []
        cursor = 0
        for block in self.blocks:
            if not block.is_prose or block.start < cursor:
                continue
            parts.append(_blanked(text[cursor : block.start]))
            parts.append(self._mask_block(block, list_lines))
            cursor = block.end
        parts.append(_blanked(text[cursor:]))
        if self.ignored:
            parts = _without_ignored("".join(parts), text, self.ignored)
        _narrow(parts)
        return "".join(parts)

    def _mask_block(self, block: Block, list_lines: frozenset[int]) -> str:
        """The block's text with its markup blanked."""
        start, end = block.start, block.end
        text = self.text
        # Line prefixes first: quote markers, list markers, heading markers.
        ranges: list[tuple[int, int]] = []
        check_lines = block.kind in ("heading", "table") or block.in_quote or block.in_list or block.setext
        for line_no in range(block.start_line, block.end_line + 1):
            if not check_lines and line_no not in list_lines:
                continue
            ls, le = self.line_span(line_no, line_no)
            ls, le = max(ls, start), min(le, end)
            line = text[ls:le]
            prefix = None
            if block.kind == "heading" and not block.setext and line_no == block.start_line:
                prefix = _ATX_OPEN.match(line)
                close = _ATX_CLOSE.search(line)
                if close:
                    ranges.append((ls + close.start(), ls + close.end()))
            elif line_no in list_lines:
                prefix = _LIST_MARKER.match(line)
            if prefix is None and block.in_quote:
                prefix = _QUOTE_PREFIX.match(line)
            if prefix is not None:
                ranges.append((ls, ls + prefix.end()))
            if block.setext and line_no == block.end_line and line_no != block.start_line:
                ranges.append((ls, le))
            if block.kind == "table" and _TABLE_DELIMITER_ROW.match(line.strip() or "x"):
                ranges.append((ls, le))
        segment = text[start:end]
        if ranges:
            pieces = []
            at = start
            for r_start, r_end in sorted(ranges):
                r_start = max(r_start, at)
                if r_end <= r_start:
                    continue
                pieces.append(text[at:r_start])
                pieces.append(_blanked(text[r_start:r_end]))
                at = r_end
            pieces.append(text[at:end])
            segment = "".join(pieces)
        for pattern, hints in _INLINE_MARKUP:
            if any(h in segment if isinstance(h, str) else h.search(segment) for h in hints):
                segment = pattern.sub(_blank_match, segment)
        if block.kind == "table":
            segment = _TABLE_PIPE.sub(_blank_match, segment)
        return segment

    def visible_text(self, start: int, end: int) -> tuple[str, list[int]]:
        """The prose of [start, end) without masked markup, and each character's offset.

        `**Note**:` reads as `Note:` here, so punctuation rules do not see the
        blanked emphasis markers as spaces. Leading and trailing whitespace is
        dropped. Computed once per span (the heading rules all ask for each
        heading); callers read the result and never change it.
        """
        return self.memo(("visible_text", start, end), lambda: self._visible_text(start, end))

    def heading_visible(self, block: Block) -> tuple[str, list[int]]:
        """A heading's visible text with its inline code kept: "Event: `'close'`" reads "Event: 'close'".

        Code in a heading is part of what it says (API references name the
        function a section is about), so the heading rules read it; only the
        backticks go.
        """
        return self.memo(("heading_visible", block.start), lambda: self._visible_text(block.start, block.end, True))

    def _visible_text(self, start: int, end: int, keep_code: bool = False) -> tuple[str, list[int]]:
        text, prose = self.text, self.prose
        code: set[int] = set()
        if keep_code and "`" in text[start:end]:
            for match in _INLINE_CODE.finditer(text, start, end):
                code.update(range(match.start(2), match.end(2)))
        chars: list[str] = []
        offsets: list[int] = []
        for i in range(start, end):
            ch = prose[i]
            if ch == "\ufffc":
                ch = text[i]  # a symbol the prose narrowed (_narrow): the user reads the one written
            elif ch == " " and text[i] != " ":
                if i not in code:
                    continue  # masked markup
                ch = text[i]
            if ch in "\r\n":
                ch = " "
            chars.append(ch)
            offsets.append(i)
        while chars and chars[0].isspace():
            chars.pop(0)
            offsets.pop(0)
        while chars and chars[-1].isspace():
            chars.pop()
            offsets.pop()
        return "".join(chars), offsets

    def plain(self, start: int, end: int) -> str:
        """The prose of [start, end) with markup gone and whitespace collapsed (fast; for scoring)."""
        return " ".join(self.prose[start:end].split())

    def heading_text(self, block: Block) -> str:
        return " ".join(self.heading_visible(block)[0].split())

    @cached_property
    def prose_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.is_prose]

    # -- sentences and words ----------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of prose blocks; a heading is always one sentence of its own."""
        result: list[Sentence] = []
        prose = self.prose
        for block in self.prose_blocks:
            if block.kind == "heading":
                span = _strip_span(prose, block.start, block.end)
                if span:
                    result.append(Sentence(span[0], span[1], block))
                continue
            if block.kind == "table":
                continue
            for start, end in split_sentences(prose, block.start, block.end):
                result.append(Sentence(start, end, block))
        return result

    def words(self, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        return list(_WORD.finditer(self.prose, start, len(self.prose) if end is None else end))

    def iter_words(self, start: int = 0, end: int | None = None) -> Iterator[str]:
        """The prose words one at a time: the words of a 9 MB essay as a list took 190 MB."""
        for match in _WORD.finditer(self.prose, start, len(self.prose) if end is None else end):
            yield match.group()

    @cached_property
    def names(self) -> frozenset[str]:
        """Words the essay capitalises in mid-sentence in its body: its proper nouns ("Islamic Nation").

        Spelling leaves them alone, and sentence case does not demand them in lower case.
        Possessives count for the bare word too ("Nation's" -> "Nation").
        """
        found: set[str] = set()
        prose = self.prose
        for sentence in self.sentences:
            if sentence.block.kind == "heading":
                continue
            words = _WORD.findall(prose, sentence.start, sentence.end)
            for word in [w for w in words[1:] if w[0].isupper()]:
                found.add(word)
                for suffix in ("'s", "’s"):
                    if word.endswith(suffix):
                        found.add(word[: -len(suffix)])
        return frozenset(found)

    @cached_property
    def sections(self) -> list[Section]:
        """The preamble (before any heading) and one section per heading."""
        sections: list[Section] = []
        content = [b for b in self.blocks if b.kind != "front_matter"]
        headings = [b for b in content if b.kind == "heading"]
        doc_end = len(self.text)
        first_start = headings[0].start if headings else doc_end
        preamble = [b for b in content if b.end <= first_start and b.kind != "heading"]
        if preamble:
            sections.append(Section(None, 0, preamble[0].start, first_start, preamble))
        # Blocks come in document order: each heading's own blocks are found by bisection
        # from where it ends, not by a scan of the whole document (quadratic with 10,000 headings).
        starts = [b.start for b in content]
        for i, heading in enumerate(headings):
            end = doc_end
            for j in range(i + 1, len(headings)):
                if headings[j].level <= heading.level:
                    end = headings[j].start
                    break
            next_heading = headings[i + 1].start if i + 1 < len(headings) else doc_end
            own = []
            for k in range(bisect.bisect_right(starts, heading.end), len(content)):
                b = content[k]
                if b.start > next_heading:
                    break
                if heading.end < b.start and b.end <= next_heading and b.kind != "heading":
                    own.append(b)
            sections.append(Section(heading, heading.level, heading.start, end, own))
        return sections


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Rule-based sentence boundaries within text[start:end].

    A regex with an abbreviation list is ~50x faster than pysbd and good enough
    for edited prose; it errs towards *not* splitting, which keeps long-sentence
    findings conservative.
    """
    cursor = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        if match.group()[0] == "." and len(match.group().rstrip("\"'”’)]")) == 1:
            token_start = stop - len(match.group())
            before = text[cursor:token_start]
            last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            last_word = last_word.lstrip("(\"'“‘")
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            # A following lower-case word means the full stop did not end a sentence.
            following = _NEXT_CHAR.match(text, stop, end)
            if following and following.group(1).islower():
                continue
        span = _strip_span(text, cursor, stop)
        if span:
            yield span
        cursor = stop
    span = _strip_span(text, cursor, end)
    if span:
        yield span
