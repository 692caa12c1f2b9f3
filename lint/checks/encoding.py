"""Encoding rules: damage from decoding, copy-paste and generation pipelines, one class per rule.

Why: an essay with `Nationâ€™s` in its title, a zero-width space inside a
word, or a right-to-left override in a quotation looks broken or, worse, says
something other than what reviewers saw. Each rule is its own kind; fixes
are offered where they cannot change meaning (safe) or where
they usually do not (unsafe, applied only with --unsafe-fixes).

Mojibake is found and repaired by ftfy (the reference tool for it), run per
line with quote-straightening and every other cosmetic fixer off, so correct
curly quotes stay curly. Undecodable files are named with the encoding
charset-normalizer believes they are in.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, ClassVar

from lint.checks import Check, Context
from lint.document import DecodeError, Document
from lint.finding import Edit, Finding, Fix

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# Characters that render as nothing; ZWJ/ZWNJ are meaningful in emoji and some scripts, so their fix is unsafe.
INVISIBLE = {
    "\u200b": ("zero-width space", True),
    "\u200c": ("zero-width non-joiner", False),
    "\u200d": ("zero-width joiner", False),
    "\u2060": ("word joiner", True),
    "\u00ad": ("soft hyphen", True),
    "\u2061": ("invisible function application", True),
    "\u2062": ("invisible times", True),
    "\u2063": ("invisible separator", True),
    "\u2064": ("invisible plus", True),
    "\u180e": ("Mongolian vowel separator", True),
    "\u034f": ("combining grapheme joiner", False),
    "\ufeff": ("zero-width no-break space (BOM inside text)", True),
    # Direction marks are meaningful in right-to-left text: unsafe to remove.
    "\u200e": ("left-to-right mark", False),
    "\u200f": ("right-to-left mark", False),
    "\u061c": ("Arabic letter mark", False),
    # Blank letters that render as nothing: used to hide text or fake empty names.
    "\u3164": ("Hangul filler", True),
    "\uffa0": ("halfwidth Hangul filler", True),
    "\u115f": ("Hangul choseong filler", True),
    "\u1160": ("Hangul jungseong filler", True),
    "\u2800": ("Braille pattern blank", True),
    # Line and paragraph separators: most renderers show nothing, some break the line.
    "\u2028": ("line separator", False),
    "\u2029": ("paragraph separator", False),
}
# Tag characters (U+E0000-U+E007F) spell ASCII invisibly ("ASCII smuggling"); emoji flag
# sequences use them too, so removing them is unsafe. A run of them is one finding that
# shows the hidden text.
_TAGS = "\U000e0000-\U000e007f"
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]|[" + _TAGS + "]+")
BIDI = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_BIDI = re.compile("[" + "".join(BIDI) + "]")
# No-break spaces are often deliberate ("10\u00a0km"), so only the exotic widths get a safe fix.
UNUSUAL_SPACES = {
    "\u00a0": ("no-break space", False),
    "\u202f": ("narrow no-break space", False),
    "\u1680": ("ogham space mark", True),
    "\u2000": ("en quad", True),
    "\u2001": ("em quad", True),
    "\u2002": ("en space", True),
    "\u2003": ("em space", True),
    "\u2004": ("three-per-em space", True),
    "\u2005": ("four-per-em space", True),
    "\u2006": ("six-per-em space", True),
    "\u2007": ("figure space", True),
    "\u2008": ("punctuation space", True),
    "\u2009": ("thin space", True),
    "\u200a": ("hair space", True),
    "\u205f": ("medium mathematical space", True),
    "\u3000": ("ideographic space", True),
}
_UNUSUAL_SPACES = re.compile("[" + "".join(UNUSUAL_SPACES) + "]")
# ftfy changes a line only when its badness pattern matches, and every branch of that
# pattern needs a character outside ASCII and outside these typographic marks (ftfy files
# them as common or quoting punctuation; tests/checks/test_encoding.py checks both facts).
# Lines made of them alone are skipped without importing ftfy (30 ms of a one-essay run).
PLAIN_TYPOGRAPHY = "’‘“”–—…"
_MOJIBAKE_HINT = re.compile("[^\x00-\x7f" + PLAIN_TYPOGRAPHY + "]")
_LINE = re.compile(r"[^\r\n]*")
_ENDINGS = re.compile(r"\r\n|\r|\n")
_TOKEN_CHAR = re.compile(r"\S")
_NON_ASCII_RUN = re.compile(r"\S*[^\x00-\x7f]\S*")


def char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


# Python codec names as iconv knows them (`iconv -l`): iconv rejects "latin_1" or "mac_roman".
ICONV_NAMES = {
    "latin_1": "ISO-8859-1",
    "iso8859_1": "ISO-8859-1",
    "iso8859_15": "ISO-8859-15",
    "mac_roman": "MACINTOSH",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32": "UTF-32",
    "shift_jis": "SHIFT_JIS",
    "cp932": "CP932",
    "euc_jp": "EUC-JP",
    "gb2312": "GB2312",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "big5": "BIG5",
    "euc_kr": "EUC-KR",
    "koi8_r": "KOI8-R",
}


def iconv_name(codec: str) -> str:
    """The name iconv knows an encoding by: cp1252 -> WINDOWS-1252, latin_1 -> ISO-8859-1."""
    if codec in ICONV_NAMES:
        return ICONV_NAMES[codec]
    match = re.fullmatch(r"cp(12[0-9]{2})", codec)
    if match:
        return f"WINDOWS-{match.group(1)}"
    match = re.fullmatch(r"iso8859_([0-9]+)", codec)
    if match:
        return f"ISO-8859-{match.group(1)}"
    return codec.upper().replace("_", "-")


def detect_encoding(raw: bytes) -> str | None:
    """The encoding bytes that are not UTF-8 are most likely in (see `guess_encoding`)."""
    guess = guess_encoding(raw)
    return guess[0] if guess else None


def guess_encoding(raw: bytes) -> tuple[str, float] | None:
    """(codec, how sure: 0 to 1) for bytes that are not UTF-8.

    charset-normalizer is reliable when the text is in a non-Latin script
    (Cyrillic, Greek, CJK...), but for mostly-ASCII English it picks among
    Latin code pages almost at random (measured: cp1257 or cp1250 for plain
    cp1252 essays). So its answer is taken when the letters it decodes are
    mostly non-Latin (a Shift-JIS or mostly-English GB18030 file too, with
    how sure it is, even when that is little); for Latin-script text,
    Windows-1252 (what Windows editors and most CMS exports write) is far
    more likely, Latin-1 last.
    """
    from charset_normalizer import from_bytes

    sample = raw[:200_000]
    matches = [m for m in from_bytes(sample) if m.encoding not in ("utf_8", "ascii")]
    unsure: tuple[str, float] | None = None
    if matches:
        best = matches[0]
        letters = [c for c in str(best) if ord(c) > 127 and c.isalpha()]
        non_latin = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
        if letters and non_latin > len(letters) / 2:
            # A real Cyrillic or Greek text has plenty of language coherence (measured: 47-56%);
            # a multibyte code page that turns a stray Latin byte into one ideograph has none.
            if best.percent_coherence >= 20:
                return best.encoding, min(1.0, best.percent_coherence / 100)
            unsure = (best.encoding, best.percent_coherence / 100)
    runs = [len(run) for run in re.findall(rb"[\x80-\xff]+", sample)]
    double_byte = bool(runs) and all(n % 2 == 0 for n in runs) and sum(runs) / len(runs) >= 2
    if unsure is not None and double_byte:
        return unsure  # mostly-English text with CJK words: every non-ASCII run is an even number of bytes
    try:
        sample.decode("cp1252")
        return "cp1252", 0.8
    except UnicodeDecodeError:
        pass
    if unsure is not None:
        return unsure  # Shift-JIS, GB18030 and the like in short texts: the best guess, marked unsure
    try:
        sample.decode("latin_1")
        return "latin_1", 0.5
    except UnicodeDecodeError:
        return None


def truncated_utf8(raw: bytes, byte_offset: int) -> bool:
    """Whether the bad byte starts a UTF-8 sequence cut short (by the end of the file or a lost byte)."""
    lead = raw[byte_offset]
    need = 1 if 0xC2 <= lead <= 0xDF else 2 if 0xE0 <= lead <= 0xEF else 3 if 0xF0 <= lead <= 0xF4 else 0
    if not need:
        return False
    following = raw[byte_offset + 1 : byte_offset + 1 + need]
    continued = len(following) - len(following.lstrip(bytes(range(0x80, 0xC0))))
    # Cut by the end of the file, or some continuation bytes and then not enough. A lead byte
    # followed by plain text ("caf\xe9 opened") is a one-byte encoding's letter instead.
    return (len(following) < need and continued == len(following)) or 0 < continued < need


_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _ftfy_config() -> Any:
    import ftfy

    # Only the encoding repairs: quotes, ligatures, widths and HTML are the author's business.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


_MENTIONS_FFFD = re.compile(r"U\+FFFD|replacement char", re.IGNORECASE)


class _EncodingRule(Check):
    """What the encoding rules share: where they look. A rule of the whole file looks at all of it."""

    default_scope = "raw"
    allowed_scopes = ("raw", "text")
    whole_file: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for start, end in self._spans(doc):
            yield from self.find(doc, start, end)

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        raise NotImplementedError

    def _spans(self, doc: Document) -> list[tuple[int, int]]:
        if self.whole_file or "raw" in self.rule.scope:
            return [(0, len(doc.text))]
        # Prose and the front matter (an essay's title often lives there), not code.
        return [(b.start, b.end) for b in doc.blocks if b.is_prose or b.kind == "front_matter"]


class Undecodable(_EncodingRule):
    """Bytes that are not UTF-8, named with the encoding the file is most likely in."""

    kind = "undecodable"
    whole_file = True
    example = """\
