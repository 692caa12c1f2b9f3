"""Derived data kept between runs in the user's cache folder (`~/.cache/essaylint`).

Word tables, the parsed confusion sets and the country names are built from
files in installed packages; building them costs more than a whole essay's
lint, so each is built once per machine and read back with marshal, which
holds plain data only (nothing runs on load). Every file name carries a key
that changes when its sources change, so a stale file is never read; with no
writable cache folder everything is simply built in memory each run.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    base = (
        os.environ.get("ESSAYLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    )
    return Path(base) / "essaylint"


def files_key(*parts: str, files: Iterable[str | Path] = ()) -> str:
    """A short digest of `parts` and of each file's size and modification time (stat only, no read)."""
    items = list(parts)
    for name in files:
        try:
            info = os.stat(name)
            items.append(f"{name}={info.st_size}:{info.st_mtime_ns}")
        except OSError:
            items.append(f"{name}=?")
    return hashlib.sha256("\n".join(items).encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Days a file under another key may go unused before `prune` removes it.
PRUNE_AFTER_DAYS = 7


def prune(name: str, keep: Path) -> None:
    """Remove the files of `name` made under other keys that no run has used for PRUNE_AFTER_DAYS.

    Another key is another version of the sources, or the same versions in
    another virtualenv (the key stats each source file where it is
    installed): a pre-commit hook's environment beside a developer's. Each
    run used to remove the other's files at once, so the two rebuilt the
    word tables, seconds each time, whenever the other had run. A file
    read is marked used (`mark_used`), so only keys left unused go.
    """
    horizon = time.time() - PRUNE_AFTER_DAYS * 86_400
    try:
        for old in keep.parent.glob(f"{name}-*{keep.suffix}"):
            if old != keep and old.name[len(name) + 1 :].count("-") == 0:
                with contextlib.suppress(OSError):
                    if old.stat().st_mtime < horizon:
                        old.unlink(missing_ok=True)
    except OSError:
        pass


def keep_newest(prefix: str, count: int) -> None:
    """Of the cache files whose names start with `prefix`, keep the `count` used last (see `mark_used`)."""
    try:
        found = []
        for path in cache_dir().glob(f"{prefix}*.marshal"):
            try:
                found.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue  # removed meanwhile by another run
        for _used, path in sorted(found, reverse=True)[max(count, 0) :]:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def mark_used(path: Path) -> None:
    """Note that the cache file was just read, so `keep_newest` and `prune` keep it (a read-only folder: nothing)."""
    with contextlib.suppress(OSError):
        os.utime(path)


_MAGIC = b"ELD1"


def is_built(name: str, key: str) -> bool:
    """Whether `load_or_build(name, key, ...)` would find its file (a machine's later runs)."""
    return (cache_dir() / f"{name}-{key}.marshal").exists()


def load_or_build(name: str, key: str, build: Callable[[], Any], valid: Callable[[Any], bool] | None = None) -> Any:
    """The value cached as `name-key.marshal`, built (and written) when absent, damaged or of the wrong shape.

    The file holds a checksum of its data: a flipped byte, a truncated write
    or another program's file is rebuilt, never used. `valid` checks the
    shape of what was loaded (a dict for a word table): `marshal.dumps(None)`
    over a table used to fail a rule with a TypeError. Writing a new key's
    file removes the name's files under other keys that no run has used for
    PRUNE_AFTER_DAYS (see `prune`); a read marks the file used.
    """
    if "-" in key:
        # `prune` tells a name's old files from longer names by the dash: "word-KEY", "word-classes-KEY".
        raise ValueError(f"cache key {key!r} holds a dash")
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        blob = path.read_bytes()
        if blob[:4] == _MAGIC and hashlib.sha256(blob[36:]).digest() == blob[4:36]:
            value = marshal.loads(blob[36:])
            if valid is None or valid(value):
                mark_used(path)
                return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        data = marshal.dumps(value)
    except ValueError:
        return value  # not plain data: keep it for this run only
    try:
        from lint.files import atomic_binary

        with atomic_binary(path) as handle:
            handle.write(_MAGIC + hashlib.sha256(data).digest() + data)
    except OSError:
        return value  # read-only home: build each time
    prune(name, path)
    return value
