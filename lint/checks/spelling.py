"""Spelling rules: words not in the dictionary, known misspellings, and US/GB variants.

Why: a misspelt word is the cheapest defect to fix and the most embarrassing
to publish. False alarms are what make people switch a spell checker off, so
these rules leave alone everything a careful editor would: possessives,
contractions, hyphenated compounds (each part is checked), numbers and
ordinals, URLs, paths and e-mail addresses (never prose), acronyms, inline
code and templating, and names: capitalised in mid-sentence, or at the start
of a sentence when the essay also uses them mid-sentence.

One class per rule, each its own kind:
- `spelling` (UnknownWord): not in the word list (lint/lexicon.py says which
  lists), with up to three suggestions ranked by edit distance and frequency
  from symspellpy's index (half a millisecond each, so every unknown word
  gets them; `two_edit_suggestions` can still limit the deeper search);
- `misspelling` (CommonMisspelling): codespell's list of common
  misspellings, where the text gives no reason to doubt it (see the class);
- `variant` (Variant): with `language: en-US` (or en-GB) in the config, the
  other variety's spellings ("colour" in an en-US essay).
The config's vocabulary accepts words and rejects others for every rule here.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from typing import Any

from lint import lexicon
from lint.checks import Check, Context, match_case
from lint.document import SPELLING_TOKEN, Document, own_case, slash_joined
from lint.finding import Edit, Finding, Fix, Level
from lint.options import Option, boolean, compile_pattern, integer, optional, regex_list, string_list

_MOJIBAKE = re.compile(r"[ÂÃâÅÄ][\u0080-\u00ff\u2018-\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u017d\u017e\u0192]")
_CONTRACTION_SUFFIXES = ("s", "t", "re", "ve", "ll", "d", "m")
# Longer tokens are not checked: the longest English words have 30 to 45 letters, and a
# suggestion search over a 5 MB token ran out of memory.
MAX_WORD = 60
# US <-> GB spelling patterns; a pair is reported only when both spellings are real words.
_GB_TO_US = [
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
]
_VARIANT_EXCEPTIONS = frozenset(
    "advise advises advised advising apprise comprise comprises comprised compromise compromised devise devised "
    "exercise exercised exercises enterprise enterprises franchise expertise improvise revise revised revising "
    "supervise supervised surprise surprised surprising televise premise premises chastise disguise despise "
    "merchandise promise promised promising otherwise wise rise arise arises arising raise raised raising noise "
    "poise praise praised cruise cruising paradise precise concise incise excise sunrise hour hours four flour "
    "pour poured your yours tour tours contour detour sour dour our ours glamour fence hence pence sence "
    "whence thence science conscience sentence sentences licence license defence practice practise lyse "
    "metre litre theatre spectre meagre sombre ogre acre massacre mediocre fill filled fulfill fulfilled "
    "install installed recall recalled".split()
)


class _Forms(dict[str, str]):
    """A word as the spelling rules compare it (lower case, no trailing apostrophe), made once per process."""

    def __missing__(self, word: str) -> str:
        lower = word.rstrip("'’").lower().replace("’", "'")
        self[word] = lower = self.get(lower, lower)  # one string for every spelling of a form
        return lower


_FORMS = _Forms()
_FORMS_KEPT = 200_000  # distinct words; about 30 MB, cleared beyond it
_SPLIT = re.compile(f"({SPELLING_TOKEN.pattern})")
_PIECE = 1 << 20


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """[start, end) cut at spaces into pieces of about _PIECE characters (no word holds a space)."""
    while end - start > _PIECE:
        cut = text.find(" ", start + _PIECE, end)
        if cut == -1:
            break
        yield start, cut
        start = cut
    yield start, end


@dataclass
class Tokens:
    """The prose words of a document in scope: offsets in two arrays and lower-case forms shared.

    A 9 MB essay has 1.5 million words; keeping a match object for each took
    370 MB, these take a tenth of it.
    """

    starts: array = field(default_factory=lambda: array("i"))  # 4 bytes: _scan widens past 2 GiB
    ends: array = field(default_factory=lambda: array("i"))
    forms: list[str] = field(default_factory=list)
    distinct: frozenset[str] = frozenset()


class _WordRule(Check):
    """What the spelling rules share: the prose words in scope, asked of a word list once per distinct form."""

    default_scope = "text"
    allowed_scopes = ("text", "heading", "paragraph", "list", "blockquote", "table", "document")
    options: tuple[Option, ...] = (
        Option("min_length", integer(1), 2, "shorter words are not checked", "int"),
        Option("ignore", string_list, [], "more words to accept (the config's vocabulary applies too)", "list"),
    )

    def setup(self, options: dict[str, Any]) -> None:
        self.min_length = options["min_length"]
        self.ignore = {w.lower() for w in options["ignore"]}

    def prepare(self) -> None:
        lexicon.prepare()

    def _tokens(self, doc: Document) -> Tokens:
        """The prose words in scope, shared by the spelling rules (see Tokens)."""
        return doc.memo(("spelling-tokens", self.rule.scope), lambda: self._scan(doc))

    def _scan(self, doc: Document) -> Tokens:
        """The words of every segment in scope, found by one split per piece of text.

        `_SPLIT.split` gives the words with the text between them, so their
        offsets are running sums of lengths (itertools.accumulate, in C): a
        third faster than a match object per word, with the same words and
        offsets (tests/checks/test_spelling.py compares them on real text).
        Pieces end at a space, at most _PIECE characters apart, so a 9 MB
        paragraph's word list is not held twice at once.
        """
        prose = doc.prose
        tokens = Tokens() if len(prose) < 2**31 else Tokens(array("q"), array("q"))
        starts, ends, forms = tokens.starts, tokens.ends, tokens.forms
        if len(_FORMS) > _FORMS_KEPT:
            _FORMS.clear()
        form = _FORMS.__getitem__
        for _scope, _text, start, end in self.scoped(doc):
            for begin, stop in _pieces(prose, start, end):
                parts = _SPLIT.split(prose[begin:stop])
                if len(parts) == 1:
                    continue
                # parts: text, word, text, ..., word, text; offsets[k]: where parts[k] starts.
                offsets = list(accumulate(map(len, parts), initial=begin))
                starts.extend(offsets[1:-1:2])
                ends.extend(offsets[2::2])
                forms.extend(map(form, parts[1::2]))
        tokens.distinct = frozenset(forms)
        return tokens

    def wanted(self, distinct: frozenset[str], reject: frozenset[str]) -> set[str]:
        """The distinct lower-case forms this rule looks at closer."""
        raise NotImplementedError

    def judge(self, doc: Document, index: int, start: int, word: str, ctx: Context) -> Iterator[Finding]:
        """Findings for one word of a wanted form; `index` is its place in the token list."""
        raise NotImplementedError

    def rejected(self, doc: Document, start: int, word: str) -> Iterator[Finding]:
        """A word the project vocabulary rejects; only the unknown-word rule reports it."""
        return iter(())

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not self.active(ctx):
            return
        tokens = self._tokens(doc)
        reject = ctx.vocabulary_reject
        wanted = self.wanted(tokens.distinct, reject)
        if not wanted:
            return
        prose = doc.prose
        forms = tokens.forms
        # The places of the wanted forms, found in C: most documents want a few dozen of 2,000 words.
        for index in compress(count(), map(wanted.__contains__, forms)):
            lower = forms[index]
            s, e = tokens.starts[index], tokens.ends[index]
            if (s > 0 and prose[s - 1].isdigit()) or (e < len(prose) and prose[e].isdigit()):
                continue  # part of "1st", "3D", "mp3"
            if e - s > MAX_WORD:
                continue  # no word is that long: a hash, a base64 blob or a generator's runaway line
            word = prose[s:e].rstrip("'’")
            chunk_start = prose.rfind(" ", 0, s) + 1
            chunk_end = prose.find(" ", e)
            chunk = doc.text[chunk_start : chunk_end if chunk_end != -1 else len(prose)]
            if len(word) < self.min_length or "\ufffd" in chunk or _MOJIBAKE.search(chunk):
                continue
            if lower in reject:
                yield from self.rejected(doc, s, word)
                continue
            if slash_joined(doc.text, s, s + len(word)):
                continue  # one side of "net/http", "compress/flate": a package path as often as a word
            if ctx.accepts(word) or lower in self.ignore:
                continue
            yield from self.judge(doc, index, s, word, ctx)

    def active(self, ctx: Context) -> bool:
        return True


class UnknownWord(_WordRule):
    """A word in none of the word lists, with suggestions.

    Names, acronyms, CamelCase identifiers and words on codespell's list (the
    misspelling rule reports those, with their correction) are left alone.
    """

    kind = "spelling"
    options = (
        *_WordRule.options,
        Option("skip_names", boolean, True, "leave capitalised words in mid-sentence alone", "bool"),
        Option(
            "two_edit_suggestions",
            optional(integer(0)),
            None,
            "unknown words per document whose suggestions may be two edits away (default: all; a lookup costs "
            "about half a millisecond); the rest get one-edit suggestions",
            "int",
        ),
        Option("filters", regex_list, [], "words that match one of these regexes are not checked (Vale's key)", "list"),
        Option(
            "defer_misspellings",
            boolean,
            True,
            "leave words on codespell's list to the misspelling rule, which gives their correction",
            "bool",
        ),
    )
    example = """\