extends: undecodable
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        if not doc.decode_errors:
            return
        how = self._advice(doc)
        # Bad bytes per line, counted once (recounting for each line was quadratic on a cp1252 file).
        per_line: dict[int, int] = {}
        first: list[DecodeError] = []
        for error in doc.decode_errors:
            line, _ = doc.position(error.offset)
            if line not in per_line:
                first.append(error)
            per_line[line] = per_line.get(line, 0) + 1
        for error in first:
            count = per_line[doc.position(error.offset)[0]]
            yield self.finding(
                doc,
                error.offset,
                error.offset + 1,
                {
                    "byte": f"0x{error.byte:02X}",
                    "offset": error.byte_offset,
                    "encoding": how[1] or "unknown",
                    "how": how[0],
                },
                message=self.rule.message
                or f"Byte 0x{error.byte:02X} at byte offset {error.byte_offset} is not UTF-8"
                + (f" ({count} bad bytes on this line)" if count > 1 else "")
                + f"; {how[0]}.",
                data={"byte_offset": error.byte_offset, "encoding": how[1]},
            )

    @staticmethod
    def _advice(doc: Document) -> tuple[str, str | None]:
        """(what to do, the encoding named) for the file's bad bytes, worked out once per file.

        A file whose other non-ASCII text is valid UTF-8, or whose few bad bytes
        start a UTF-8 sequence cut short, is UTF-8 with damage: converting it
        from another encoding would garble the rest.
        """

        def work() -> tuple[str, str | None]:
            raw = doc.raw
            errors = doc.decode_errors
            cut = [e for e in errors if truncated_utf8(raw, e.byte_offset)]
            valid_elsewhere = _MULTIBYTE_UTF8.search(raw) is not None and len(errors) <= 8
            if valid_elsewhere or (cut and len(cut) == len(errors) <= 3):
                first = errors[0]
                return (
                    f"the file is UTF-8 with {len(errors)} bad byte{'s' if len(errors) != 1 else ''} "
                    f"(the first at byte offset {first.byte_offset}"
                    + (", a UTF-8 sequence cut short" if truncated_utf8(raw, first.byte_offset) else "")
                    + "): restore the characters from a source, do not convert the file",
                    "utf-8",
                )
            guess = guess_encoding(raw)
            if guess is None:
                return "convert it to UTF-8", None
            codec, sure = guess
            name = iconv_name(codec)
            hedge = "" if sure >= 0.2 else " (unsure: too little text to tell)"
            return f"the file looks like {name}{hedge}: convert it with `iconv -f {name} -t UTF-8`", codec

        return doc.memo("undecodable-advice", work)


