"""Spelling suggestions on the Birkbeck misspellings: top-1 and top-3, as a user of essaylint sees them.

    python benchmarks/suggestions.py [--peers]

For each misspelling of ../shared/external/spelling/nonword-birkbeck.tsv:
- `essaylint`: codespell's correction when the word is on its list (the
  misspelling rule), else the unknown-word rule's suggestions (symspellpy's
  lookup over our word counts);
- `lookup only`: the unknown-word suggestions alone;
- `--peers`: symspellpy's own lookup with its own dictionary (closest), and
  pyspellchecker where installed.
Also times the lookups and a document of 1,000 distinct unknown words.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint import lexicon  # noqa: E402

BIRKBECK = ROOT.parent / "shared" / "external" / "spelling" / "nonword-birkbeck.tsv"


def load() -> list[tuple[str, str]]:
    with BIRKBECK.open(encoding="utf-8", newline="") as handle:
        return [(r["misspelling"], r["correct"]) for r in csv.DictReader(handle, delimiter="\t")]


def essaylint_suggestions(word: str) -> list[str]:
    listed = lexicon.misspelling(word)
    if listed is not None:
        return list(listed.corrections)
    return lexicon.suggestions(word)


def measure(name: str, rows: list[tuple[str, str]], suggest) -> None:
    start = time.perf_counter()
    top1 = top3 = 0
    for wrong, right in rows:
        found = suggest(wrong)
        top1 += bool(found) and found[0] == right
        top3 += right in found[:3]
    ms = (time.perf_counter() - start) * 1000 / len(rows)
    print(f"{name:<28} top-1 {top1 / len(rows):.3f}  top-3 {top3 / len(rows):.3f}  {ms:.2f} ms per word")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers", action="store_true")
    args = parser.parse_args()
    rows = load()
    print(f"{len(rows)} misspellings (Birkbeck, via Norvig's test sets)")
    lexicon.suggestions("warmup")
    measure("essaylint", rows, essaylint_suggestions)
    lexicon._ranked_suggestions.cache_clear()
    measure("lookup only", rows, lexicon.suggestions)
    if args.peers:
        from importlib import resources

        from symspellpy import SymSpell, Verbosity

        own = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        own.load_dictionary(str(resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
        measure("symspellpy (its dictionary)", rows, lambda w: [s.term for s in own.lookup(w, Verbosity.CLOSEST, 2)])
        try:
            from spellchecker import SpellChecker
        except ImportError:
            print("pyspellchecker: not installed (pip install -e '.[bench]')")
        else:
            checker = SpellChecker()
            measure("pyspellchecker", rows, lambda w: [checker.correction(w) or ""])
    # 1,000 distinct unknown words: linear in their number, not 1,000 searches of 250,000 strings.
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(5, 11))) for _ in range(1000)}
    lexicon._ranked_suggestions.cache_clear()
    start = time.perf_counter()
    for word in words:
        lexicon.suggestions(word)
    print(f"{len(words)} distinct unknown words: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
