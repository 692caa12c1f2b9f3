"""claims: sentences that assert a specific, checkable fact, listed for an editor.

Why: "the national intelligence agency tipped Australian authorities about a
planned cyberattack" may be true or invented; an editor must check it before
publication. No prose linter finds such sentences; fact-checking services
score check-worthiness but do not live in a repository. This kind finds them
offline with transparent signals, each from a lexicon in the rule's YAML so
editors can tune them:

- **entity**: capitalised names in mid-sentence ("Australian authorities",
  "the Bilateral Industrial Research and Development Foundation"),
  countries and nationalities (from pycountry), organisation words
  ("agency", "ministry", "foundation");
- **figure**: numbers, percentages, amounts, years and dates;
- **superlative**: rankings and reputation ("the most advanced", "a leading
  figure", "known worldwide for");
- **attribution**: "according to", "experts estimate", "reported";
- **event**: a specific action verb ("tipped", "sponsored", "signed",
  "has led to").

A sentence is a claim when its signals make it checkable: an entity doing or
being something specific (an event or a figure), a figure or date with a
subject, a superlative or reputation, or an attribution. Recommendations
("should", "must"), opinions, questions and definitions are not claims; a
name alone ("the Islamic Nation's strategies") is not either.

Each finding carries a stable claim id (a hash of the normalised sentence)
and its signals as data; the review ledger (lint/claims_ledger.py) records
which claims an editor has verified.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import compress, count
from typing import Any

from lint.checks import Check, Context
from lint.claimmodel import features, shipped_model
from lint.document import Document
from lint.finding import Finding, Level
from lint.options import Option, boolean, choice, integer, optional, probability, string_list

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_CAPITALISED_PHRASE = re.compile(r"\b(?:[A-Z][\w'’-]*(?:\s+(?:of|and|for|the|de|on|in|&)\s+|\s+))*[A-Z][\w'’-]*")
_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£¥]\s?)?\d[\d,]*(?:\.\d+)?\s?(?:%|percent|per cent|billion|million|thousand|trillion|bn|m\b|km|kg|tonnes?|troops|soldiers|people)?"
)
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_YEAR = re.compile(r"\b(?:1[6-9]\d\d|20\d\d)s?\b")
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_MONTHS = re.compile(r"\b(?:" + "|".join(_MONTH_NAMES) + r")\b(?:\s+\d{1,2})?")
# The words _NUMBER_WORDS can match, "a third" and "a quarter" by their second word.
_NUMBER_WORD_SET = frozenset(
    (
        "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds "
        "thousands millions billions dozen dozens half third quarter"
    ).split()
)
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousands|millions|billions|dozens?|half|a third|a quarter)\b",
    re.I,
)
_WORD_PIECES = re.compile(r"['’-]")


def _may_have_number_word(sentence: str, words: list[str]) -> bool:
    """False only when _NUMBER_WORDS cannot match: its case-insensitive scan was the dearest figure test.

    Every match is a run of word characters between non-word characters, so
    it is one of the lower-case tokens or a piece of one split at ' ’ -.
    Outside ASCII, case-insensitive matching knows more equivalences ("ſ" is
    "s") than lower() does, so such sentences are always scanned.
    """
    if not sentence.isascii():
        return True
    if not _NUMBER_WORD_SET.isdisjoint(words):
        return True
    if "-" not in sentence and "'" not in sentence and "’" not in sentence:
        return False  # no joined word to split (most sentences): no Python loop over the words
    return any(
        not _NUMBER_WORD_SET.isdisjoint(_WORD_PIECES.split(word))
        for word in words
        if "-" in word or "'" in word or "’" in word
    )


# A figure with a unit or a percentage is checkable on its own ("60,000 troops", "2.1 percent").
_MEASURED = re.compile(
    r"\d.*(?:%|percent|per cent|billion|million|thousand|trillion|km|kg|tonnes?|troops|soldiers|people)|[$€£¥]\s?\d"
)

_FUNCTION_WORDS = frozenset(
    "a an the this that these those its their his her our of in on at by for with to from and or but is are was were "
    "has have had be been as into about".split()
)


def claim_id(sentence: str) -> str:
    """A stable id: the hash of the sentence with case, spacing and quote styles normalised."""
    normal = sentence.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    normal = " ".join(normal.split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:12]


_COUNTRIES_FORMAT = "countries 1"
_SHORT_FORMS = (
    "united states",
    "america",
    "britain",
    "great britain",
    "england",
    "scotland",
    "wales",
    "russia",
    "iran",
    "syria",
    "south korea",
    "north korea",
    "taiwan",
    "vietnam",
    "laos",
    "palestine",
    "europe",
    "asia",
    "africa",
    "the gulf",
    "middle east",
    "the west",
)


@cache
def _countries() -> frozenset[str]:
    """Country and region names, lower case, built once per machine.

    Importing pycountry and reading its database cost more than checking an essay.
    """
    from importlib.util import find_spec

    from lint.diskcache import files_key, load_or_build

    spec = find_spec("pycountry")
    database = os.path.join(os.path.dirname(spec.origin), "databases", "iso3166-1.json") if spec and spec.origin else ""
    key = files_key(_COUNTRIES_FORMAT, *_SHORT_FORMS, files=[database])
    return frozenset(
        load_or_build(
            "countries",
            key,
            _build_countries,
            lambda v: isinstance(v, list | tuple | set | frozenset) and all(isinstance(c, str) for c in v),
        )
    )


def _build_countries() -> frozenset[str]:
    """pycountry's names plus common short forms."""
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    names.update(_SHORT_FORMS)
    return frozenset(names)