class NotUtf8(_EncodingRule):
    """A file in UTF-16 or UTF-32 (with or without a byte order mark): read correctly, but most tools expect UTF-8.

    The fix writes the same text as UTF-8 (it is safe: no character changes).
    """

    kind = "not-utf8"
    whole_file = True
    example = """\
extends: not-utf8
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        if doc.encoding == "utf-8":
            return
        # An empty edit: applying it rewrites the file, and every write is UTF-8.
        fix = Fix((Edit(0, 0, ""),), safe=True, description=f"convert from {doc.encoding} to UTF-8")
        yield self.finding(
            doc,
            0,
            0,
            {"encoding": doc.encoding},
            message=self.rule.message or f"The file is {doc.encoding}, not UTF-8; --fix converts it.",
            fix=fix,
            data={"encoding": doc.encoding},
        )


class Mojibake(_EncodingRule):
    """UTF-8 text decoded as cp1252 or Latin-1 and saved again (`Nationâ€™s`), found and repaired by ftfy."""

    kind = "mojibake"
    example = """\
extends: mojibake
level: error
"""

    def setup(self, options: dict[str, Any]) -> None:
        self._config = None

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        text = doc.text
        for line in _LINE.finditer(text, start, end):
            content = line.group()
            if not content or not _MOJIBAKE_HINT.search(content):
                continue
            import ftfy

            if self._config is None:
                self._config = _ftfy_config()
            fixed = ftfy.fix_encoding(content, self._config)
            if fixed == content:
                continue
            base = line.start()
            for a1, a2, b1, b2 in changed_regions(content, fixed):
                bad, good = content[a1:a2], fixed[b1:b2]
                fix = Fix((Edit(base + a1, base + a2, good),), safe=True, description=f"repair {bad!r} -> {good!r}")
                yield self.finding(
                    doc,
                    base + a1,
                    base + a2,
                    {"match": bad, "suggestion": good},
                    suggestions=[good],
                    fix=fix,
                )


class ReplacementCharacter(_EncodingRule):
    """U+FFFD, written where a decoder lost a character; a line that names the character mentions it."""

    kind = "replacement-character"
    example = """\
