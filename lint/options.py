"""Declared option schemas for rule kinds (the idea of ESLint's rule schemas).

A kind lists its keys as `Option`s; the loader validates every rule file
against them before any essay is read, so a typo in a key is a load-time
error naming the file and line rather than a silently ignored setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

REQUIRED = object()


class OptionError(ValueError):
    """Raised by a validator; the loader adds the file, line and key.

    `index` names the list item at fault, so the error can point at its line.
    """

    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.index = index


Validator = Callable[[Any], Any]


@dataclass(frozen=True)
class Option:
    name: str
    validate: Validator
    default: Any = None
    doc: str = ""
    type_name: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


def _type_error(expected: str, value: Any) -> OptionError:
    return OptionError(f"expected {expected}, got {type(value).__name__} {value!r:.60}")


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise _type_error("a string", value)
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error("true or false", value)
    return value


def integer(minimum: int | None = None, maximum: int | None = None) -> Validator:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error("an integer", value)
        if minimum is not None and value < minimum:
            raise OptionError(f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise OptionError(f"must be at most {maximum}, got {value}")
        return value

    return check


MAX_FORMAT_WIDTH = 100


def message_template(value: Any) -> str:
    """A message with `{placeholders}`; format specs are allowed up to a width of MAX_FORMAT_WIDTH.

    `{score:.1f}` is useful; `{match:>99999999}` took 409 MB to render, once per finding.
    """
    import string as _string

    text = string(value)
    try:
        fields = list(_string.Formatter().parse(text))
    except ValueError as exc:
        raise OptionError(f"not a valid template ({exc}); write literal braces as {{{{ and }}}}") from None
    for _literal, name, spec, _conversion in fields:
        if name is not None and spec and any(int(n) > MAX_FORMAT_WIDTH for n in re.findall(r"\d+", spec)):
            raise OptionError(f"{{{name}:{spec}}}: widths and precisions above {MAX_FORMAT_WIDTH} are refused")
    return text


def examples(value: Any) -> dict[str, list[str]]:
    """`{flagged: [...], ok: [...]}`: texts the rule must flag and must leave alone."""
    if not isinstance(value, dict):
        raise _type_error("a mapping with 'flagged' and/or 'ok' lists", value)
    unknown = set(value) - {"flagged", "ok"}
    if unknown:
        raise OptionError(f"unknown key {sorted(unknown)[0]!r} (allowed: flagged, ok)")
    out: dict[str, list[str]] = {}
    for key in ("flagged", "ok"):
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise OptionError(f"{key}: expected a list of non-empty texts")
        out[key] = list(items)
    return out


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _type_error("a number", value)
    return float(value)


def probability(value: Any) -> float:
    """A number from 0 to 1: a threshold on a model's probability."""
    result = number(value)
    if not 0.0 <= result <= 1.0:
        raise OptionError(f"must be between 0 and 1; got {value!r}")
    return result


def optional(inner: Validator) -> Validator:
    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    return check


def choice(*allowed: str) -> Validator:
    def check(value: Any) -> str:
        if value not in allowed:
            raise OptionError(f"must be one of {', '.join(allowed)}; got {value!r}")
        return value

    return check


def string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise _type_error("a list of strings", value)
    for i, item in enumerate(value):
        if isinstance(item, bool):
            raise OptionError(f"item {i + 1} is the boolean {item} (quote it: YAML reads yes/no/on/off as booleans)", i)
        if not isinstance(item, str | int | float):
            raise OptionError(f"item {i + 1}: expected a string, got {type(item).__name__}", i)
    return [str(v) for v in value]


def string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _type_error("a mapping of strings to strings", value)
    result = {}
    for key, val in value.items():
        if not isinstance(key, str | int | float) or not isinstance(val, str | int | float):
            raise OptionError(f"entry {key!r}: expected a string mapped to a string")
        result[str(key)] = str(val)
    return result