@dataclass
class Signals:
    entity: list[str] = field(default_factory=list)
    figure: list[str] = field(default_factory=list)
    superlative: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    event: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.__dict__.items() if v}

    def describe(self) -> str:
        parts = []
        for key in ("entity", "figure", "superlative", "attribution", "event"):
            values = getattr(self, key)
            if values:
                parts.append(f"{key}: {', '.join(dict.fromkeys(values))}")
        return "; ".join(parts)


@dataclass
class Assessment:
    """Why a sentence is a claim: its cues, the model's probability, the main kind and the strongest features."""

    signals: Signals
    score: float
    kind: str
    evidence: list[tuple[str, float]]


_UNSEEN = object()
_ASSESSED_KEPT = 10_000  # sentences; a few MB

# The kind a finding names, most specific first: what an editor checks first.
_KINDS = ("attribution", "figure", "superlative", "event", "entity")


_ANCHOR_CAPITAL = re.compile(r"(?<=\S\s)[\"“‘'(]?([A-Z][\w'’-]*)")


def _anchored(sentence: str, found: Signals, generic: set[str]) -> bool:
    """Whether the sentence has something specific to check: a cue, a digit or a name after its first word.

    Measured on the dev data (ClaimBuster dev and our cross-validated prose
    and encyclopedia sets), the model's flags on sentences with none of these
    ("The shared data plays a crucial role in ...") were right about half the
    time whatever the threshold (9 of 17, 9 of 16, 3 of 9), against 70-100%
    for the rest: a coin toss an editor should not be handed. A capitalised
    word the rule lists as a generic subject ("the Islamic Nation" of an
    essay about it) is no name to check.
    """
    if found.entity or found.figure or found.attribution or found.event or found.superlative:
        return True
    if _DIGIT.search(sentence):
        return True
    return any(
        word != "I" and word.lower().rstrip("'’s") not in generic and word.lower() not in generic
        for word in _ANCHOR_CAPITAL.findall(sentence)
    )


def _kind(found: Signals) -> str:
    return next((k for k in _KINDS if getattr(found, k)), "statement")


_TOKEN = re.compile(r"[\w'’-]+")


