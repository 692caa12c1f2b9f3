"""spelling: words not in the dictionary, known misspellings, and US/GB variants.

Why: a misspelt word is the cheapest defect to fix and the most embarrassing
to publish. False alarms are what make people switch a spell checker off, so
this kind leaves alone everything a careful editor would: possessives,
contractions, hyphenated compounds (each part is checked), numbers and
ordinals, URLs and e-mail addresses (never prose), acronyms, inline code, and
capitalised names in mid-sentence (a capitalised word at the start of a
sentence counts as a name when the essay also uses it mid-sentence).

`check` chooses the rule:
- `unknown-words`: not in the word list (lint/lexicon.py says which lists),
  with up to three suggestions ranked by edit distance and frequency (two
  edits away only for the first `two_edit_suggestions` such words of a
  document: a page of gibberish from a broken generator would otherwise
  take seconds);
- `common-misspellings`: codespell's list of common misspellings; the fix is
  safe when codespell has exactly one correction;
- `variant`: with `language: en-US` (or en-GB) in the config, the other
  variety's spellings ("colour" in an en-US essay).
The config's vocabulary accepts words and rejects others for every rule here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lint import lexicon
from lint.checks import Check, Context, match_case
from lint.document import Document
from lint.finding import Edit, Finding, Fix
from lint.options import Option, OptionError, boolean, choice, integer, string_list

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?")
_MOJIBAKE = re.compile(r"[ÂÃâÅÄ][\u0080-\u00ff\u2018-\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u017d\u017e\u0192]")
_CONTRACTION_SUFFIXES = ("s", "t", "re", "ve", "ll", "d", "m")
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


class Spelling(Check):
    """Finds misspellings; `check` chooses unknown-words, common-misspellings or variant."""

    kind = "spelling"
    default_scope = "text"
    allowed_scopes = ("text", "heading", "paragraph", "list", "blockquote", "table", "document")
    options = (
        Option("check", choice("unknown-words", "common-misspellings", "variant"), None, "which rule", "string"),
        Option("skip_names", boolean, True, "leave capitalised words in mid-sentence alone", "bool"),
        Option("min_length", integer(1), 2, "shorter words are not checked", "int"),
        Option("ignore", string_list, [], "more words to accept (the config's vocabulary applies too)", "list"),
        Option(
            "two_edit_suggestions",
            integer(0),
            3,
            "unknown words per document whose suggestions may be two edits away (up to 40 ms each); the rest get one-edit suggestions",
            "int",
        ),
    )
    example = """\
