"""Apply fixes without losing anything.

Fixes are data (offset edits), so applying them is one function: edits are
sorted, an edit that overlaps one already taken is left for the next pass
(deterministic: the fix that removes least first, so a repair wins over a
removal of the same bytes; then earliest start, shortest, rule id), and the file is
written atomically (temporary file in the same folder, fsync, rename) with
its mode kept, only if its bytes on disk are still the bytes that were linted.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from lint.finding import Edit, Finding


class FixError(Exception):
    """A fix that was not written; the message names the file."""


def fixable(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def apply_edits(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply the non-overlapping fixes of `findings`; returns the text and how many applied."""
    return _apply_edits_taking([text], findings)


def _apply_edits_taking(box: list[str], findings: Iterable[Finding]) -> tuple[str, int]:
    """apply_edits of the text in `box`, which it takes out: a caller that holds no other reference
    lets the old text go once its pieces are cut, before they are joined (a 9 MB essay with an
    emoji: 36 MB less at the moment --fix peaked)."""
    text = box.pop()
    chosen: list[tuple[Edit, ...]] = []
    taken: list[tuple[int, int]] = []
    candidates = sorted((f for f in findings if f.fix is not None), key=_preference)
    for finding in candidates:
        edits = finding.fix.edits  # type: ignore[union-attr]
        if any(not (0 <= e.start <= e.end <= len(text)) for e in edits):
            continue
        spans = [(e.start, e.end) for e in edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        taken.extend(spans)
        chosen.append(edits)
    if not chosen:
        return text, 0
    # One pass and one join: splicing the whole text once per edit made 134 fixes in a 9 MB essay
    # cost 150 MB of copies and seconds of time.
    pieces: list[str] = []
    cursor = 0
    for edit in sorted((e for edits in chosen for e in edits), key=lambda e: (e.start, e.end)):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    del text
    return "".join(pieces), len(chosen)


def _preference(finding: Finding) -> tuple[int, int, int, str]:
    """Order in which overlapping fixes are tried: the one that keeps text first.

    A removal must never win over a repair of the same characters: the
    control-character rule removes U+0093 where the mojibake rule repairs it
    to a quotation mark, and removing first lost the quote. Among fixes that
    keep as much, the earliest start, then the shortest, then the rule id.
    """
    edits = finding.fix.edits  # type: ignore[union-attr]
    removed = sum(e.end - e.start for e in edits if not e.text)
    return (removed, min(e.start for e in edits), max(e.end for e in edits), finding.rule)


class Linted(Protocol):
    findings: list[Finding]


L = TypeVar("L", bound=Linted)


def fix_until_stable(
    text: str, lint: Callable[[str], L], unsafe: bool = False, passes: int = 10, todo: list[Finding] | None = None
) -> tuple[str, int, L | None]:
    """Apply fixes, re-lint and repeat (as ruff does) until nothing more applies.

    Returns the text, the number of fixes applied and the lint result of the
    returned text when the last pass linted it (None otherwise). `todo` is
    the first pass's fixes when the caller has them already: a 9 MB essay
    was linted once more for nothing.
    """
    applied = 0
    result: L | None = None
    for index in range(passes):
        if todo is None or index > 0:
            result = None  # the previous text's findings go before the next lint makes its own
            result = lint(text)
            todo = fixable(result.findings, unsafe)
        if not todo:
            return text, applied, result
        box, text = [text], ""  # handed over: see _apply_edits_taking
        text, count = _apply_edits_taking(box, todo)
        if count == 0:
            return text, applied, result  # nothing changed: a result is still this text's
        applied += count
        result = None
    return text, applied, None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # two insertions at the same point conflict too
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]


def encode(text: str) -> bytes:
    return text.encode("utf-8")


def write_atomic(
    path: Path, data: bytes, expected: bytes | str, root: Path | None = None, follow_symlinks: bool = False
) -> list[str]:
    """Replace `path` with `data` unless it no longer holds `expected`; returns notes for the user.

    `expected` is the bytes or their sha256 (hex): `--fix` keeps only the
    digest of a large essay's bytes while its fixed text is linted.

    The new file keeps the old one's mode, owner and extended attributes
    (where the OS allows), so `--fix` run as root does not hand an editor's
    essay to root. A symbolic link is written through only when its target
    stays inside `root` (or with `follow_symlinks`): a link in the project
    must not let `--fix` change a file elsewhere. A file with other hard
    links is replaced atomically all the same, and the note says that the
    link was split.
    """
    notes: list[str] = []
    target = path.resolve()
    if path.is_symlink() and not follow_symlinks and root is not None:
        base = root.resolve()
        if target != base and base not in target.parents:
            raise FixError(
                f"{path}: not fixed: it is a link to {target}, outside the project; use --follow-symlinks to fix it there"
            )
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise FixError(f"{path}: not fixed: cannot read it again: {exc.strerror or exc}") from None
    if (hashlib.sha256(current).hexdigest() if isinstance(expected, str) else current) != expected:
        raise FixError(f"{path}: not fixed: the file changed on disk while it was being checked")
    try:
        info = target.stat()
    except OSError as exc:
        raise FixError(f"{path}: not fixed: {exc.strerror or exc}") from None
    mode = stat.S_IMODE(info.st_mode)
    # Mode bits, not os.access: root may write anything, but a file without write bits is read-only on purpose.
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise FixError(f"{path}: not fixed: the file is read-only")
    from lint.files import atomic_binary

    def finish(tmp: str) -> None:
        os.chmod(tmp, mode)
        _keep_owner_and_xattrs(target, tmp, info)

    try:
        with atomic_binary(target, finish) as handle:  # the one atomic writer: temporary file, fsync, rename
            handle.write(data)
    except OSError as exc:
        raise FixError(f"{path}: not fixed: {exc.strerror or exc}") from None
    if info.st_nlink > 1:
        notes.append(f"{path}: it had {info.st_nlink - 1} other hard link(s), which still hold the old text")
    return notes


def _keep_owner_and_xattrs(original: Path, tmp: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and extended attributes, as far as this process may."""
    if hasattr(os, "chown") and (info.st_uid != os.getuid() or info.st_gid != os.getgid()):
        with contextlib.suppress(OSError):
            os.chown(tmp, info.st_uid, info.st_gid)
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for name in os.listxattr(original):
                with contextlib.suppress(OSError):
                    os.setxattr(tmp, name, os.getxattr(original, name))


def _lines(text: str) -> list[str]:
    """Lines as `patch` sees them: split after "\n" only (str.splitlines also splits at U+0085,
    U+2028 and form feeds, which made hunks `patch` rejects)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{path}", f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