def _token_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(sentence)]


def _lower_tokens(sentence: str) -> list[str]:
    if sentence.isascii():  # lower() keeps ASCII's length and word characters: tokenise once
        return _TOKEN.findall(sentence.lower())
    return [w.lower() for w in _TOKEN.findall(sentence)]


_COMMON_WORDS = frozenset(
    "a an the of to in on at by for with and or but is are was were has have had be been it its this that "
    "as from not no".split()
)


def _key_word(phrase: tuple[str, ...]) -> str:
    """The word of a phrase least likely to be in any sentence: the longest that is not a function word."""
    return max([w for w in phrase if w not in _COMMON_WORDS] or phrase, key=len)


class PhraseSet:
    """Literal phrases matched as word sequences: set lookups instead of a 100-way regex at every position.

    Same matches as a case-insensitive, word-bounded alternation of the
    phrases, longest first, without overlaps; measured 20 times faster per sentence.
    """

    def __init__(self, items: list[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for item in items:
            words = tuple(_TOKEN.findall(item.lower()))
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        # A phrase matches only where every one of its words is a token, so a sentence
        # without any phrase's rarest-looking word ("most" of "the most") has no match.
        self.keys = frozenset(_key_word(phrase) for options in self.by_first.values() for phrase in options)

    def finditer(self, tokens: list[str], sentence: str) -> Iterator[tuple[int, str]]:
        """(index of the first token, text found) for each phrase in the sentence's lower-case tokens."""
        if self.keys.isdisjoint(tokens):
            return  # most sentences: no phrase's key word
        by_first = self.by_first
        spans: list[tuple[int, int]] | None = None
        after = 0  # matches do not overlap: the next one starts after the last one found
        for i in list(compress(count(), map(by_first.__contains__, tokens))):
            if i < after:
                continue
            for phrase in by_first[tokens[i]]:
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    if spans is None:
                        spans = _token_spans(sentence)
                    yield i, sentence[spans[i][0] : spans[i + len(phrase) - 1][1]]
                    after = i + len(phrase)
                    break

    def fullmatch(self, word: str) -> bool:
        return (word.lower(),) in self.by_first.get(word.lower(), ())


class Claims(Check):
    """Flags sentences that assert checkable facts; the ledger silences verified ones."""

    kind = "claims"
    default_scope = "sentence"
    allowed_scopes = ("sentence",)
    options = (
        Option(
            "organisations", string_list, [], "words that make a phrase an organisation (agency, ministry...)", "list"
        ),
        Option("nationalities", string_list, [], "nationality adjectives (Australian, German...)", "list"),
        Option(
            "superlatives",
            string_list,
            [],
            "ranking and reputation phrases (the most, leading, known worldwide for)",
            "list",
        ),
        Option("attributions", string_list, [], "source phrases (according to, experts estimate, reported)", "list"),
        Option("events", string_list, [], "specific action verbs (tipped, sponsored, signed, has led to)", "list"),
        Option(
            "not_claims", string_list, [], "phrases that make a sentence a recommendation, opinion or hedge", "list"
        ),
        Option(
            "generic_subjects",
            string_list,
            [],
            "capitalised words that are not names (sentence openers, the essay's own subject)",
            "list",
        ),
        Option("min_words", integer(1), 3, "shorter sentences are not claims", "int"),
        Option(
            "detector",
            choice("model", "lexicon"),
            "model",
            "model: the trained claim model weighs every cue; lexicon: the cue rules alone (the previous detector)",
            "str",
        ),
        Option(
            "require_anchor",
            boolean,
            True,
            "only sentences with a cue, a digit or a name after the first word can be claims",
            "bool",
        ),
        Option(
            "always",
            string_list,
            ["entity+event"],
            "cue combinations (entity, figure, event, attribution, superlative joined by +) that are claims "
            "whatever the model's score",
            "list",
        ),
        Option(
            "threshold",
            optional(probability),
            None,
            "the model's probability from which a sentence is a claim (default: the one chosen in training)",
            "float",
        ),
        Option("ledger", boolean, True, "consult the review ledger (claims.yaml)", "bool"),
    )
    example = """\
extends: claims
level: suggestion
message: "Claim to check ({signals})."
events: [tipped, sponsored, signed, "has led to"]
superlatives: ["the most", "leading", "known worldwide for"]
attributions: ["according to", reported]
organisations: [agency, ministry, foundation]
not_claims: [should, must, "need to"]
"""

    def prepare(self) -> None:
        from lint.claimmodel import shipped_model, word_classes

        shipped_model()
        word_classes()

    def setup(self, options: dict[str, Any]) -> None:
        self.organisations = PhraseSet(options["organisations"])
        self.nationalities = {n.lower() for n in options["nationalities"]}
        self.superlatives = PhraseSet(options["superlatives"])
        self.attributions = PhraseSet(options["attributions"])
        self.events = PhraseSet(options["events"])
        self.not_claims = PhraseSet(options["not_claims"])
        # Key words of the phrases that can make a claim (not_claims only ever block one).
        self.claim_keys = self.superlatives.keys | self.attributions.keys | self.events.keys
        self.generic = {g.lower() for g in options["generic_subjects"]}
        self.min_words = options["min_words"]
        self.use_ledger = options["ledger"]
        self.require_anchor = options["require_anchor"]
        self.always = [frozenset(item.split("+")) for item in options["always"]]
        self.model = shipped_model() if options["detector"] == "model" else None
        self.threshold = (
            options["threshold"] if options["threshold"] is not None else (self.model.threshold if self.model else 0.5)
        )

    # -- signals ------------------------------------------------------------------------
    def _cheap_signals(self, found: Signals, sentence: str, words: list[str]) -> None:
        """Figures and phrase signals: without one of these no sentence is a claim."""
        if _DIGIT.search(sentence):
            for match in _NUMBER.finditer(sentence):
                token = match.group().strip().rstrip(",")  # "In 1969, ...": the year, not "1969," beside it
                if token:
                    found.figure.append(token)
            found.figure.extend(m.group() for m in _YEAR.finditer(sentence))
        found.figure.extend(m.group() for m in _MONTHS.finditer(sentence))
        if _may_have_number_word(sentence, words):
            found.figure.extend(m.group() for m in _NUMBER_WORDS.finditer(sentence))
        found.figure = list(dict.fromkeys(found.figure))
        found.superlative.extend(text for _, text in self.superlatives.finditer(words, sentence))
        found.attribution.extend(text for _, text in self.attributions.finditer(words, sentence))
        found.event.extend(text for _, text in self.events.finditer(words, sentence))
        found.blocked.extend(text for _, text in self.not_claims.finditer(words, sentence))

    def _may_signal(self, sentence: str, words: list[str]) -> bool:
        """False only when _cheap_signals would find nothing: checked with a few C-level tests.

        A figure needs a digit, a month name or a number word; a phrase needs a
        token equal to its key word.
        """
        if _DIGIT.search(sentence) or _MONTHS.search(sentence):
            return True
        if not self.claim_keys.isdisjoint(words):
            return True
        return _may_have_number_word(sentence, words)

    def _entities(self, found: Signals, sentence: str, words: list[str]) -> None:
        countries = _countries()
        first = _WORD.search(sentence)
        first_at = sentence.find(first.group()) if first else 0
        for match in _CAPITALISED_PHRASE.finditer(sentence):
            phrase = match.group().strip()
            tokens = phrase.split()
            # A sentence's first word is capitalised anyway: keep the phrase only from its second
            # word, unless that first word is itself a country or a nationality ("Germany spent...").
            opener = tokens[0].lower().strip("'’s") if tokens else ""
            named_opener = opener in countries or opener in self.nationalities
            if match.start() == first_at and tokens and not named_opener:
                tokens = tokens[1:]
                while tokens and tokens[0].lower() in ("of", "and", "for", "the", "de", "on", "in", "&"):
                    tokens = tokens[1:]
            phrase = " ".join(tokens).strip("'’")
            if not phrase:
                continue
            lowered = phrase.lower()
            if lowered in self.generic or all(t.lower().strip("'’s") in self.generic for t in tokens):
                continue
            if lowered.rstrip("'’s") in countries or lowered in countries:
                found.entity.append(phrase)
                continue
            if tokens[0].lower() in self.nationalities:
                # An adjective names its noun ("Australian authorities"); an acronym on the
                # list ("UN", "NATO") is the name itself, whatever follows ("the UN gives").
                following = sentence[match.end() :].split()
                alone = len(tokens) > 1 or not following or tokens[0].isupper()
                found.entity.append(phrase if alone else f"{phrase} {following[0].strip('.,;:')}")
                continue
            if len(tokens) >= 2 or any(t.lower() in self.organisations.by_first for t in tokens):
                found.entity.append(phrase)
        originals: list[str] | None = None
        for index, text in self.organisations.finditer(words, sentence):
            if any(text.lower() in e.lower() for e in found.entity):
                continue  # already part of a name ("Australian authorities")
            # The organisation with up to two lower-case words before it: "national intelligence agency".
            if originals is None:
                originals = _TOKEN.findall(sentence)
            before = originals[max(0, index - 2) : index]
            kept = [w for w in before if w.islower() and w not in _FUNCTION_WORDS and not self.events.fullmatch(w)]
            found.entity.append(" ".join([*kept, text]))

    def cues(self, sentence: str) -> Signals | None:
        """Every lexicon signal in the sentence, or None for a question or a sentence too short to be a claim.

        Figures and phrases are looked for only where a cheap test says one
        can be (most sentences have none); names are looked for always, since
        the model weighs a name with a past-tense verb as a claim on its own.
        """
        if len(sentence.split()) < self.min_words or sentence.rstrip().endswith("?"):
            return None
        words = _lower_tokens(sentence)
        found = Signals()
        if self._may_signal(sentence, words):
            self._cheap_signals(found, sentence, words)
        self._entities(found, sentence, words)
        return found

    def _plainly_unanchored(self, sentence: str) -> bool:
        """True only when `cues` would find nothing and `_anchored` say no: a few C-level tests.

        Most sentences of real prose are such ("It runs faster now."); they
        were given the whole cue search, names and organisations included,
        only to be turned away. No digit and no capital but the first word's
        first letter means no figure, name or anchor; no key word means no
        phrase cue or organisation; a first word that is no country or
        nationality is no entity either. tests/checks/test_claims.py checks the equivalence on
        every realtext sentence.
        """
        if _DIGIT.search(sentence):
            return False
        first = _WORD.search(sentence)
        if first is None:
            return True
        # Only the first word's first letter may be a capital, with nothing but space before it
        # ("( Lepus" has a word before the name, as _anchored reads it).
        if sentence[: first.start()].strip() or _UPPER.search(sentence, first.start() + 1):
            return False
        words = _lower_tokens(sentence)
        if self._may_signal(sentence, words) or not self.organisations.keys.isdisjoint(words):
            return False
        opener = first.group().lower().strip("'’s")
        return opener not in self.nationalities and opener not in _countries()

    @staticmethod
    def lexicon_verdict(found: Signals) -> bool:
        """The previous detector's decision from the cues alone (`detector: lexicon`, and a baseline)."""
        if not (found.figure or found.attribution or found.superlative or found.event):
            return False  # a name alone is not a claim
        if found.blocked and not (found.attribution or found.figure or found.superlative):
            return False
        named = bool(found.entity)
        measured = any(_MEASURED.search(f) for f in found.figure)
        return (
            measured
            or bool(found.attribution)
            or bool(found.superlative)
            or (named and (bool(found.event) or bool(found.figure)))
            or (bool(found.figure) and bool(found.event))
            or len(found.figure) >= 2
        )

    def assess(self, sentence: str) -> Assessment | None:
        """The sentence's cues, score and kind if it is a claim, else None."""
        if self.model is not None and self.require_anchor and self._plainly_unanchored(sentence):
            return None
        found = self.cues(sentence)
        if found is None:
            return None
        if self.model is None:
            return Assessment(found, 1.0, _kind(found), []) if self.lexicon_verdict(found) else None
        if self.require_anchor and not _anchored(sentence, found, self.generic):
            return None
        feats = features(sentence, found.as_dict())
        score = self.model.probability(feats)
        if score < self.threshold and not self._always(found):
            return None
        return Assessment(found, score, _kind(found), self.model.contributions(feats))

    def _always(self, found: Signals) -> bool:
        """A cue pair that makes a claim whatever the model says (`always`), unless a hedge blocks it.

        The debate speech the model learnt from rarely names an organisation
        doing a listed act ("the ... Foundation has sponsored"), which is the
        commonest claim of generated essays; the pair was right in 80% of its
        ClaimBuster dev hits.
        """
        if found.blocked:
            return False
        present = {k for k, v in found.as_dict().items() if v}
        return any(pair <= present for pair in self.always)

    # -- the check ----------------------------------------------------------------------
    @cached_property
    def _assessed(self) -> dict[str, Assessment | None]:
        """Sentences already judged in this process: generated essays repeat theirs across files."""
        return {}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        ledger = ctx.ledger if self.use_ledger else None
        if isinstance(ledger, Exception):
            raise ledger  # a broken ledger: said once per file, the other rules' findings kept
        if ledger is not None:
            from lint.claims_ledger import review_state
        for sentence in doc.sentences:
            if sentence.block.kind != "paragraph":
                continue
            text = doc.plain(sentence.start, sentence.end)
            assessed = self._assessed.get(text, _UNSEEN)
            if assessed is _UNSEEN:
                if len(self._assessed) > _ASSESSED_KEPT:
                    self._assessed.clear()
                assessed = self._assessed[text] = self.assess(text)
            if assessed is None:
                continue
            signals = assessed.signals
            cid = claim_id(text)
            state = "new"
            level = None
            note = ""
            if ledger is not None:
                state, entry, _old = review_state(ledger, cid, doc.relpath, text)
                if state == "verified":
                    continue
                if entry is not None:
                    if state == "disputed":
                        level = Level.ERROR
                    note = f" Marked {state}" + (f": {entry.note}" if entry.note else "") + "."
                elif state == "changed":
                    note = " Edited since it was reviewed: check it again."
            described = signals.describe() or _wording(assessed.evidence)
            score = f"{assessed.score:.2f}"
            values = {"signals": described, "id": cid, "state": state, "kind": assessed.kind, "score": score}
            message = self.rule.message or f"Claim to check ({described})."
            yield self.finding(
                doc,
                sentence.start,
                sentence.end,
                values,
                message=message + note,
                level=level,
                data={
                    "claim_id": cid,
                    "signals": signals.as_dict(),
                    "kind": assessed.kind,
                    "score": round(assessed.score, 3),
                    "evidence": [name for name, _ in assessed.evidence],
                    "state": state,
                    "sentence": text,
                },
            )


def _wording(evidence: list[tuple[str, float]]) -> str:
    """The model's strongest word features, readable: why a sentence without lexicon cues is a claim."""
    words = [name.split(":", 1)[1] for name, _ in evidence if name.startswith(("w:", "b:"))]
    words = [w.replace("<s> ", "") for w in words if not w.startswith("<")]
    return "wording: " + ", ".join(dict.fromkeys(words)) if words else "statement of fact"