extends: spelling
message: "Unknown word '{match}'."
level: warning
skip_names: true
ignore: [Ummah, essaylint]
"""

    def setup(self, options: dict[str, Any]) -> None:
        super().setup(options)
        self.skip_names = options["skip_names"]
        self.two_edit_suggestions = options["two_edit_suggestions"]
        self.defer_misspellings = options["defer_misspellings"]
        joined = "|".join(f"(?:{f})" for f in options["filters"])
        self.filters = compile_pattern(joined, what="filters") if joined else None

    def wanted(self, distinct: frozenset[str], reject: frozenset[str]) -> set[str]:
        return (distinct - lexicon.known_words().present(distinct)) | (distinct & reject)

    def rejected(self, doc: Document, start: int, word: str) -> Iterator[Finding]:
        yield self.finding(
            doc,
            start,
            start + len(word),
            {"match": word, "suggestions": ""},
            message=f"'{word}' is rejected by the project vocabulary.",
        )

    def judge(self, doc: Document, index: int, start: int, word: str, ctx: Context) -> Iterator[Finding]:
        if own_case(word) or _is_camel(word):
            return
        if self.skip_names and _is_name(doc, start, word):
            return
        if self.filters is not None and self.regex_match(self.filters, word, "fullmatch"):
            return
        if all(_known(part, ctx) for part in word.split("-") if part):
            return
        if self.defer_misspellings and word.lower() in lexicon.common_misspellings():
            return  # the misspelling rule's to report, with its correction
        if _archaic_inflection(word.lower()) and _old_spelling(doc):
            return  # "maketh", "seemeth", "goest" in a text written in old spelling
        parts = [p for p in word.split("-") if p and not _known(p, ctx)]
        target = parts[0] if len(parts) == 1 and "-" in word else word
        offset = start + word.index(target)
        # A document of gibberish (broken generated text) would otherwise cost seconds.
        searched = doc.memo(("two-edit-suggestions", self.rule.id), lambda: [0])
        cap = self.two_edit_suggestions
        suggestions = lexicon.suggestions(_base(target), two_edits=cap is None or searched[0] < cap)
        searched[0] += 1
        yield self.finding(
            doc,
            offset,
            offset + len(target),
            {"match": target, "suggestions": ", ".join(suggestions)},
            message=self.rule.message
            or f"Unknown word '{target}'" + (f"; did you mean {' or '.join(suggestions)}?" if suggestions else "."),
            suggestions=suggestions,
        )


class CommonMisspelling(_WordRule):
    """A word on codespell's list of common misspellings, unless the text gives reason to doubt it.

    codespell's list is made for code and its comments, where every token is
    lower case and modern. In published prose a listed form is often right,
    so the rule says nothing where the evidence is against the list:
    - a name: capitalised in mid-sentence, or elsewhere in the essay
      ("Kaitlin Devine", "Emanuel Feld", "Santa Claus");
    - a word Google Books knows (symspellpy's curated list: "despatch",
      "connexion", "subtile": old or British spellings, not slips);
    - a hyphenated form whose parts join into a word ("co-ordinate",
      "pre-emptive", "re-using": British hyphenation), or a prefix and a
      word ("overwise");
    - a word marked as quoted as it stands ("Codeing [sic]"), or cut short
      in dialect ("goin'");
    - a word between words that are not English ("jus civitatis",
      "conjugii nostri memor, vive"): a quotation in another language;
    - a document in old spelling ("hath", "doth", "-eth" verbs), where
      "quitted" and "builded" were the usage of the day.
    A word the CMU Pronouncing Dictionary lists ("raison", "homogenous", and
    also "thier") is reported at most as a warning.
    """

    kind = "misspelling"
    example = """\
