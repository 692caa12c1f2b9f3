"""metric: a formula over the document's counts, with a condition that raises the finding.

Why: Vale's readability style and house styles state their limits as
formulas ("(0.39 * (words / sentences)) + (11.8 * (syllables / words)) -
15.59", condition "> 8"); a user moving from Vale keeps them as written. The
variables are Vale's, counted over the document's prose (code, front matter
and markup left out): words, sentences, syllables (the CMU Pronouncing
Dictionary, as the readability rules count them), characters (letters and
digits of the words), long_words (more than six letters), polysyllabic_words
(more than two syllables), complex_words (the same, not counting an -es,
-ed or -ing syllable), paragraphs, pre (code blocks), list, blockquote and
heading.h1 to heading.h6. Vale counts words and syllables with its own
tokenizer, so a score can differ from Vale's in the first decimal.

The formula is read once into a tree of numbers, variables, + - * / % **,
and math.sqrt / abs / pow / log / exp / floor / ceil / min / max: nothing
else is evaluated. One finding per document, at line 1, column 1, as Vale.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from lint.checks import Check, Context
from lint.document import Document
from lint.finding import Finding
from lint.options import REQUIRED, Option, OptionError, string

VARIABLES = (
    "words",
    "sentences",
    "syllables",
    "characters",
    "long_words",
    "polysyllabic_words",
    "complex_words",
    "paragraphs",
    "pre",
    "list",
    "blockquote",
    *(f"heading_h{n}" for n in range(1, 7)),
)
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "abs": abs,
    "pow": math.pow,
    "log": math.log,
    "log10": math.log10,
    "exp": math.exp,
    "floor": math.floor,
    "ceil": math.ceil,
    "min": min,
    "max": max,
}
_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_CONDITION = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*([-+]?\d+(?:\.\d*)?|[-+]?\.\d+)\s*$")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def parse_formula(text: str) -> ast.expr:
    """The formula as a checked tree; anything but arithmetic on the known variables is refused."""
    source = re.sub(r"\bheading\.(h[1-6])\b", r"heading_\1", text.strip())
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError as exc:
        raise OptionError(f"formula: not a formula: {exc.msg}") from None
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    modules = {
        id(n.func.value) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in called:
            raise OptionError(f"formula: .{node.attr} is not allowed (numbers, variables, + - * / and math.*)")
        if isinstance(node, ast.Name) and node.id == "math" and id(node) not in modules:
            raise OptionError("formula: math is a module: call one of its functions, math.sqrt(x)")
        if isinstance(node, ast.Name) and node.id not in VARIABLES and node.id != "math":
            raise OptionError(f"formula: unknown variable {node.id!r} (known: {', '.join(VARIABLES)})")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "math"
            and node.func.attr in _FUNCTIONS
        ):
            raise OptionError(f"formula: only math.{', math.'.join(_FUNCTIONS)} may be called")
        allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Attribute, ast.Load)
        allowed_ops = (*_BINARY, ast.USub, ast.UAdd)
        if not isinstance(node, allowed + allowed_ops):
            raise OptionError(f"formula: {type(node).__name__} is not allowed (numbers, variables, + - * / and math.*)")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise OptionError("formula: only numbers may be written as constants")
    return tree


def evaluate(node: ast.expr, values: dict[str, float]) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        inner = evaluate(node.operand, values)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](evaluate(node.left, values), evaluate(node.right, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return float(_FUNCTIONS[node.func.attr](*(evaluate(a, values) for a in node.args)))
    raise ValueError(f"cannot evaluate {ast.dump(node)}")


def parse_condition(text: str) -> tuple[Callable[[float, float], bool], float]:
    found = _CONDITION.match(text)
    if not found:
        raise OptionError(f"condition: {text!r} is not a comparison such as '> 8' (one of > < >= <= == !=)")
    return _COMPARE[found.group(1)], float(found.group(2))


def document_counts(doc: Document) -> dict[str, float]:
    """Vale's metric variables for the document, counted once and shared by every metric rule."""
    return doc.memo("vale-metric-counts", lambda: _counts(doc))


def _counts(doc: Document) -> dict[str, float]:
    from lint.metrics import _word_syllables

    counts = dict.fromkeys(VARIABLES, 0.0)
    for word in doc.iter_words():
        syllables = _word_syllables(word.lower())
        counts["words"] += 1
        counts["syllables"] += syllables
        counts["characters"] += sum(1 for c in word if c.isalnum())
        counts["long_words"] += len(word) > 6
        counts["polysyllabic_words"] += syllables > 2
        counts["complex_words"] += syllables - word.lower().endswith(("es", "ed", "ing")) > 2
    counts["sentences"] = float(len(doc.sentences))
    previous = None
    for block in doc.blocks:
        if block.kind == "paragraph" and not block.in_list and not block.in_quote:
            counts["paragraphs"] += 1
        elif block.kind == "code":
            counts["pre"] += 1
        elif block.kind == "heading" and 1 <= block.level <= 6:
            counts[f"heading_h{block.level}"] += 1
        # a list or a quote is a run of its blocks
        counts["list"] += block.in_list and not (previous is not None and previous.in_list)
        counts["blockquote"] += block.in_quote and not (previous is not None and previous.in_quote)
        previous = block
    return counts


class Metric(Check):
    """Evaluates `formula` over the document's counts and flags it when `condition` holds."""

    kind = "metric"
    default_scope = "document"
    allowed_scopes = ("document",)
    options = (
        Option(
            "formula", string, REQUIRED, "arithmetic over Vale's variables (words, sentences, syllables...)", "string"
        ),
        Option("condition", string, REQUIRED, "when the result raises a finding: '> 8', '<= 30.0'", "string"),
    )
    example = """\
extends: metric
message: "Try to keep the Flesch-Kincaid grade ({match}) below 8."
level: suggestion
formula: |
  (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
condition: "> 8"
"""

    def setup(self, options: dict[str, Any]) -> None:
        self.formula = parse_formula(options["formula"])
        self.compare, self.limit = parse_condition(options["condition"])

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        counts = document_counts(doc)
        if not counts["words"]:
            return  # Vale leaves a document without words alone
        try:
            result = evaluate(self.formula, counts)
        except (ZeroDivisionError, ValueError, OverflowError):
            return  # no sentences, or a formula undefined on this document
        if self.compare(result, self.limit):
            yield self.finding(doc, 0, 0, {"match": f"{result:.2f}"}, data={"score": round(result, 2)})