extends: spelling
check: unknown-words
message: "Unknown word '{match}'."
level: warning
skip_names: true
ignore: [Ummah, essaylint]
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["check"] is None:
            raise OptionError("check: required (one of: unknown-words, common-misspellings, variant)")
        self.which = options["check"]
        self.skip_names = options["skip_names"]
        self.min_length = options["min_length"]
        self.ignore = {w.lower() for w in options["ignore"]}
        self.two_edit_suggestions = options["two_edit_suggestions"]

    # -- tokens -------------------------------------------------------------------------
    def _tokens(self, doc: Document) -> tuple[list[tuple[re.Match[str], str]], frozenset[str]]:
        """(word match, its lower-case form) for each prose word in scope, and the distinct forms.

        Shared by the three spelling rules; each asks its word list only about the
        distinct forms, and looks closer only at tokens whose form it cares about.
        """
        return doc.memo(("spelling-tokens", self.rule.scope), lambda: self._scan(doc))

    def _scan(self, doc: Document) -> tuple[list[tuple[re.Match[str], str]], frozenset[str]]:
        prose = doc.prose
        tokens = [
            (match, match.group().rstrip("'’").lower().replace("’", "'"))
            for _scope, _text, start, end in self.scoped(doc)
            for match in _TOKEN.finditer(prose, start, end)
        ]
        return tokens, frozenset(lower for _, lower in tokens)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.which == "variant" and ctx.language == "en":
            return
        tokens, distinct = self._tokens(doc)
        reject = ctx.vocabulary_reject
        if self.which == "unknown-words":
            wanted = (distinct - lexicon.known_words().present(distinct)) | (distinct & reject)
        elif self.which == "common-misspellings":
            wanted = lexicon.common_misspellings().present(distinct) | (distinct & reject)
        else:
            wanted = set(distinct)
        if not wanted:
            return
        prose = doc.prose
        names = doc.names if self.skip_names else frozenset()
        sentence_starts = doc.memo("sentence-starts", lambda: frozenset(s.start for s in doc.sentences))
        for match, lower in tokens:
            if lower not in wanted:
                continue
            s, e = match.span()
            if (s > 0 and prose[s - 1].isdigit()) or (e < len(prose) and prose[e].isdigit()):
                continue  # part of "1st", "3D", "mp3"
            word = match.group().rstrip("'’")
            chunk_start = prose.rfind(" ", 0, s) + 1
            chunk_end = prose.find(" ", e)
            chunk = doc.text[chunk_start : chunk_end if chunk_end != -1 else len(prose)]
            if len(word) < self.min_length or "\ufffd" in chunk or _MOJIBAKE.search(chunk):
                continue
            if lower in reject:
                if self.which == "unknown-words":
                    yield self.finding(
                        doc,
                        s,
                        s + len(word),
                        {"match": word, "suggestions": ""},
                        message=f"'{word}' is rejected by the project vocabulary.",
                    )
                continue
            if ctx.accepts(word) or lower in self.ignore:
                continue
            if self.which == "common-misspellings":
                yield from self._misspelling(doc, s, word)
            elif self.which == "variant":
                yield from self._variant(doc, s, word, ctx.language)
            else:
                yield from self._unknown(doc, s, word, s in sentence_starts, names, ctx)

    # -- the rules ----------------------------------------------------------------------
    def _unknown(
        self, doc: Document, start: int, word: str, starts_sentence: bool, names: frozenset[str], ctx: Context
    ) -> Iterator[Finding]:
        if _is_acronym(word) or _is_camel(word):
            return
        capitalised = word[:1].isupper()
        if self.skip_names and capitalised and (not starts_sentence or _base(word) in names):
            return
        if all(_known(part, ctx) for part in word.split("-") if part):
            return
        if word.lower() in lexicon.common_misspellings():
            return  # reported, with its correction, by the common-misspellings rule
        parts = [p for p in word.split("-") if p and not _known(p, ctx)]
        target = parts[0] if len(parts) == 1 and "-" in word else word
        offset = start + word.index(target)
        # A document of gibberish (broken generated text) would otherwise cost seconds.
        searched = doc.memo(("two-edit-suggestions", self.rule.id), lambda: [0])
        suggestions = lexicon.suggestions(_base(target), two_edits=searched[0] < self.two_edit_suggestions)
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

    def _misspelling(self, doc: Document, start: int, word: str) -> Iterator[Finding]:
        entry = lexicon.misspelling(word)
        if entry is None or _is_acronym(word):
            return
        options = [match_case(word, c) for c in entry.corrections]
        fix = None
        if len(options) == 1 and not entry.reason:
            fix = Fix((Edit(start, start + len(word), options[0]),), safe=True, description=f"{word} -> {options[0]}")
        yield self.finding(
            doc,
            start,
            start + len(word),
            {"match": word, "suggestion": " or ".join(options)},
            message=self.rule.message
            or f"'{word}' is a common misspelling of {' or '.join(repr(o) for o in options)}.",
            suggestions=options,
            fix=fix,
        )

    def _variant(self, doc: Document, start: int, word: str, language: str) -> Iterator[Finding]:
        lower = word.lower()
        if lower in _VARIANT_EXCEPTIONS or len(lower) < 4:
            return
        other = _other_variant(lower, to_us=language == "en-US")
        if other is None:
            return
        replacement = match_case(word, other)
        region = "American" if language == "en-US" else "British"
        yield self.finding(
            doc,
            start,
            start + len(word),
            {"match": word, "suggestion": replacement},
            message=self.rule.message or f"'{word}' is not the {region} spelling; use '{replacement}'.",
            suggestions=[replacement],
            fix=Fix((Edit(start, start + len(word), replacement),), safe=False, description=f"{word} -> {replacement}"),
        )


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
    out = []
    for a, b in (
        ("or", "our"),
        ("iz", "is"),
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


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 2
        and sum(c.isupper() for c in letters) >= 2
        and sum(c.isupper() for c in letters) >= len(letters) - 1
    )


def _is_camel(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and not word.isupper()


CHECK = Spelling