# Code point ranges on which `re` and `regex` (VERSION0) agree: the same \w, \s and \d,
# and the same case-insensitive pairs. Left out: U+001C-U+001F (whitespace to `re` only),
# superscript digits and vulgar fractions (word characters to `re` only), dotted and
# dotless I, zero-width joiners and connector punctuation. tests/test_options.py checks
# every code point listed.
SAME_IN_BOTH_ENGINES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001B),
    (0x0020, 0x00B1),
    (0x00B4, 0x00B8),
    (0x00BA, 0x00BB),
    (0x00BF, 0x012F),
    (0x0132, 0x024F),
    (0x2000, 0x200B),
    (0x200E, 0x203E),
    (0x2041, 0x2053),
    (0x2055, 0x206F),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
)
_AGREEING_TEXT = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in SAME_IN_BOTH_ENGINES) + "]*")


@dataclass(frozen=True)
class TwinPattern:
    """A built-in rule's pattern compiled by both engines.

    `regex` takes a time limit but is about three times slower than `re` on
    essays. A built-in pattern was written to match in linear time, so it runs
    on `re` wherever the text is made only of characters on which the two
    engines agree, and on `regex` (same results, with its limit) elsewhere.
    """

    fast: re.Pattern[str]
    careful: regex.Pattern[str]

    def fast_for(self, text: str, start: int, end: int) -> bool:
        return _AGREEING_TEXT.fullmatch(text, start, end) is not None


MAX_PATTERN_COST = 100_000


def _expanded_cost(pattern: str) -> float:
    """How large the pattern grows once counted repeats are unrolled: {n} inside {m} costs n * m.

    Read with Python's own regex parser; a pattern it cannot read (syntax only
    the `regex` module has) is costed 0 here and left to `regex` to judge.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern)
    except Exception:
        return 0.0
    from re import _constants as c  # type: ignore[attr-defined]

    def cost(items: Any, depth: int = 0) -> float:
        if depth > 100:
            return float("inf")
        total = 0.0
        for op, arg in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, high, sub = arg
                count = high if high != c.MAXREPEAT else low
                total += max(count, 1) * cost(sub, depth + 1)
            elif op is c.SUBPATTERN:
                total += cost(arg[-1], depth + 1)
            elif op is c.BRANCH:
                total += sum(cost(alt, depth + 1) for alt in arg[1])
            elif op in (c.ASSERT, c.ASSERT_NOT):
                total += cost(arg[1], depth + 1)
            else:
                total += 1
        return total

    try:
        return cost(parsed.data if hasattr(parsed, "data") else parsed)
    except RecursionError:
        return float("inf")


def compile_pattern(
    pattern: str, flags: int = 0, what: str = "regex", trusted: bool = False
) -> regex.Pattern[str] | TwinPattern:
    """Compile with the `regex` module, whose matching takes a timeout (see engine).

    A trusted pattern (a built-in rule's) also gets an `re` twin when `re`
    accepts it; `regex` flag values equal `re`'s.
    """
    cost = _expanded_cost(pattern)
    if cost > MAX_PATTERN_COST and cost > 100 * len(pattern):  # long word lists grow with their length: fine
        raise OptionError(
            f"{what} {pattern[:60]!r}: refused: its repeats expand to about {cost:.0e} steps "
            f"(more than {MAX_PATTERN_COST:,}); a pattern like ((a{{100}}){{100}}){{100}} takes gigabytes to compile"
        )
    try:
        careful = regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        raise OptionError(f"{what} {pattern!r} does not compile: {exc}") from None
    if trusted:
        try:
            return TwinPattern(re.compile(pattern, flags), careful)
        except re.error:
            pass
    return careful


_PLAIN_TOKEN = re.compile(r"[\w '’-]*")  # no metacharacter: compiles, and costs nothing to check


def regex_list(value: Any) -> list[str]:
    patterns = string_list(value)
    for i, pattern in enumerate(patterns):
        if _PLAIN_TOKEN.fullmatch(pattern):
            continue
        try:
            compile_pattern(pattern, what="token")
        except OptionError as exc:
            raise OptionError(str(exc), i) from None
    return patterns


def anything(value: Any) -> Any:
    return value
