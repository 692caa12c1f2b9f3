"""confusable: real-word errors, a correctly spelt word where another was meant.

Why: "The corporation with allies is beneficial" passes every spell checker,
because "corporation" is a word; "cooperation" was meant. Each confusion set
(corporation/cooperation, affect/effect, principle/principal...) is decided
in context by two kinds of evidence:

1. **Statistics.** For each member x of the set, how likely are the words
   around it? score(x) = log n(left x) + log n(x right) - log n(x), with
   word and word-pair counts from Google Books (symspellpy's lists): the
   probability of x given its neighbours under a first-order Markov model.
   "corporation with" occurs 9.8 M times against 212 M for "cooperation
   with", though "corporation" alone is four times as common.
2. **Cues** written in the set: words before or after that decide for one
   member ("free rein", "breach of contract", "pore over"), and topical
   words anywhere nearby (`near`: "allies" for cooperation, "shareholders"
   for corporation), the context-word features of Golding (1995).

A member is suggested only when there is evidence for it, because a linter
that cries wolf is switched off (measured on published prose,
../shared/realtext, with benchmarks/false_alarms.py):

- The counts decide only with both neighbours in place: not across
  punctuation, markup or the sentence's edge ("too: situations"), not beside
  a name ("to Great Britain", "Khrushchev knew"), not inside a compound
  ("to-day"); only when the written word's own pairs are absent from the
  pair list (present, they attest the author's usage: "the weak had
  conquered the strong"); and only when the suggestion's pairs are in it.
  Its evidence must then beat the written word's by `threshold` (natural
  log units) and by `min_context` from the context alone, so a rare word
  used correctly is never accused on its rarity alone.
- Otherwise only a cue decides, and the counts on both sides must agree
  with it by `min_context` (a set's own `threshold`, where it has one):
  "teams to small businesses" is no "too small".
- A set with a contraction in it ("it's") is decided by cues alone: the
  counts hold no word with an apostrophe.

The fix is unsafe: the meaning may change.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from lint import lexicon
from lint.checks import Check, Context, match_case
from lint.document import Document
from lint.finding import Edit, Finding, Fix
from lint.options import Option, OptionError, integer, number

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
CUE_WEIGHT = 10.0
NEAR_WINDOW = 8  # words either side in which a `near` cue counts (half a cue's weight)


@dataclass
class ConfusionSet:
    words: tuple[str, ...]
    source: str = ""
    # member -> (patterns the previous words may match, patterns the next words may match)
    before: dict[str, Cues] = field(default_factory=dict)
    after: dict[str, Cues] = field(default_factory=dict)
    near: dict[str, Cues] = field(default_factory=dict)
    threshold: float | None = None

    @property
    def contraction(self) -> bool:
        """A member with an apostrophe: the word counts have none, so only cues can decide."""
        return any("'" in w for w in self.words)

    @property
    def name(self) -> str:
        return "/".join(self.words)


def parse_sets(value: Any) -> list[ConfusionSet]:
    if not isinstance(value, list) or not value:
        raise OptionError("sets: expected a non-empty list of {words: [a, b], source: ..., cues: ...}")
    sets = []
    for i, raw in enumerate(value):
        if not isinstance(raw, dict) or "words" not in raw:
            raise OptionError(f"sets: item {i + 1}: needs 'words'", i)
        unknown = set(raw) - {"words", "source", "cues", "threshold"}
        if unknown:
            raise OptionError(
                f"sets: item {i + 1}: unknown key {sorted(unknown)[0]!r} (allowed: words, source, cues, threshold)", i
            )
        words = raw["words"]
        if (
            not isinstance(words, list)
            or len(words) < 2
            or not all(isinstance(w, str) and _WORD.fullmatch(w) for w in words)
        ):
            raise OptionError(f"sets: item {i + 1}: words must be a list of two or more single words", i)
        item = ConfusionSet(tuple(w.lower() for w in words), str(raw.get("source", "")))
        threshold = raw.get("threshold")
        if threshold is not None:
            if isinstance(threshold, bool) or not isinstance(threshold, int | float):
                raise OptionError(f"sets: item {i + 1}: threshold must be a number", i)
            item.threshold = float(threshold)
        cues = raw.get("cues", {}) or {}
        if not isinstance(cues, dict):
            raise OptionError(f"sets: item {i + 1}: cues must map a member to {{before: [...], after: [...]}}", i)
        for member, spec in cues.items():
            if str(member).lower() not in item.words:
                raise OptionError(f"sets: item {i + 1}: cue for {member!r}, which is not in words", i)
            if not isinstance(spec, dict) or set(spec) - {"before", "after", "near"}:
                raise OptionError(f"sets: item {i + 1}: cues for {member!r} take 'before', 'after' and/or 'near'", i)
            for side in ("before", "after", "near"):
                patterns = spec.get(side, []) or []
                if isinstance(patterns, str):
                    patterns = [patterns]
                if patterns:
                    getattr(item, side)[str(member).lower()] = Cues(side, [str(p) for p in patterns], i)
        sets.append(item)
    return sets


_LITERAL = re.compile(r"[a-z0-9' -]+", re.IGNORECASE)
# A phrase with optional letters ("partners?", "colou?r"): the few phrases it matches, as literals.
_OPTIONAL_LETTERS = re.compile(r"(?:[a-z0-9' -]|[a-z]\?)+", re.IGNORECASE)
_MAX_OPTIONAL = 3


def _spelled_out(pattern: str) -> list[str] | None:
    """Every phrase a pattern of literal words with up to three optional letters matches; None for other patterns.

    196 of the default confusion sets' cues are of this kind ("years?",
    "positive changes?"); compiling them took a third of loading the rules,
    most of what one essay's check costs before it reads the essay.
    """
    if not _OPTIONAL_LETTERS.fullmatch(pattern) or not 0 < pattern.count("?") <= _MAX_OPTIONAL:
        return None
    phrases = [""]
    for index, char in enumerate(pattern):
        if char == "?":
            continue
        if index + 1 < len(pattern) and pattern[index + 1] == "?":
            phrases = [p + c for p in phrases for c in ("", char)]
        else:
            phrases = [p + char for p in phrases]
    if not all(phrase and phrase == phrase.strip() and "  " not in phrase for phrase in phrases):
        return None  # "s?" matches nothing at all, and spaces at the edges are the regex's to judge
    return phrases


class Cues:
    """A member's cue phrases on one side: plain phrases matched as strings, regexes compiled.

    Almost every cue is a plain word or phrase; matching those with string
    operations instead of compiling ~500 regexes saves 0.3 s per start.
    """

    def __init__(self, side: str, patterns: list[str], index: int) -> None:
        self.side = side
        literals = [p.lower() for p in patterns if _LITERAL.fullmatch(p)]
        regexes = []
        for pattern in patterns:
            if _LITERAL.fullmatch(pattern):
                continue
            phrases = _spelled_out(pattern)
            if phrases is None:
                regexes.append(pattern)
            else:
                literals.extend(p.lower() for p in phrases)
        self.words = frozenset(literals)
        self.regex = _compile_cues(side, regexes, index) if regexes else None

    def matches(
        self, words: list[str], ends: frozenset[str] = frozenset(), remaining: Callable[[], float] = lambda: 1.0
    ) -> bool:
        """Whether a cue stands in `words`: the window of words on this side, in reading order.

        A `before` phrase must end the window and an `after` phrase start it, so
        only the window's word-aligned ends (`window_ends`, computed once per
        window) are looked up instead of testing every phrase.
        """
        if self.side == "near":
            if not self.words.isdisjoint(words):
                return True
            return self.regex is not None and any(self.regex.fullmatch(w, timeout=remaining()) for w in words)
        if not self.words.isdisjoint(ends):
            return True
        return self.regex is not None and self.regex.search(" ".join(words), timeout=remaining()) is not None


def window_ends(side: str, words: list[str]) -> frozenset[str]:
    """The phrases a `before` cue can be (the window's word-aligned tails) or an `after` cue (its heads)."""
    if side == "before":
        return frozenset(" ".join(words[j:]) for j in range(len(words)))
    return frozenset(" ".join(words[:k]) for k in range(1, len(words) + 1))


def _compile_cues(side: str, patterns: list[str], index: int) -> regex.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in patterns)
    if side == "before":
        anchored = rf"(?:^|\s)(?:{body})$"
    elif side == "after":
        anchored = rf"^(?:{body})(?:\s|$)"
    else:
        anchored = rf"(?:{body})"
    try:
        return regex.compile(anchored, regex.IGNORECASE | regex.VERSION0)
    except regex.error:
        for pattern in patterns:  # only on failure: find the cue to name
            try:
                regex.compile(pattern, regex.VERSION0)
            except regex.error as exc:
                raise OptionError(f"sets: item {index + 1}: cue {pattern!r} does not compile: {exc}", index) from None
        raise OptionError(f"sets: item {index + 1}: cues do not compile together", index) from None


