"""Answers of external services kept between runs, in a store the engine owns (checks do no I/O).

LanguageTool takes a second for a paragraph it has already seen; its answer
for the same text, language and options is the same. The engine hands the
checks this store through their context; a check asks it and tells it, and
never opens a file itself. Entries are JSON files under
`.essaylint_cache/<service>/`, written atomically, so two runs at once never
see half an entry; one that cannot be read is a miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class AnswerStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, service: str, key: str) -> Path:
        return self.folder / service / key[:2] / f"{key}.json"

    def get(self, service: str, key: str) -> Any:
        """The answer kept for `key`, or None."""
        try:
            return json.loads(self._path(service, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, service: str, key: str, answer: Any) -> None:
        """Keep `answer`; a store that cannot be written (read-only project) keeps nothing."""
        from lint.files import atomic_text

        try:
            with atomic_text(self._path(service, key)) as handle:
                json.dump(answer, handle, ensure_ascii=False)
        except OSError:
            pass
