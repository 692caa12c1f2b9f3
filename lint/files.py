"""Writing output files so that a failed run leaves the old file whole.

Why: `-o report.json` used to open the file for writing first and fail
later (a file name it could not print, a record it could not read), leaving
a file of 0 bytes where yesterday's report was. Everything essaylint writes
for the user goes through a temporary file in the same folder and one
rename at the end: readers see the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO, TextIO


def in_ci() -> bool:
    """`CI` is set to something other than empty, 0 or false: what CI services do, and what essaylint reads as CI."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@contextlib.contextmanager
def atomic_path(path: Path, finish: Callable[[str], None] | None = None) -> Iterator[Path]:
    """A temporary file beside `path`; what is written there replaces `path` when the block ends without an exception.

    For writers that need a path rather than a stream (SQLite builds the
    word lookup file this way). The new file keeps the old one's mode (or
    gets the umask's, where there was none); `finish` may give it more of the
    old file (owner, extended attributes: `--fix`) just before it replaces it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".essaylint-tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(path))
        if finish is not None:
            finish(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def atomic_binary(path: Path, finish: Callable[[str], None] | None = None) -> Iterator[BinaryIO]:
    """A byte stream whose content replaces `path` only when the block ends without an exception."""
    with atomic_path(path, finish) as tmp, open(tmp, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """As atomic_binary, as UTF-8 text with the line ends written as given."""
    with atomic_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_text(path) as handle:
        handle.write(text)


def _mode_for(path: Path) -> int:
    """The existing file's mode, or what a new file gets under the umask (mkstemp makes 0600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class NotReadable(OSError):
    """A path that is not a regular file, or is larger than allowed; `strerror` says which."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; NotReadable for anything else.

    A FIFO would block the run for ever and `/dev/zero` would fill memory, so
    the path (after links) must be a regular file; it is opened without
    blocking and read no further than the limit.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO so does not block
    try:
        info = os.fstat(fd)  # what was opened, not what the name meant a moment before
        if not S_ISREG(info.st_mode):
            raise NotReadable(0, "not a regular file")
        if info.st_size > limit:
            raise NotReadable(0, f"larger than {limit} bytes")
        # Read by the size fstat gave: a file object's read(limit + 1) allocated the whole
        # limit (10 MB) for every 3 KB essay, half of a warm run's reading.
        size, total, pieces = info.st_size, 0, []
        while total <= limit:
            wanted = min(size + 1 - total if total <= size else 1 << 16, limit + 1 - total, 1 << 30)
            piece = os.read(fd, wanted)
            if not piece:
                break
            pieces.append(piece)
            total += len(piece)
            if len(piece) < wanted and total >= size:
                break  # a short read at the size fstat gave is the end; a full one: the file grew
    finally:
        os.close(fd)
    data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    if total > limit:
        raise NotReadable(0, f"larger than {limit} bytes")
    return data


@contextlib.contextmanager
def folder_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder of `path` while a read-modify-write of it runs.

    Two `essaylint claims mark` at once each read the ledger, added their
    entry and wrote it back: one entry was lost. The lock is taken on the
    folder itself (flock on its descriptor), so no lock file is left behind;
    where the platform has no flock the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX
        yield
        return
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def find_upwards(start: Path, names: Iterable[str], accept: Callable[[Path], bool] | None = None) -> Path | None:
    """The first file named one of `names` in `start` or a folder above it (nearest first, names in order).

    `accept` can refuse a found file (a pyproject.toml without an essaylint table) and go on looking.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in names:
            candidate = folder / name
            if candidate.is_file() and (accept is None or accept(candidate)):
                return candidate
    return None