class Confusable(Check):
    """Flags a member of a confusion set when context strongly prefers another member."""

    kind = "confusable"
    default_scope = "text"
    allowed_scopes = ("text", "paragraph", "list", "blockquote", "heading", "document")
    options = (
        Option("sets", parse_sets, None, "the confusion sets: words, source, optional cues and threshold", "list"),
        Option("threshold", number, 3.0, "evidence (log ratio) another member needs over the written word", "number"),
        Option("window", integer(1, 5), 3, "how many words before/after a cue phrase may span", "int"),
        Option("min_context", number, 2.0, "evidence from context alone (without word frequency) needed", "number"),
        Option("cue_weight", number, CUE_WEIGHT, "evidence one matching cue adds (log units)", "number"),
    )
    example = """\
extends: confusable
message: "'{match}' may be a mistake for '{suggestion}' here."
level: warning
threshold: 3.0
sets:
  - words: [corporation, cooperation]
    source: written for essaylint
    cues:
      cooperation:
        before: [mutual, close, international, bilateral, military, economic]
  - words: [breach, breech]
    source: Wikipedia, List of commonly misused English words
    cues:
      breach: {after: [of, "contracts?", security, trust]}
"""

    def setup(self, options: dict[str, Any]) -> None:
        if not options["sets"]:
            raise OptionError("sets: required")
        self.sets: list[ConfusionSet] = options["sets"]
        self.threshold = options["threshold"]
        self.window = options["window"]
        self.min_context = options["min_context"]
        self.cue_weight = options["cue_weight"]
        self.by_word: dict[str, list[ConfusionSet]] = {}
        for item in self.sets:
            for word in item.words:
                self.by_word.setdefault(word, []).append(item)

    def prepare(self) -> None:
        lexicon.prepare()

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        prose, text = doc.prose, doc.text
        by_word = self.by_word
        # The rule's scope (`scope: heading` checks headings only), as the other kinds read it.
        spans = sorted((start, end) for _scope, _text, start, end in self.scoped(doc))
        starts = [start for start, _end in spans]
        for sentence in doc.sentences:
            if sentence.block.kind not in ("paragraph", "heading"):
                continue
            at = bisect.bisect_right(starts, sentence.start) - 1
            if at < 0 or not spans[at][0] <= sentence.start < spans[at][1]:
                continue
            # One scan: the matches give both the words and their places.
            tokens = list(_WORD.finditer(prose, sentence.start, sentence.end))
            lowered = list(map(str.lower, map(re.Match.group, tokens)))
            if "’" in prose[sentence.start : sentence.end]:
                lowered = [w.replace("’", "'") for w in lowered]
            if by_word.keys().isdisjoint(lowered):
                continue
            for i, word in enumerate(lowered):
                items = by_word.get(word)
                if not items:
                    continue
                match = tokens[i]
                if _in_compound(text, match.start(), match.end()):
                    continue  # "to-day", "day-to-day", "well-being": the compound is the word
                # A name is no neighbour either: the counts are of lower-case words, and
                # "to Great Britain" says nothing of "too great", "Khrushchev knew" nothing of "new".
                joined = (
                    i > 0
                    and _adjacent(text, tokens[i - 1].end(), match.start())
                    and (i == 1 or not _capitalised(tokens[i - 1].group())),
                    i + 1 < len(tokens)
                    and _adjacent(text, match.end(), tokens[i + 1].start())
                    and not _capitalised(tokens[i + 1].group()),
                )
                for item in items:
                    result = self.decide(item, lowered, i, joined)
                    if result is None:
                        continue
                    better, margin, evidence = result
                    replacement = match_case(match.group(), better)
                    yield self.finding(
                        doc,
                        match.start(),
                        match.end(),
                        {"match": match.group(), "suggestion": replacement, "set": item.name},
                        message=self.rule.message
                        or f"'{match.group()}' may be a mistake for '{replacement}' here (confusion set {item.name}).",
                        suggestions=[replacement],
                        fix=Fix(
                            (Edit(match.start(), match.end(), replacement),),
                            safe=False,
                            description=f"{match.group()} -> {replacement}",
                        ),
                        data={"set": item.name, "margin": round(margin, 2), "evidence": evidence},
                    )

    # -- the decision -------------------------------------------------------------------
    def decide(
        self, item: ConfusionSet, words: list[str], i: int, joined: tuple[bool, bool] = (True, True)
    ) -> tuple[str, float, dict[str, float]] | None:
        """The member to suggest instead of words[i], its margin and the evidence, or None.

        Naive Bayes over the two neighbours: log P(x) + log P(left | x) + log
        P(right | x), plus the set's cues. A member is suggested when (a) the
        total beats the written word's by the threshold and (b) the context
        alone (neighbours and cues, without the prior) favours it by
        `min_context`, so a rare word used correctly is never accused on its
        rarity alone.
        """
        written = words[i]
        # A neighbour across punctuation or markup ("too: situations", "to `x`") is no neighbour.
        left = words[i - 1] if i > 0 and joined[0] else None
        right = words[i + 1] if i + 1 < len(words) and joined[1] else None
        before = words[max(0, i - self.window) : i] if item.before and left else []
        after = words[i + 1 : i + 1 + self.window] if item.after and right else []
        ends = (window_ends("before", before), window_ends("after", after))
        nearby = words[max(0, i - NEAR_WINDOW) : i] + words[i + 1 : i + 1 + NEAR_WINDOW] if item.near else []
        cues = {
            m: self.cue_weight * self._cues(item, m, before, after, ends)
            + (self.cue_weight / 2 * self._near(item, m, nearby) if nearby else 0.0)
            for m in item.words
        }
        if self._counts_are_evidence(item, written, left, right):
            assert left is not None and right is not None
            context = {m: _context(m, left, right) + cues[m] for m in item.words}
            prior = {m: _log_count(m) for m in item.words}
            best = max((m for m in item.words if m != written), key=lambda m: context[m] + prior[m])
            if not (_attested(left, best) and _attested(best, right)) and cues[best] <= cues[written]:
                return None  # the suggestion's own context is not in the pair list: no evidence for it
            context_margin = context[best] - context[written]
            margin = context_margin + prior[best] - prior[written]
            threshold = item.threshold if item.threshold is not None else self.threshold
            if margin > threshold and context_margin > self.min_context:
                return best, margin, {m: round(context[m] + prior[m], 2) for m in item.words}
            return None
        best = max((m for m in item.words if m != written), key=lambda m: cues[m])
        margin = cues[best] - cues[written]
        if margin < self.cue_weight / 2:
            return None
        # A cue sees one side; the pairs on both sides must agree with it by
        # `min_context` ("teams to small businesses": "teams to" outweighs the cue
        # "too small"; "an Edition": "an edition" is as attested as "an addition").
        # A set with its own threshold (the most frequent words, whose pairs are
        # all in the list) asks that much agreement.
        agreement = self.min_context if item.threshold is None else item.threshold
        if not item.contraction and _agreement(best, written, left, right) < agreement:
            return None
        return best, margin, {m: round(cues[m], 2) for m in item.words}

    @staticmethod
    def _counts_are_evidence(item: ConfusionSet, written: str, left: str | None, right: str | None) -> bool:
        """Whether the word counts may decide; where they may not, only the set's cues do.

        The counts speak only with both neighbours in place (not across
        punctuation, markup or the sentence's edge), when every member is
        counted (symspell's lists hold no word with an apostrophe), and when
        the written word's own context is not attested: "the weak" stands in
        the pair list, so "the weak had conquered the strong" is no evidence
        for "week", however much more often "week had" occurs.
        """
        if left is None or right is None or item.contraction:
            return False
        return not (_attested(left, written) or _attested(written, right))

    def _near(self, item: ConfusionSet, member: str, nearby: list[str]) -> int:
        """1 when a topical word of the member stands within NEAR_WINDOW words (Golding's context words)."""
        cues = item.near.get(member)
        return int(cues is not None and cues.matches(nearby, remaining=self._remaining))

    def _cues(
        self,
        item: ConfusionSet,
        member: str,
        before: list[str],
        after: list[str],
        ends: tuple[frozenset[str], frozenset[str]],
    ) -> int:
        """Cues are phrases that must stand right next to the word: `before` ends where it starts."""
        hits = 0
        cues_before, cues_after = item.before.get(member), item.after.get(member)
        if cues_before is not None and cues_before.matches(before, ends[0], self._remaining):
            hits += 1
        if cues_after is not None and cues_after.matches(after, ends[1], self._remaining):
            hits += 1
        return hits


