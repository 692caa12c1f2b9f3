"""The claim model: a logistic regression over word, shape and cue features whose weights ship as data.

Why a trained linear model: the lexicon rules found a third of the claims in
text labelled by others, because most claims carry no figure, listed verb or
superlative ("Anne Rice was born in the United States"). What they do carry is
spread over many weak signs (a past-tense verb, a name after the first word, a
date, no "I think", no "will", no question), which a linear model weighs
better than hand-written conjunctions, and whose weights an editor can still
read (`essaylint claims explain`-style listings come from `contributions`).

Inference is a dictionary lookup per feature and one exponential: no framework
is imported at run time. The weights are trained by `benchmarks/train_claims.py`
(scikit-learn, seeded) and stored in `lint/data/claims-model.json`.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.util import find_spec

from lint.lexicon import unigram_counts

FEATURES_VERSION = 9
MODEL_FILE = "claims-model.json"

# A number ends on a digit: "1979," is the year 1979 and a comma.
_TOKEN = re.compile(r"[$€£¥]?\d(?:[\d,.:/]*\d)?(?:%|s\b)?|[A-Za-z]+(?:['’][A-Za-z]+)*|[?!:;%]")
_YEAR = re.compile(r"(?:1[6-9]|20)\d\d(?:s)?")
_PAST_IRREGULAR = frozenset(
    "was were had did said made went got took came gave became began found built won lost led paid sold spent "
    "grew rose fell held kept left met ran saw told thought brought bought fought taught wrote chose drove "
    "flew knew threw broke spoke stole struck sent set put cut hit let shut quit cost".split()
)
_MODALS = frozenset("will would could should might may must can shall 'll ’ll".split())
_FIRST_PERSON = frozenset("i we me us my our ours myself ourselves".split())
_SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
_OPINION = frozenset("think believe feel hope wish want guess suppose".split())


# Closed word classes: few words, each decisive for mood and person ("will", "you", "should").
_CLOSED = {
    **dict.fromkeys("i we me us my our ours myself ourselves".split(), "P1"),
    **dict.fromkeys("you your yours yourself yourselves".split(), "P2"),
    **dict.fromkeys("he she it they him her them his its their theirs himself herself itself themselves".split(), "P3"),
    **dict.fromkeys("will would could should might may must can shall cannot 'll ’ll".split(), "MD"),
    **dict.fromkeys("a an the this that these those each every some any no all both another".split(), "DT"),
    **dict.fromkeys("is are am was were be been being 's ’s 're ’re 'm ’m".split(), "BE"),
    **dict.fromkeys("has have had having 've ’ve 'd ’d".split(), "HV"),
    **dict.fromkeys("do does did doing done".split(), "DO"),
    **dict.fromkeys("not n't n’t never".split(), "NEG"),
    **dict.fromkeys("and or but nor yet so".split(), "CC"),
    **dict.fromkeys("if unless whether although though because since while when once until".split(), "SC"),
    **dict.fromkeys("who whom whose which what where why how".split(), "WH"),
    **dict.fromkeys(
        "of in on at by for with to from into onto about over under between among through during after before "
        "against without within across along around behind beyond like than per via".split(),
        "IN",
    ),
}
_CLASS_LETTERS = {"noun": "N", "verb": "V", "adj": "J", "adv": "R"}
WORD_CLASSES_FORMAT = "word classes 1"


@cache
def word_classes() -> dict[str, str]:
    """Open-class word forms and the classes each can have ("signed": "D", "sign": "NV"), built once per machine.

    From lemminflect's lemma and inflection tables (MIT), read from the
    installed package: V is a verb's base form, D its past or participle,
    G its -ing form, Z its -s form; N, J and R nouns, adjectives, adverbs.
    An empty table (lemminflect missing) gives features without classes,
    which the model still scores, less well.
    """
    from lint.diskcache import files_key, load_or_build

    spec = find_spec("lemminflect")
    folder = os.path.join(os.path.dirname(spec.origin), "resources") if spec and spec.origin else ""
    tables = [os.path.join(folder, "lemma_lu.csv.gz"), os.path.join(folder, "infl_lu.csv.gz")]
    key = files_key(WORD_CLASSES_FORMAT, files=tables)
    return load_or_build(
        "word-classes",
        key,
        lambda: _build_word_classes(*tables),
        # The file is checksummed; its shape is checked on a sample (all 69,000 items cost 27 ms a start).
        lambda v: (
            isinstance(v, dict)
            and all(isinstance(k, str) and isinstance(c, str) for k, c in itertools.islice(v.items(), 200))
        ),
    )


def _rows(path: str) -> list[list[str]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.reader(io.StringIO(handle.read())))
    except OSError:
        return []


def _build_word_classes(lemmas: str, inflections: str) -> dict[str, str]:
    classes: dict[str, set[str]] = {}
    verb_forms: dict[str, str] = {}
    for row in _rows(inflections):
        if len(row) >= 6 and row[1] == "verb":
            past, participle, ing, third = row[2:6]
            for form, letter in ((past, "D"), (participle, "D"), (ing, "G"), (third, "Z")):
                for one in form.split("/"):
                    if one:
                        verb_forms[one.lower()] = letter
    for row in _rows(lemmas):
        if len(row) < 3 or row[1] not in _CLASS_LETTERS:
            continue
        form, upos, lemma = row[0].lower(), row[1], row[2].lower()
        letter = _CLASS_LETTERS[upos]
        if letter == "V" and form not in lemma.split("/"):
            letter = verb_forms.get(form, "D")
        classes.setdefault(form, set()).add(letter)
    for row in _rows(inflections):  # base forms, which the lemma table lists only when they are also inflections
        if len(row) >= 3 and row[1] in _CLASS_LETTERS:
            classes.setdefault(row[0].lower(), set()).add(_CLASS_LETTERS[row[1]])
    return {form: "".join(sorted(letters)) for form, letters in classes.items()}


def word_class(token: str, norm: str, index: int, table: dict[str, str]) -> str:
    """A token's class: closed class, number, capitalised name, or its open classes from the table."""
    closed = _CLOSED.get(norm)
    if closed:
        return closed
    if norm.startswith("<"):
        return "CD"
    if not token[0].isalpha():
        return "PU"
    found = table.get(norm)
    if index > 0 and token[0].isupper():
        return "NP" if found is None or "N" in found or "J" in found else "NP" + found
    return found or "UNK"


