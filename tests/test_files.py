"""lint/files.py: reading essays as they are on disk, whatever their size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lint import files
from lint.files import NotReadable, read_regular


@pytest.mark.parametrize("size", [0, 1, 3000, 65_535, 65_536, 65_537, 300_000])
def test_reads_every_byte(tmp_path: Path, size: int) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(os.urandom(size))
    assert read_regular(path, 10_000_000) == path.read_bytes()
    assert read_regular(path, size) == path.read_bytes()  # exactly at the limit


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(b"x" * 101)
    with pytest.raises(NotReadable, match="larger than 100 bytes"):
        read_regular(path, 100)


def test_a_file_that_grew_after_fstat_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    """fstat said 10 bytes, the file holds 200 000 (written in between): all of it, or refused past the limit."""
    path = tmp_path / "essay.md"
    content = os.urandom(200_000)
    path.write_bytes(content)
    real = os.fstat

    class Smaller:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(files.os, "fstat", lambda fd: Smaller(real(fd)))
    assert read_regular(path, 10_000_000) == content
    with pytest.raises(NotReadable):
        read_regular(path, 100_000)


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(NotReadable, match="not a regular file"):
        read_regular(fifo, 100)
