"""Declared option schemas for rule kinds (the idea of ESLint's rule schemas).

A kind lists its keys as `Option`s; the loader validates every rule file
against them before any essay is read, so a typo in a key is a load-time
error naming the file and line rather than a silently ignored setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def compile_pattern(pattern: str, flags: int = 0, what: str = "regex") -> regex.Pattern[str]:
    """Compile with the `regex` module, whose matching takes a timeout (see engine).

    Every pattern, built-in or the user's, runs on this one engine within
    the file's time budget. An `re` twin for built-in patterns was measured
    and dropped: on ../shared/realtext it changed nothing measurable (18.0 s
    without it against 18.4 s with it, one core), and it cost a table of the
    characters on which the two engines agree.
    """
    cost = _expanded_cost(pattern)
    if cost > MAX_PATTERN_COST and cost > 100 * len(pattern):  # long word lists grow with their length: fine
        raise OptionError(
            f"{what} {pattern[:60]!r}: refused: its repeats expand to about {cost:.0e} steps "
            f"(more than {MAX_PATTERN_COST:,}); a pattern like ((a{{100}}){{100}}){{100}} takes gigabytes to compile"
        )
    import regex  # here, not above: a run the result cache answers compiles no pattern

    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        raise OptionError(f"{what} {pattern!r} does not compile: {exc}") from None


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
