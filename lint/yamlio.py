"""Safe YAML loading that remembers where each key was written.

Rule and config errors must name `file:line`, and hostile YAML (alias bombs,
huge files, Python tags) must be refused before it costs anything, so every
YAML file essaylint reads goes through `load_yaml`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_YAML_BYTES = 1_000_000
MAX_YAML_NODES = 100_000

KeyPath = tuple[Any, ...]


class YamlError(Exception):
    """A YAML file that cannot be used; `str()` is a one-line `file:line: message`."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@cache
def _loader() -> Any:
    """libyaml's safe loader when PyYAML was built with it (its wheels are): same semantics, marks
    and errors, about ten times faster on the big confusion-set rule.

    Imported when a YAML file is first read, not with this module: a run the
    result cache answers reads none (PyYAML's import was a twentieth of it).
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _expanded_size(node: yaml.Node, memo: dict[int, int], depth: int = 0) -> int:
    """Node count after alias expansion, memoised per node so bombs cost little to measure."""
    import yaml

    key = id(node)
    if key in memo:
        return memo[key]
    if depth > 200:
        raise RecursionError
    memo[key] = MAX_YAML_NODES + 1  # a node that reaches itself is infinite
    size = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            size += _expanded_size(child, memo, depth + 1)
            if size > MAX_YAML_NODES:
                break
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
            if size > MAX_YAML_NODES:
                break
    memo[key] = size
    return size


def _key_lines(node: yaml.Node, prefix: KeyPath, out: dict[KeyPath, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            path = (*prefix, k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark))
            out[path] = k.start_mark.line + 1
            _key_lines(v, path, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            path = (*prefix, i)
            out[path] = child.start_mark.line + 1
            _key_lines(child, path, out)


def parse_yaml(text: str, path: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML text with safe semantics; returns the data and a key-path -> line map."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(path, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"invalid YAML: {exc}") from None
    if node is None:
        return None, {}
    try:
        too_big = _expanded_size(node, {}) > MAX_YAML_NODES
    except RecursionError:
        raise YamlError(path, node.start_mark.line + 1, "refused: nested too deeply to read") from None
    if too_big:
        raise YamlError(
            path, node.start_mark.line + 1, f"refused: expands to more than {MAX_YAML_NODES} nodes (alias bomb?)"
        )
    try:
        data = _loader()(text).construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    lines: dict[KeyPath, int] = {}
    _key_lines(node, (), lines)
    return data, lines


CACHE_FROM_BYTES = 16_384
YAML_KEPT = 32  # parsed YAML files kept in the cache folder, the ones used last


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, dict[KeyPath, int]]:
    shown = display or str(path)
    from lint.files import read_regular

    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlError(
                shown, None, f"refused: {size} bytes is over the {MAX_YAML_BYTES}-byte limit for YAML files"
            )
        raw = read_regular(path, MAX_YAML_BYTES)
    except OSError as exc:
        raise YamlError(shown, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlError(shown, None, f"not UTF-8 (byte {exc.start})") from None
    if len(raw) < CACHE_FROM_BYTES:
        return parse_yaml(text, shown)
    # A large file (the confusion sets: 25 ms to parse) is parsed once per content; a
    # file that does not parse raises here every time, since nothing is cached for it.
    import hashlib

    import yaml

    from lint.diskcache import keep_newest, load_or_build

    # Named after the content alone: the same rules at another path (a new virtualenv, a test's
    # temporary folder) share the entry. Named after the path, each such folder left one behind
    # for good; now the YAML_KEPT entries used last are kept (load_or_build marks a hit used).
    digest = hashlib.sha256(raw + f"\0pyyaml {yaml.__version__}, format 2".encode()).hexdigest()
    name, key = f"yaml_{digest[:12]}", digest[12:28]

    def build() -> tuple[Any, dict[KeyPath, int]]:
        parsed = parse_yaml(text, shown)
        keep_newest("yaml_", YAML_KEPT - 1)  # room for the entry about to be written
        return parsed

    data, lines = load_or_build(
        name, key, build, lambda v: isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], dict)
    )
    return data, lines
