"""Build benchmarks/data/confusables.jsonl from confusables-source.txt.

Each hand-written correct sentence gives two labelled examples: itself
(label "correct") and the same sentence with the word swapped for another
member of its confusion set (label "error", the intended word being the
original). Swapping is how confusion-set benchmarks have been built since
Golding (1995): the error is exactly the one a writer makes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"
MARK = re.compile(r"\{([^{}]+)\}")


def match_case(template: str, word: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def build() -> list[dict]:
    examples = []
    for number, line in enumerate((HERE / "confusables-source.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        words, _, marked = line.partition("|")
        members = [w.strip() for w in words.split(",")]
        found = MARK.search(marked)
        assert found and len(MARK.findall(marked)) == 1, f"line {number}: mark exactly one word"
        written = found.group(1)
        assert written.lower() in members, f"line {number}: {written} is not in {members}"
        others = [m for m in members if m != written.lower()]
        swapped = others[(members.index(written.lower())) % len(others)]
        start = found.start()
        correct = marked[:start] + written + marked[found.end() :]
        error = marked[:start] + match_case(written, swapped) + marked[found.end() :]
        base = {"set": "/".join(sorted(members)), "offset": start, "source": "written for essaylint", "line": number}
        examples.append(
            {**base, "sentence": correct, "written": written.lower(), "intended": written.lower(), "label": "correct"}
        )
        examples.append({**base, "sentence": error, "written": swapped, "intended": written.lower(), "label": "error"})
    return examples


if __name__ == "__main__":
    examples = build()
    with open(HERE / "confusables.jsonl", "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example, ensure_ascii=False) + "\n")
    sets = {e["set"] for e in examples}
    print(f"{len(examples)} examples ({sum(e['label'] == 'error' for e in examples)} errors) over {len(sets)} sets")
