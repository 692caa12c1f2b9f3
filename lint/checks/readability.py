"""readability: textstat formulas over a scope, with thresholds.

Why: editors need to know not only that an essay is hard but where. A rule
scores each unit of its scope (the document, each section, each paragraph,
each sentence) with one formula and flags units outside [min, max]. Units
with fewer than `min_words` words are not scored: the formulas are averages
and mean little on a few words. Scores are computed on prose only (see
lint/metrics.py), so they equal textstat called on the same prose text.

`formula` is one of textstat's: flesch_reading_ease, flesch_kincaid_grade,
gunning_fog, smog_index, coleman_liau_index, automated_readability_index,
dale_chall_readability_score, linsear_write_formula; or `words` to bound
length.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Finding
from lint.metrics import COUNTS, FORMULAS, unit_score, units
from lint.options import Option, OptionError, choice, integer, number, optional


class Readability(Check):
    """Scores each unit of the scope with `formula`; flags scores below `min` or above `max`."""

    kind = "readability"
    default_scope = "document"
    allowed_scopes = ("document", "section", "paragraph", "sentence")
    options = (
        Option("formula", choice(*FORMULAS, *COUNTS), None, "the textstat formula, or 'words'", "string"),
        Option("min", optional(number), None, "flag a unit scoring below this", "number"),
        Option("max", optional(number), None, "flag a unit scoring above this", "number"),
        Option("min_words", integer(0), 0, "units with fewer words are not scored", "int"),
    )
    example = """\
extends: readability
formula: flesch_kincaid_grade
scope: paragraph
max: 16
min_words: 40
level: suggestion
message: "Paragraph reads at grade {score:.1f} (above {max:g}): split long sentences, prefer common words."
"""

    def setup(self, options: dict[str, Any]) -> None:
        if options["formula"] is None:
            raise OptionError(f"formula: required (one of: {', '.join([*FORMULAS, *COUNTS])})")
        if options["min"] is None and options["max"] is None:
            raise OptionError("max: a readability rule needs 'min' or 'max'")
        self.formula = options["formula"]
        self.min, self.max = options["min"], options["max"]
        self.min_words = options["min_words"]
        self.name = FORMULAS.get(self.formula, self.formula)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for scope in self.rule.scope:
            for unit in units(doc, scope):
                if self.min_words and unit_score(doc, unit, "words") < self.min_words:
                    continue
                score = unit_score(doc, unit, self.formula)
                too_low = self.min is not None and score < self.min
                too_high = self.max is not None and score > self.max
                if not (too_low or too_high):
                    continue
                bound = self.min if too_low else self.max
                values = {
                    "score": score,
                    "formula": self.name,
                    "min": self.min if self.min is not None else "",
                    "max": self.max if self.max is not None else "",
                    "scope": scope,
                    "section": unit.label,
                }
                default = (
                    f"{scope.capitalize()} {self.name} is {score:.1f}"
                    f" ({'below' if too_low else 'above'} the {'minimum' if too_low else 'maximum'} of {bound:g})."
                )
                yield self.finding(
                    doc,
                    unit.start,
                    unit.end,
                    values,
                    message=self.rule.message or default,
                    data={"formula": self.formula, "score": round(score, 2), "scope": scope},
                )