extends: replacement-character
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        decode_offsets = {e.offset for e in doc.decode_errors}
        for match in re.finditer("\ufffd+", doc.text[start:end]):
            offsets = range(start + match.start(), start + match.end())
            if all(o in decode_offsets for o in offsets):
                continue  # reported by the undecodable rule
            line = doc.lines.position(start + match.start())[0]
            ls, le = doc.line_span(line, line)
            if _MENTIONS_FFFD.search(doc.text, ls, le):
                continue  # "the replacement character `U+FFFD` � is written": shown, not lost
            yield self.finding(doc, start + match.start(), start + match.end(), {"count": len(match.group())})


class ControlCharacters(_EncodingRule):
    """C0 and C1 control characters, which render as nothing or as boxes."""

    kind = "control-characters"
    example = """\
extends: control-characters
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        for match in _CONTROL.finditer(doc.text, start, end):
            char = match.group()
            fix = Fix((Edit(match.start(), match.end(), ""),), safe=True, description=f"remove {char_name(char)}")
            yield self.finding(doc, match.start(), match.end(), {"char": char_name(char)}, fix=fix)


class InvisibleCharacters(_EncodingRule):
    """Zero-width and other invisible characters inside the text."""

    kind = "invisible-characters"
    example = """\
extends: invisible-characters
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        for match in _INVISIBLE.finditer(doc.text, start, end):
            if match.start() == 0 and match.group() == "\ufeff":
                continue  # a leading BOM is the bom rule's
            if match.group()[0] not in INVISIBLE:
                hidden = "".join(chr(ord(c) - 0xE0000) for c in match.group() if 0x20 <= ord(c) - 0xE0000 < 0x7F)
                if _after_emoji(doc.text, match.start()) and not hidden.strip("abcdefghijklmnopqrstuvwxyz"):
                    continue  # a flag's tag sequence (🏴 + "gbeng" + cancel tag): emoji, not smuggling
                fix = Fix((Edit(match.start(), match.end(), ""),), safe=False, description="remove tag characters")
                yield self.finding(
                    doc,
                    match.start(),
                    match.end(),
                    {"char": f"{len(match.group())} tag characters (invisible text {hidden!r})"},
                    fix=fix,
                )
                continue
            if match.group() in "\u200c\u200d" and _joins(doc.text, match.start()):
                continue
            name, safe = INVISIBLE[match.group()]
            fix = Fix((Edit(match.start(), match.end(), ""),), safe=safe, description=f"remove {name}")
            yield self.finding(
                doc, match.start(), match.end(), {"char": f"{name} ({char_name(match.group())})"}, fix=fix
            )