extends: misspelling
level: error
"""

    def wanted(self, distinct: frozenset[str], reject: frozenset[str]) -> set[str]:
        return lexicon.common_misspellings().present(distinct)

    def judge(self, doc: Document, index: int, start: int, word: str, ctx: Context) -> Iterator[Finding]:
        entry = lexicon.misspelling(word)
        if entry is None or own_case(word) or _is_name(doc, start, word):
            return
        lower = word.lower()
        if lexicon.count(lower) > 0 or _hyphen_variant(lower) or _marked_as_quoted(doc, start + len(word)):
            return
        if _foreign_context(doc, self._tokens(doc), index) or _old_spelling(doc):
            return
        options = [match_case(word, c) for c in entry.corrections]
        fix = None
        if len(options) == 1 and not entry.reason:
            fix = Fix((Edit(start, start + len(word), options[0]),), safe=True, description=f"{word} -> {options[0]}")
        # The CMU Pronouncing Dictionary lists it ("raison", "homogenous", but also
        # "thier"): a doubt, so at most a warning.
        pronounced = lexicon.first_pronunciations().get(lower) is not None
        yield self.finding(
            doc,
            start,
            start + len(word),
            {"match": word, "suggestion": " or ".join(options)},
            message=self.rule.message
            or f"'{word}' is a common misspelling of {' or '.join(repr(o) for o in options)}.",
            suggestions=options,
            fix=fix,
            level=Level.WARNING if pronounced and self.rule.level > Level.WARNING else None,
        )


class Variant(_WordRule):
    """With `language: en-US` or `en-GB`, the other variety's spelling; silent with plain `en`."""

    kind = "variant"
    example = """\
extends: variant
level: warning
"""

    def active(self, ctx: Context) -> bool:
        return ctx.language != "en"

    def wanted(self, distinct: frozenset[str], reject: frozenset[str]) -> set[str]:
        return set(distinct)

    def judge(self, doc: Document, index: int, start: int, word: str, ctx: Context) -> Iterator[Finding]:
        lower = word.lower()
        if lower in _VARIANT_EXCEPTIONS or len(lower) < 4:
            return
        other = _other_variant(lower, to_us=ctx.language == "en-US")
        if other is None:
            return
        replacement = match_case(word, other)
        region = "American" if ctx.language == "en-US" else "British"
        yield self.finding(
            doc,
            start,
            start + len(word),
            {"match": word, "suggestion": replacement},
            message=self.rule.message or f"'{word}' is not the {region} spelling; use '{replacement}'.",
            suggestions=[replacement],
            fix=Fix((Edit(start, start + len(word), replacement),), safe=False, description=f"{word} -> {replacement}"),
        )