@lru_cache(maxsize=65536)
def _attested(left: str, right: str) -> bool:
    return lexicon.bigram_counts().get(f"{left} {right}") is not None


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether only white space stands between two words in the text itself (not just in the prose mask)."""
    return start - end < 40 and (start == end or text[end:start].isspace())


def _agreement(member: str, written: str, left: str | None, right: str | None) -> float:
    """How much the pairs on both sides favour `member` over `written` (log units).

    A side where neither pair is in the list says nothing: both are rarer than
    the cutoff, and the capped estimates would favour the rarer word.
    """
    total = 0.0
    if left and (_attested(left, member) or _attested(left, written)):
        total += _context(member, left, None) - _context(written, left, None)
    if right and (_attested(member, right) or _attested(written, right)):
        total += _context(member, None, right) - _context(written, None, right)
    return total


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word != "I"


def _in_compound(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] == "-") or text[end : end + 1] == "-"


@lru_cache(maxsize=8192)
def _log_count(word: str) -> float:
    return lexicon.log_count(word)


@lru_cache(maxsize=65536)
def _context(member: str, left: str | None, right: str | None) -> float:
    """log P(left | member) + log P(right | member); unlisted pairs at the independence estimate."""
    score = 0.0
    base = lexicon.log_count(member)
    if left:
        score += math.log(lexicon.pair_count(left, member)) - base
    if right:
        score += math.log(lexicon.pair_count(member, right)) - base
    return score
