"""Structure rules: the shape of an essay, read from its headings, one class per rule.

Why: an essay is one title followed by sections that do not skip levels,
each with something in it. markdownlint's heading rules (MD001, MD024, MD025,
MD026, MD041, MD043) are the reference; essays need more: truncated headings
("The Role of"), stray spaces before colons ("Alliances : A"), templates
matched by level and text, and balance between sections.

Headings inside block quotes are quoted material, not the essay's outline,
and are left out of every check of this kind.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from lint.checks import Check, Context
from lint.document import COUNTED_TOKEN, Block, Document
from lint.finding import Edit, Finding, Fix, Level
from lint.options import (
    Option,
    OptionError,
    anything,
    boolean,
    compile_pattern,
    integer,
    number,
    optional,
    string,
    string_list,
)

# Words a finished heading does not end with: articles, conjunctions, possessives, "of" and
# "to". Prepositions in general are left out: English strands them after a verb ("Improve
# software you rely on", "Things to watch out for", "Who we heard from"), so on published
# headings they were false alarms (../shared/realtext, benchmarks/false_alarms.py).
DANGLING = "a an the and or but nor of to its their our your his her my".split()
_WORD = COUNTED_TOKEN


@dataclass(frozen=True)
class TemplateItem:
    level: int | None
    pattern: regex.Pattern[str] | None
    text: str
    min: int
    max: int | None

    def accepts(self, level: int, title: str, search: Callable[[Any, str], Any] | None = None) -> bool:
        if self.level is not None and level != self.level:
            return False
        if self.pattern is None:
            return True
        return (search(self.pattern, title) if search else self.pattern.search(title)) is not None

    def describe(self) -> str:
        what = f"H{self.level}" if self.level else "heading"
        if self.pattern is not None:
            what += f" matching `{self.text}`"
        if self.min == self.max:
            count = "one" if self.min == 1 else f"exactly {self.min}"
        elif self.max is None:
            count = f"at least {self.min}" if self.min else "any number of"
        else:
            count = f"{self.min} to {self.max}"
        return f"{count} {what}{'s' if self.min != 1 or self.max != 1 else ''}"


def parse_template(value: Any) -> list[TemplateItem]:
    if not isinstance(value, list) or not value:
        raise OptionError("template: expected a non-empty list of items like {level: 2, min: 3}")
    items = []
    for i, raw in enumerate(value):
        if raw == "*":
            items.append(TemplateItem(None, None, "", 0, None))
            continue
        if not isinstance(raw, dict):
            raise OptionError(f"template: item {i + 1}: expected a mapping or '*'", i)
        unknown = set(raw) - {"level", "match", "min", "max", "count"}
        if unknown:
            raise OptionError(
                f"template: item {i + 1}: unknown key {sorted(unknown)[0]!r} (allowed: level, match, min, max, count)",
                i,
            )
        level = raw.get("level")
        if level is not None and (not isinstance(level, int) or not 1 <= level <= 6):
            raise OptionError(f"template: item {i + 1}: level must be 1 to 6", i)
        text = raw.get("match")
        pattern = compile_pattern(str(text), regex.IGNORECASE, what="match") if text is not None else None
        count = raw.get("count")
        low = raw.get("min", count if count is not None else 1)
        high = raw.get("max", count if count is not None else (None if "min" in raw else 1))
        if not isinstance(low, int) or (high is not None and (not isinstance(high, int) or high < low)):
            raise OptionError(f"template: item {i + 1}: min/max/count must be whole numbers with min <= max", i)
        items.append(TemplateItem(level, pattern, str(text or ""), low, high))
    return items


def match_template(
    items: list[TemplateItem], headings: list[tuple[int, str]], search: Callable[[Any, str], Any] | None = None
) -> tuple[bool, int, int, int | None]:
    """Backtracking match of headings against the template.

    Returns (matched, the furthest heading index reached, the template item
    expected there, how many it found if too few), so a failure can say what
    was expected and where.
    """
    best = [0, 0]
    memo: dict[tuple[int, int], bool] = {}
    shortfalls: dict[tuple[int, int], int] = {}

    def go(item: int, pos: int) -> bool:
        key = (item, pos)
        if key in memo:
            return memo[key]
        if pos > best[0] or (pos == best[0] and item > best[1]):
            best[0], best[1] = pos, item
        if item == len(items):
            memo[key] = pos == len(headings)
            return memo[key]
        spec = items[item]
        taken = 0
        # Try the most repetitions first (greedy), then fewer.
        while (spec.max is None or taken < spec.max) and pos + taken < len(headings):
            level, title = headings[pos + taken]
            if not spec.accepts(level, title, search):
                break
            taken += 1
        if taken < spec.min:
            shortfalls[key] = taken
        for count in range(taken, spec.min - 1, -1):
            if go(item + 1, pos + count):
                memo[key] = True
                return True
        memo[key] = False
        return False

    matched = go(0, 0)
    return matched, best[0], best[1], shortfalls.get((best[1], best[0]))


class _OutlineRule(Check):
    """What the heading rules share: the essay's outline (headings outside block quotes)."""

    default_scope = "document"
    allowed_scopes = ("document",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        outline = [h for h in doc.headings if not h.in_quote]
        yield from self.check_outline(doc, outline)

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        raise NotImplementedError

    def _heading(self, doc: Document, block: Block, values: dict[str, Any], **kwargs: Any) -> Finding:
        text, offsets = doc.visible_text(block.start, block.end)
        start, end = (offsets[0], offsets[-1] + 1) if offsets else (block.start, block.end)
        values = {"heading": " ".join(text.split()), "level": block.level, **values}
        return self.finding(doc, start, end, values, **kwargs)


_FRONT_MATTER_TITLE = Option(
    "front_matter_title", string, "title", "front matter key that counts as the title ('' for none)", "string"
)
_LEVELS = Option("levels", string_list, [], "only these levels (e.g. [h2, h3])", "list")


def _levels(items: list[str]) -> set[int]:
    levels = set()
    for item in items:
        if not re.fullmatch(r"h[1-6]", item):
            raise OptionError(f"levels: {item!r} is not one of h1..h6")
        levels.add(int(item[1]))
    return levels


def _front_title(doc: Document, key: str) -> bool:
    return bool(key) and bool(doc.front_matter.get(key))


class SingleTitle(_OutlineRule):
    """Exactly one title: one H1, or a title in the front matter (YAML, TOML or JSON) and then no H1.

    Like markdownlint's MD025 and MD041 together. A document whose first
    heading is an H2 has no title.
    """

    kind = "single-title"
    options = (_FRONT_MATTER_TITLE,)
    example = """\
extends: single-title
level: error
front_matter_title: title
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.front_matter_title = options["front_matter_title"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        h1s = [h for h in outline if h.level == 1]
        has_front = _front_title(doc, self.front_matter_title)
        if not h1s and not has_front:
            if outline and outline[0].level != 1:
                detail = f"the first heading is H{outline[0].level}; the document has no title (H1)"
                yield self._heading(
                    doc,
                    outline[0],
                    {"detail": detail},
                    message=self.rule.message or detail[:1].upper() + detail[1:] + ".",
                )
            else:
                detail = "the document has no title (H1)"
                yield self.finding(
                    doc, 0, 0, {"detail": detail}, message=self.rule.message or "The document has no title (H1)."
                )
            return
        if has_front:
            yield from self._under_front_title(doc, h1s)
            return
        for h in h1s[1:]:
            detail = f"the title is already on line {h1s[0].start_line}"
            yield self._heading(
                doc,
                h,
                {"detail": detail},
                message=self.rule.message or f"A second title (H1): {detail}; use H2 for sections.",
            )

    def _under_front_title(self, doc: Document, h1s: list[Block]) -> Iterator[Finding]:
        """H1s below a front-matter title: the title shown twice is an error; H1 sections are a warning.

        Static-site generators (Zola, Hugo, Jekyll) print the front matter's
        title above the body, so an H1 that repeats it shows the title twice.
        Blogs that use H1 for their sections under that title are published
        as they are (16 of the Rust blog's 95 posts), so those H1s are only
        worth a warning.
        """
        title = " ".join(str(doc.front_matter.get(self.front_matter_title)).split()).casefold()
        for h in h1s:
            if doc.heading_text(h).casefold() == title:
                detail = "it repeats the front matter's title, which is shown above the text"
                yield self._heading(
                    doc, h, {"detail": detail}, message=self.rule.message or f"The title is given twice: {detail}."
                )
            else:
                detail = "the front matter already gives a title"
                yield self._heading(
                    doc,
                    h,
                    {"detail": detail},
                    message=self.rule.message or f"A second title (H1): {detail}; use H2 for sections.",
                    level=Level.WARNING if self.rule.level > Level.WARNING else None,
                )


class FrontMatter(_OutlineRule):
    """Front matter that does not parse (YAML, TOML or JSON), or that would cost too much to read.

    A static-site generator fails on it or drops the page's title; essaylint
    reads it as no front matter at all, so the title rules then look for an
    H1. Hostile front matter (an alias bomb, a list nested 500 deep) is
    refused by the same guarded loader as rules and config.
    """

    kind = "front-matter"
    example = """\
extends: front-matter
level: warning
"""

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        problem = doc.front_matter_problem
        if problem is None:
            return
        line, why = problem
        start = doc.lines.line_start(line)
        yield self.finding(
            doc, start, start, {"detail": why}, message=self.rule.message or why[:1].upper() + why[1:] + "."
        )


class TitleFirst(_OutlineRule):
    """The title comes first: nothing but comments and front matter before the H1 (markdownlint MD041)."""

    kind = "title-first"
    options = (_FRONT_MATTER_TITLE,)
    example = """\
extends: title-first
level: warning
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.front_matter_title = options["front_matter_title"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        if _front_title(doc, self.front_matter_title):
            return
        h1 = next((h for h in outline if h.level == 1), None)
        if h1 is None:
            return  # single-title reports a missing title
        first = next((b for b in doc.blocks if b.kind not in ("front_matter",) and not _is_comment(doc, b)), None)
        if first is not None and first is not h1 and first.start < h1.start:
            where = "a heading" if first.kind == "heading" else f"a {first.kind.replace('_', ' ')}"
            yield self._heading(
                doc,
                h1,
                {"detail": f"{where} on line {first.start_line} comes before it"},
                message=self.rule.message
                or f"The title must be the first thing in the document; {where} on line {first.start_line} comes before it.",
            )


class HeadingIncrement(_OutlineRule):
    """Heading levels go down one at a time: an H2 is followed by an H3, not an H4 (markdownlint MD001)."""

    kind = "heading-increment"
    example = """\
extends: heading-increment
level: warning
"""

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        previous = None
        for h in outline:
            if previous is not None and h.level > previous.level + 1:
                yield self._heading(
                    doc,
                    h,
                    {"previous": previous.level, "expected": previous.level + 1},
                    message=self.rule.message
                    or f"Heading level skips from H{previous.level} to H{h.level}; expected H{previous.level + 1}.",
                )
            previous = h


class EmptySection(_OutlineRule):
    """A heading with nothing under it before the next heading of the same or a higher level."""

    kind = "empty-section"
    options = (_LEVELS,)
    example = """\
extends: empty-section
level: warning
levels: [h2, h3]
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.levels = _levels(options["levels"])

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        content = [b for b in doc.blocks if b.kind not in ("heading", "front_matter") and not _is_comment(doc, b)]
        starts = sorted(b.start for b in content)
        for i, h in enumerate(outline):
            if self.levels and h.level not in self.levels:
                continue
            nxt = outline[i + 1] if i + 1 < len(outline) else None
            if nxt is not None and nxt.level > h.level:
                continue  # a subsection follows: the section has content below
            end = nxt.start if nxt is not None else len(doc.text)
            first = bisect.bisect_left(starts, h.end)
            if not (first < len(starts) and starts[first] < end):
                detail = "next heading follows directly" if nxt is not None else "it ends the document"
                yield self._heading(
                    doc,
                    h,
                    {"detail": detail},
                    message=self.rule.message
                    or f"Empty section: nothing between this heading and the {'next heading' if nxt else 'end of the document'}.",
                )


class DuplicateHeading(_OutlineRule):
    """Two headings with the same text (markdownlint MD024); with `siblings_only`, only under the same parent."""

    kind = "duplicate-heading"
    options = (Option("siblings_only", boolean, False, "only among headings with the same parent", "bool"),)
    example = """\
extends: duplicate-heading
level: warning
siblings_only: false
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.siblings_only = options["siblings_only"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        seen: dict[tuple[Any, str], Block] = {}
        parents: list[Block] = []
        for h in outline:
            while parents and parents[-1].level >= h.level:
                parents.pop()
            parent = parents[-1].start if (parents and self.siblings_only) else None
            key = (parent, _normal(doc.heading_text(h)))
            if key[1] and key in seen:
                first = seen[key]
                yield self._heading(
                    doc,
                    h,
                    {"first_line": first.start_line},
                    message=self.rule.message or f"Duplicate heading: the same text is on line {first.start_line}.",
                )
            else:
                seen.setdefault(key, h)
            parents.append(h)


class HeadingPunctuation(_OutlineRule):
    """A heading ending in punctuation (markdownlint MD026), or a space before a colon ("Alliances : A")."""

    kind = "heading-punctuation"
    options = (
        Option("punctuation", string, ".,;:!", "characters a heading may not end with", "string"),
        Option("allow_question", boolean, True, "a heading may end with '?'", "bool"),
        Option("space_before", string, ":;?!", "characters that take no space before them", "string"),
    )
    example = """\
extends: heading-punctuation
level: warning
punctuation: ".,;:!"
allow_question: true
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.punctuation = options["punctuation"]
        self.allow_question = options["allow_question"]
        self.space_before = options["space_before"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        trailing = set(self.punctuation)
        if self.allow_question:
            trailing.discard("?")
        else:
            trailing.add("?")
        space_before = set(self.space_before)
        for h in outline:
            text, offsets = doc.heading_visible(h)
            if not text:
                continue
            for match in re.finditer(r"[ \t\u00a0]+([^\w\s])", text):
                mark = match.group(1)
                if mark not in space_before or (match.end() < len(text) and mark == text[match.end()]):
                    continue
                s, e = offsets[match.start()], offsets[match.end(1) - 1]
                fix = Fix((Edit(s, e, ""),), safe=True, description=f"remove the space before {mark!r}")
                yield self.finding(
                    doc,
                    s,
                    e + 1,
                    {"mark": mark, "heading": text},
                    message=self.rule.message or f"Space before '{mark}' in a heading.",
                    fix=fix,
                    data={"kind": "space-before"},
                )
            last = text[-1]
            if last in trailing and not text.endswith(("...", "…")):
                # Keep an abbreviation's full stop ("U.S."), which is part of a word.
                if last == "." and re.search(r"\b(?:[A-Za-z]\.){2,}$|\b(?:etc|Inc|Ltd|Co|Jr|Sr|St)\.$", text):
                    continue
                pos = offsets[-1]
                fix = Fix((Edit(pos, pos + 1, ""),), safe=True, description=f"remove the trailing {last!r}")
                yield self.finding(
                    doc,
                    pos,
                    pos + 1,
                    {"mark": last, "heading": text},
                    message=self.rule.message or f"Heading ends with '{last}'.",
                    fix=fix,
                    data={"kind": "trailing"},
                )


class TruncatedHeading(_OutlineRule):
    """A heading too short to be one, or cut off: ending in a dangling word ("The Role of") or an ellipsis."""

    kind = "truncated-heading"
    options = (
        Option("min_chars", integer(0), 3, "fewer letters than this is degenerate", "int"),
        Option("dangling_words", string_list, DANGLING, "words a heading may not end with", "list"),
    )
    example = """\
extends: truncated-heading
level: warning
min_chars: 3
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.min_chars = options["min_chars"]
        self.dangling = {w.lower() for w in options["dangling_words"]}

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        for h in outline:
            text = doc.heading_text(h)
            letters = sum(1 for c in text if c.isalnum())
            words = _WORD.findall(text)
            if letters < self.min_chars:
                yield self._heading(
                    doc,
                    h,
                    {"reason": f"only {letters} character{'s' if letters != 1 else ''}"},
                    message=self.rule.message or f"Heading '{text}' is too short to be a real heading.",
                )
            elif text.endswith(("...", "…")) or (
                words
                and words[-1].lower() in self.dangling
                and len(words) > 1
                and not text.endswith("?")
                and not _capitalised_particle(words)
            ):
                reason = "ends with an ellipsis" if text.endswith(("...", "…")) else f"ends with '{words[-1]}'"
                yield self._heading(
                    doc,
                    h,
                    {"reason": reason},
                    message=self.rule.message or f"Heading '{text}' looks cut off: it {reason}.",
                )


class HeadingLength(_OutlineRule):
    """A heading of more than `max` words."""

    kind = "heading-length"
    options = (Option("max", optional(integer(1)), None, "most words in a heading", "int"), _LEVELS)
    example = """\
extends: heading-length
level: suggestion
max: 15
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["max"] is None:
            raise OptionError("max: heading-length needs 'max' (words)")
        self.max = options["max"]
        self.levels = _levels(options["levels"])

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        limit = self.max
        for h in outline:
            if self.levels and h.level not in self.levels:
                continue
            count = len(_WORD.findall(doc.heading_text(h)))
            if count > limit:
                yield self._heading(
                    doc,
                    h,
                    {"count": count, "max": limit},
                    message=self.rule.message or f"Heading has {count} words (more than {limit}): shorten it.",
                )


class RequiredSections(_OutlineRule):
    """The outline matches a house template of levels and heading texts (markdownlint MD043, with counts)."""

    kind = "required-sections"
    options = (
        Option("template", anything, None, "the outline to match (see example)", "list"),
        _FRONT_MATTER_TITLE,
    )
    example = """\
# rules/structure/required-sections.yaml: a house template for essays.
extends: required-sections
level: warning
enabled: true
message: "{detail}"
template:
  - level: 1              # the title
  - level: 2              # at least three body sections (their H3s are free)
    min: 3
    max: 12
  - level: 2              # and a closing section
    match: "^(Conclusion|Summary|Looking Ahead|In Closing)$"
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["template"] is None:
            raise OptionError("template: required-sections needs a template")
        self.template = parse_template(options["template"])
        self.front_matter_title = options["front_matter_title"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        deepest = max((item.level or 0 for item in self.template), default=0)
        considered = [h for h in outline if not deepest or h.level <= deepest]
        headings = [(h.level, doc.heading_text(h)) for h in considered]
        if _front_title(doc, self.front_matter_title) and not any(level == 1 for level, _ in headings):
            headings.insert(0, (1, str(doc.front_matter.get(self.front_matter_title))))
            considered.insert(0, None)  # type: ignore[arg-type]
        ok, pos, item, found = match_template(self.template, headings, self.regex_match)
        if ok:
            return
        expected = self.template[item].describe() if item < len(self.template) else "no more headings"
        if pos < len(headings) and considered[pos] is not None:
            level, title = headings[pos]
            if found:
                detail = f"Expected {expected} from here (template item {item + 1}), found {found}."
            else:
                detail = f"Expected {expected} here (template item {item + 1}), found H{level} '{title}'."
            yield self._heading(
                doc, considered[pos], {"detail": detail, "expected": expected}, data={"template_item": item + 1}
            )
        elif considered and considered[-1] is not None:
            level, title = headings[-1]
            detail = f"Expected {expected} after the last heading, H{level} '{title}' (template item {item + 1})."
            yield self._heading(
                doc, considered[-1], {"detail": detail, "expected": expected}, data={"template_item": item + 1}
            )
        else:
            detail = f"The document has no headings; expected {expected} (template item {item + 1})."
            yield self.finding(doc, 0, 0, {"detail": detail, "expected": expected}, data={"template_item": item + 1})


class SectionBalance(_OutlineRule):
    """A section with fewer than `min_words`, or more than `max_ratio` times the median of the others."""

    kind = "section-balance"
    options = (
        Option("min_words", optional(integer(0)), None, "a section with fewer words", "int"),
        Option("max_ratio", optional(number), None, "a section this many times the median", "number"),
    )
    example = """\
extends: section-balance
level: suggestion
min_words: 40
max_ratio: 3.0
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["min_words"] is None and options["max_ratio"] is None:
            raise OptionError("min_words: section-balance needs 'min_words' and/or 'max_ratio'")
        self.min_words = options["min_words"]
        self.max_ratio = options["max_ratio"]

    def check_outline(self, doc: Document, outline: list[Block]) -> Iterator[Finding]:
        sections = [
            s for s in doc.sections if s.heading is not None and s.heading.level >= 2 and not s.heading.in_quote
        ]
        if not sections:
            return
        counts = []
        for section in sections:
            own = sum(len(doc.words(b.start, b.end)) for b in section.blocks if b.kind in ("paragraph", "table"))
            counts.append(own)
        low = self.min_words
        ratio = self.max_ratio
        for i, (section, count) in enumerate(zip(sections, counts, strict=True)):
            assert section.heading is not None
            if low is not None and count < low:
                yield self._heading(
                    doc,
                    section.heading,
                    {"count": count, "min": low},
                    message=self.rule.message or f"Section has only {count} words (fewer than {low}).",
                )
            others = counts[:i] + counts[i + 1 :]
            if ratio is not None and len(others) >= 2:
                median = statistics.median(others)
                if median > 0 and count > ratio * median:
                    yield self._heading(
                        doc,
                        section.heading,
                        {"count": count, "median": median},
                        message=self.rule.message
                        or f"Section has {count} words, {count / median:.1f} times the median of the others ({median:g}).",
                    )


def _capitalised_particle(words: list[str]) -> bool:
    """ "Let the Other 95% of Great Programmers In": title case leaves small words lower case
    ("of"), so a capitalised last one is part of the phrase (a phrasal verb), not a cut."""
    last = words[-1]
    return last[:1].isupper() and not last.isupper() and any(w.islower() for w in words[:-1])


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.casefold()).split())


def _is_comment(doc: Document, block: Block) -> bool:
    return block.kind == "html" and doc.text[block.start : block.end].lstrip().startswith("<!--")