def _number_class(token: str) -> str:
    """Numbers by shape, so "1979", "40%" and "$200" generalise past the figures seen in training."""
    if token.endswith("%"):
        return "<pct>"
    if token[0] in "$€£¥":
        return "<money>"
    bare = token.rstrip("s")
    if _YEAR.fullmatch(token) and bare.isdigit():
        return "<decade>" if token.endswith("s") else "<year>"
    if ":" in token or "/" in token:
        return "<time>"
    return "<num>"


def _shape(token: str) -> str:
    if token[0].isdigit() or token[0] in "$€£¥":
        return "d"
    if token.isupper() and len(token) > 1:
        return "X"
    if token[0].isupper():
        return "Xx"
    return "x"


def _token_facts(token: str, later: bool) -> tuple[str, str, str, str | None, int, int, str, int | None]:
    """What one token gives the features, as the first token of a sentence or a later one.

    (lowered, word, shape feature, suffix feature, past, name, class, frequency
    feature): all of it depends on the token and that one fact alone, so it is
    worked out once per distinct token, not once per sentence.
    """
    first = token[0]
    index = 1 if later else 0
    suffix = None
    past = name = 0
    if first.isdigit() or first in "$€£¥":
        norm = word = _number_class(token)
    elif first.isalpha():
        norm = word = token.lower()
        if later and first.isupper() and norm != "i":
            # Names by their shape, not their spelling: the names of the training
            # speech ("United States" said in every debate answer) would otherwise
            # count against "Anne Rice was born in the United States".
            word = "<name>"
            name = 1
        else:
            if norm in _PAST_IRREGULAR or (norm.endswith("ed") and len(norm) > 4):
                past = 1
            if len(norm) > 4:
                suffix = "suf:" + norm[-3:]
    else:
        norm = word = token
    band = None
    if word[0].isalpha() and len(word) > 2 and word not in _CLOSED:
        band = min(int(math.log10(max(unigram_counts().get(word, 0), 1))), 10)
    return norm, word, "sh:" + _shape(token), suffix, past, name, word_class(token, norm, index, word_classes()), band