def _is_name(doc: Document, start: int, word: str) -> bool:
    """Capitalised in mid-sentence, or a word the essay capitalises in mid-sentence elsewhere."""
    if not word[:1].isupper():
        return False
    starts = doc.memo("sentence-starts", lambda: frozenset(s.start for s in doc.sentences))
    return start not in starts or _base(word) in doc.names


_SIC = re.compile(r"[\s*_]*[\[(]sic[\])]", re.IGNORECASE)


def _marked_as_quoted(doc: Document, end: int) -> bool:
    """ "Codeing [sic]"; or "goin'", a dialect elision whose apostrophe stands right after the word."""
    text = doc.text
    return bool(_SIC.match(text, end)) or (text[end : end + 1] in ("'", "’") and not text[end + 1 : end + 2].isalpha())


_COMPOUND_PREFIXES = ("over", "under", "out", "fore", "counter")


def _hyphen_variant(lower: str) -> bool:
    """ "co-ordinate" for "coordinate"; or a compound of a prefix and a word ("overwise": over-wise)."""
    if "-" in lower:
        return lexicon.is_known(lower.replace("-", ""))
    return any(
        lower.startswith(p) and len(lower) - len(p) >= 4 and lexicon.is_known(lower[len(p) :])
        for p in _COMPOUND_PREFIXES
    )