def _pictographic(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code == 0xFE0F or 0x1F3FB <= code <= 0x1F3FF


def _joins(text: str, offset: int) -> bool:
    """A (non-)joiner doing its job: inside an emoji sequence (👨‍👩‍👧), or between letters of a script that
    writes with it (Persian "می‌خواهم", Hindi, Malayalam), where removing it changes the word."""
    before = text[offset - 1] if offset > 0 else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    if (before and _pictographic(before)) or (after and _pictographic(after)):
        return True

    def scripted(char: str) -> bool:
        return (
            bool(char)
            and (char.isalpha() or unicodedata.category(char).startswith("M"))
            and not char.isascii()
            and "LATIN" not in unicodedata.name(char, "")
        )

    return scripted(before) and scripted(after)


def _after_emoji(text: str, offset: int) -> bool:
    return offset > 0 and text[offset - 1] == "\U0001f3f4"  # WAVING BLACK FLAG starts tag sequences


# Cyrillic and Greek letters that look like Latin ones (after Unicode's confusables list).
LOOKALIKES = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "һ": "h",
    "ӏ": "l",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Ү": "Y",
    "ο": "o",
    "α": "a",
    "ν": "v",
    "ρ": "p",
    "τ": "t",
    "ι": "i",
    "κ": "k",
    "υ": "u",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
_LETTERS = re.compile(r"[^\W\d_]+")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script
    return "OTHER"


class MixedScript(_EncodingRule):
    """A word that mixes Latin with Cyrillic or Greek letters (`Pаris` with a Cyrillic а): a homoglyph.

    Search, spelling and every reader's eye take it for the Latin word it
    imitates, which is how phishing links and evaded filters work. The
    look-alike letters are named; where replacing them leaves a Latin word,
    that is the suggestion (an unsafe fix: a name may mix scripts on purpose).
    """

    kind = "mixed-script"
    default_scope = "text"
    example = """\
extends: mixed-script
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        # Prose only: inline code that shows a homoglyph (`scоpe`, in a PEP on Unicode security)
        # is a demonstration.
        if not _NON_ASCII_LETTER.search(doc.prose, start, end):
            return  # every word is ASCII (most blocks): one C-level search instead of a loop over the words
        for match in _LETTERS.finditer(doc.prose, start, end):
            word = match.group()
            if word.isascii():
                continue
            scripts = {_script(c) for c in word}
            if "LATIN" not in scripts or not scripts & {"CYRILLIC", "GREEK"}:
                continue
            foreign = [c for c in word if _script(c) in ("CYRILLIC", "GREEK")]
            if not all(c in LOOKALIKES for c in foreign):
                continue  # "5μs", "Ωm": a Greek letter that looks like no Latin one is meant as itself
            latin = "".join(LOOKALIKES.get(c, c) for c in word)
            named = ", ".join(f"{c!r} ({unicodedata.name(c, '?').title()})" for c in dict.fromkeys(foreign))
            fix = None
            suggestions: list[str] = []
            if all(_script(c) == "LATIN" for c in latin):
                suggestions = [latin]
                fix = Fix((Edit(match.start(), match.end(), latin),), safe=False, description=f"{word} -> {latin}")
            yield self.finding(
                doc,
                match.start(),
                match.end(),
                {"match": word, "chars": named, "suggestion": latin},
                message=self.rule.message
                or f"'{word}' mixes scripts: {named} among Latin letters"
                + (f"; did you mean '{latin}'?" if suggestions else "."),
                suggestions=suggestions,
                fix=fix,
            )


class BidiControls(_EncodingRule):
    """Bidirectional controls, which can make text read other than it is stored (Trojan Source)."""

    kind = "bidi-controls"
    example = """\
extends: bidi-controls
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        for match in _BIDI.finditer(doc.text, start, end):
            char = match.group()
            fix = Fix((Edit(match.start(), match.end(), ""),), safe=False, description=f"remove {BIDI[char]}")
            yield self.finding(doc, match.start(), match.end(), {"char": f"U+{ord(char):04X} {BIDI[char]}"}, fix=fix)


class Bom(_EncodingRule):
    """A byte order mark at the start of a UTF-8 file."""

    kind = "bom"
    whole_file = True
    example = """\
extends: bom
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        if doc.has_bom:
            yield self.finding(doc, 0, 1, {}, fix=Fix((Edit(0, 1, ""),), safe=True, description="remove the BOM"))


class UnusualSpaces(_EncodingRule):
    """Spaces of unusual widths (and no-break spaces, unsafe to replace)."""

    kind = "unusual-spaces"
    example = """\
extends: unusual-spaces
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        for match in _UNUSUAL_SPACES.finditer(doc.text, start, end):
            name, safe = UNUSUAL_SPACES[match.group()]
            fix = Fix((Edit(match.start(), match.end(), " "),), safe=safe, description=f"replace {name} with a space")
            yield self.finding(
                doc, match.start(), match.end(), {"char": f"{name} ({char_name(match.group())})"}, fix=fix
            )


class MixedLineEndings(_EncodingRule):
    """More than one line-ending style in one file; the fix uses the commonest."""

    kind = "mixed-line-endings"
    whole_file = True
    example = """\
extends: mixed-line-endings
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        endings = list(_ENDINGS.finditer(doc.text))
        kinds: dict[str, list[re.Match[str]]] = {}
        for match in endings:
            kinds.setdefault(match.group(), []).append(match)
        if len(kinds) < 2:
            return
        names = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
        # The most used style wins; on a tie, the style of the first line.
        majority = max(kinds, key=lambda k: (len(kinds[k]), -kinds[k][0].start()))
        minority = [m for m in endings if m.group() != majority]
        first = minority[0]
        counts = ", ".join(f"{len(v)} {names[k]}" for k, v in sorted(kinds.items(), key=lambda kv: -len(kv[1])))
        edits = tuple(Edit(m.start(), m.end(), majority) for m in minority)
        yield self.finding(
            doc,
            first.start(),
            first.end(),
            {"majority": names[majority], "minority": names[first.group()], "counts": counts},
            fix=Fix(edits, safe=True, description=f"use {names[majority]} line endings throughout"),
            data={"counts": {names[k]: len(v) for k, v in kinds.items()}},
        )


class NotNfc(_EncodingRule):
    """Text not in Unicode normalisation form C: the same letter stored two ways."""

    kind = "not-nfc"
    example = """\
extends: not-nfc
level: error
"""

    def find(self, doc: Document, start: int, end: int) -> Iterator[Finding]:
        segment = doc.text[start:end]
        if unicodedata.is_normalized("NFC", segment):
            return
        for match in _NON_ASCII_RUN.finditer(doc.text, start, end):
            word = match.group()
            normal = unicodedata.normalize("NFC", word)
            if normal != word:
                fix = Fix((Edit(match.start(), match.end(), normal),), safe=True, description="normalise to NFC")
                yield self.finding(
                    doc,
                    match.start(),
                    match.end(),
                    {"match": word, "suggestion": normal},
                    suggestions=[normal],
                    fix=fix,
                )


def changed_regions(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Whole-word regions where `after` differs from `before`, as (a1, a2, b1, b2).

    Regions are widened to word boundaries (so a suggestion is a readable
    word), grown until neither end falls inside a changed block, and merged
    when they touch, so their edits never overlap.
    """
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    changed = [(i1, i2) for tag, i1, i2, _j1, _j2 in ops if tag != "equal"]
    regions: list[list[int]] = []
    for i1, i2 in changed:
        a1, a2 = _widen(before, i1, i2)
        while True:  # snap both ends out of any changed block they cut through
            grown = False
            for c1, c2 in changed:
                if c1 < a1 < c2:
                    a1, grown = c1, True
                if c1 < a2 < c2:
                    a2, grown = c2, True
            if not grown:
                break
            a1, a2 = _widen(before, a1, a2)
        if regions and a1 <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], a2)
        else:
            regions.append([a1, a2])

    def mapped(pos: int) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" and i1 <= pos <= i2:
                return j1 + (pos - i1)
            if pos == i1:
                return j1
            if pos == i2:
                return j2
        return len(after)

    return [(a1, a2, mapped(a1), mapped(a2)) for a1, a2 in regions]


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) to whole whitespace-separated words."""
    while start > 0 and _TOKEN_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _TOKEN_CHAR.match(text[end]):
        end += 1
    if start == end and end < len(text):
        end += 1
    return start, end