_FACTS: dict[tuple[str, bool], tuple[str, str, str, str | None, int, int, str, int | None]] = {}
_FACTS_KEPT = 30_000  # distinct tokens; a few MB
_FREQ = [f"freq:{band}" for band in range(11)]


def features(sentence: str, cues: dict[str, list[str]]) -> list[str]:
    """The sentence's feature names; `cues` are the lexicon signals (entity, figure, ...) that were found.

    Features are names, not positions, so one sentence gives each feature
    once (binary presence), which is what the model was trained on.
    """
    raw = _TOKEN.findall(sentence)
    if len(_FACTS) > _FACTS_KEPT:
        _FACTS.clear()
    words: list[str] = []
    tags: list[str] = []
    feats: set[str] = set()
    caps_mid = past = rare = 0
    later = False
    for token in raw:
        fact = _FACTS.get((token, later))
        if fact is None:
            fact = _FACTS[(token, later)] = _token_facts(token, later)
        later = True
        _norm, word, shape, suffix, is_past, is_name, tag, band = fact
        words.append(word)
        tags.append(tag)
        feats.add(shape)
        if suffix is not None:
            feats.add(suffix)
        if band is not None:
            feats.add(_FREQ[band])
            rare += band < 6
        caps_mid += is_name
        past += is_past
    feats.update(["t:" + t for t in tags])
    padded_tags = ["<s>", *tags]
    feats.update([f"tb:{a} {b}" for a, b in zip(padded_tags, tags, strict=False)])  # pairs, from "<s>"
    if tags:
        feats.add("tf:" + " ".join(tags[:2]))
    feats.update(["w:" + w for w in words])
    feats.add(f"rare:{min(rare, 4)}")
    padded = ["<s>", *words]
    feats.update([f"b:{a} {b}" for a, b in zip(padded, words, strict=False)])
    if words:
        feats.add("first:" + words[0])
        feats.add("last:" + words[-1])
    present = set(words)
    count = len([w for w in words if w[0].isalpha()])
    feats.add(f"len:{min(count // 4, 8)}")
    feats.add(f"caps:{min(caps_mid, 4)}")
    feats.add(f"past:{min(past, 3)}")
    if not present.isdisjoint(_MODALS):
        feats.add("modal")
    if not present.isdisjoint(_FIRST_PERSON):
        feats.add("person:1")
    if not present.isdisjoint(_SECOND_PERSON):
        feats.add("person:2")
    if not present.isdisjoint(_OPINION):
        feats.add("opinion-verb")
    if sentence.rstrip().endswith("?"):
        feats.add("question")
    kinds = sorted(k for k, v in cues.items() if v)
    feats.update("cue:" + k for k in kinds)
    feats.update(f"cue:{a}+{b}" for i, a in enumerate(kinds) for b in kinds[i + 1 :])
    if not kinds:
        feats.add("cue:none")
    return list(feats)


@dataclass(frozen=True)
class ClaimModel:
    """Weights by feature name and a bias; `threshold` is the probability chosen on the development split."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict

    def logit(self, feats: list[str]) -> float:
        return self.bias + sum(map(self.weights.get, feats, itertools.repeat(0.0)))

    def probability(self, feats: list[str]) -> float:
        z = self.logit(feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def contributions(self, feats: list[str], top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed the score up most: what a finding names as its evidence."""
        scored = [(f, self.weights[f]) for f in feats if self.weights.get(f, 0.0) > 0]
        return sorted(scored, key=lambda fw: (-fw[1], fw[0]))[:top]

    def to_json(self) -> str:
        return json.dumps(
            {
                "features_version": FEATURES_VERSION,
                "bias": self.bias,
                "threshold": self.threshold,
                "meta": self.meta,
                "weights": dict(sorted(self.weights.items())),
            },
            ensure_ascii=False,
            separators=(",", ":"),
            indent=0,
        )

    @classmethod
    def from_json(cls, text: str) -> ClaimModel:
        data = json.loads(text)
        if data.get("features_version") != FEATURES_VERSION:
            raise ValueError(
                f"claim model was trained on features version {data.get('features_version')}, "
                f"this essaylint computes version {FEATURES_VERSION}: run benchmarks/train_claims.py"
            )
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["threshold"]),
            dict(data.get("meta", {})),
        )


@cache
def shipped_model() -> ClaimModel:
    """The model in the installed package, read once per process."""
    text = resources.files("lint.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return ClaimModel.from_json(text)