def _foreign_context(doc: Document, tokens: Tokens, index: int) -> bool:
    """A lower-case neighbour in the same sentence that no word list knows: another language is quoted."""
    sentence = doc.memo("sentence-at", lambda: _sentence_index(doc))
    here = sentence(tokens.starts[index])
    prose = doc.prose
    for other in (index - 1, index + 1):
        if not 0 <= other < len(tokens.forms):
            continue
        if sentence(tokens.starts[other]) != here or not prose[tokens.starts[other]].islower():
            continue
        lower = tokens.forms[other]
        if not lexicon.is_known(lower) and lower not in lexicon.common_misspellings():
            return True
    return False


def _sentence_index(doc: Document) -> Callable[[int], int]:
    import bisect

    starts = [s.start for s in doc.sentences]
    return lambda offset: bisect.bisect_right(starts, offset)


# Forms that mark a text as written in old spelling; with -eth verbs ("preoccupateth").
_OLD_FORMS = frozenset("hath doth thee thou thy thine ye hast dost shalt wilt 'tis whilst unto nay ere oft".split())
_ETH_VERB = re.compile(r"[a-z]{3,}[^i]eth")
OLD_SPELLING_MIN = 3  # and at least this many, so two slips in a short note do not make it old
OLD_SPELLING_PER_1000 = 1.5  # old forms per 1,000 words that mark the text (Bacon: 1.8 to 20; modern prose: 0)


_ARCHAIC_ENDINGS = ("eth", "est", "th", "st")


def _archaic_inflection(lower: str) -> bool:
    """An old verb form of a known word: make -> maketh, seem -> seemeth, go -> goest, do -> doth."""
    for ending in _ARCHAIC_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            stem = lower[: -len(ending)]
            if any(lexicon.is_known(s) for s in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem)):
                return True
    return False


def _old_spelling(doc: Document) -> bool:
    def measure() -> bool:
        # Counted per distinct form, streaming: a list of the words of a 9 MB essay took 280 MB.
        counts = Counter(w.lower().replace("’", "'") for w in doc.iter_words())
        total = sum(counts.values())
        if not total:
            return False
        old = sum(n for w, n in counts.items() if w in _OLD_FORMS or (_ETH_VERB.fullmatch(w) and w != "teeth"))
        return old >= OLD_SPELLING_MIN and old * 1000 / total >= OLD_SPELLING_PER_1000

    return doc.memo("old-spelling", measure)


def _other_variant(word: str, to_us: bool) -> str | None:
    """The other variety's spelling of `word`, when both are real, differently counted words."""
    if not lexicon.is_known(word):
        return None
    for pattern, replacement in _GB_TO_US:
        if to_us:
            candidate = pattern.sub(replacement, word, count=1) if pattern.search(word) else None
        else:
            candidate = None
            for gb_try in _gb_candidates(word):
                if pattern.sub(replacement, gb_try, count=1) == word and pattern.search(gb_try):
                    candidate = gb_try
                    break
        if candidate and candidate != word and lexicon.is_known(candidate):
            return candidate
    return None


def _gb_candidates(word: str) -> list[str]:
    """British spellings an American form may stand for; not -ise for -ize: British English writes
    both (Oxford spelling, the house style of OUP, Cambridge and Nature), so "organization" is British too."""
    out = []
    for a, b in (
        ("or", "our"),
        ("yz", "ys"),
        ("ter", "tre"),
        ("og", "ogue"),
        ("ense", "ence"),
        ("l", "ll"),
    ):
        index = word.rfind(a)
        if index > 0:
            out.append(word[:index] + b + word[index + len(a) :])
    return out


def _base(word: str) -> str:
    """Drop a possessive: "Nation's" -> "Nation", "allies'" -> "allies"."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def _known(word: str, ctx: Context) -> bool:
    if lexicon.is_known(word) or ctx.accepts(word):
        return True
    base = _base(word)
    if base != word and (lexicon.is_known(base) or ctx.accepts(base)):
        return True
    normal = word.replace("’", "'")
    if "'" in normal:
        stem, _, suffix = normal.rpartition("'")
        if suffix.lower() in _CONTRACTION_SUFFIXES and (lexicon.is_known(stem) or stem.lower().endswith("n")):
            return lexicon.is_known(stem) or lexicon.is_known(stem[:-1])
    return False


def _is_camel(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and not word.isupper()
