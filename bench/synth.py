"""Synthetic but realistic instruments for the benchmark, beside the real vocabularies and records.

A copy of ``data/`` gets an ``instruments.yaml`` with N instruments; every other data file (profiles,
learning goals, leadership themes, vocabularies, sources, trajectories) is the real one. The fields of
the synthetic instruments follow the real instruments when ``data/instruments.yaml`` holds enough of
them (how many values each relation has, how often each value occurs, how long each text is), and
plausible distributions over the vocabularies otherwise. Text is Dutch, made of the words of the real
data. Everything is seeded: a size always gives the same data.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Instrument field -> the collection its ids come from.
RELATIONS = {
    "programmes": "programmes", "sectors": "sectors", "target_groups": "target_groups", "levels": "levels",
    "aims": "aims", "purposes": "purposes", "forms": "forms", "themes": "themes", "roles": "roles",
    "competencies": "competencies", "learning_goals": "learning_goals", "leadership_themes": "leadership_themes",
}
TEXTS = ("title", "helps", "summary", "description", "findings", "case_study")
MIN_REAL = 10  # fewer real instruments than this give no usable distribution

# Plausible defaults: list lengths to draw from, and text lengths (0 = empty) to draw from.
DEFAULT_COUNTS = {
    "programmes": (1, 1, 1, 1, 1, 1, 1, 1, 1, 2), "sectors": (1, 1, 2, 2, 2, 3, 4), "target_groups": (1, 1, 1, 2),
    "levels": (1, 1, 1, 2, 2, 3), "aims": (1, 1, 1, 2), "purposes": (1, 1, 2, 2, 3), "forms": (1,),
    "themes": (1, 1, 2, 2, 3), "roles": (1, 1, 2, 2, 3, 4), "competencies": (0, 0, 0, 1, 2, 3),
    "learning_goals": (0, 0, 1, 1, 2, 3), "leadership_themes": (0, 0, 0, 1, 1, 2),
}
DEFAULT_LENGTHS = {
    "title": (18, 25, 32, 40, 46, 55, 64, 80), "helps": (55, 70, 85, 100, 120, 140),
    "summary": (80, 110, 140, 170, 200, 240), "description": (0, 250, 400, 550, 700, 900, 1100, 1400),
    "findings": (0, 0, 0, 0, 150, 250, 400, 600), "case_study": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 500, 900),
}
PROGRAMMES = (("versnellingsplan", "Versnellingsplan Onderwijsinnovatie met ICT", "VP", "2019-2022"),
              ("doorpakken-op-digitalisering", "Doorpakken op Digitalisering", "DP", "2020-2023"),
              ("digitaal-bekwaam", "Digitaal Bekwaam", "DB", "2021-2024"))


@dataclass(frozen=True)
class Shape:
    """The distributions synthetic instruments are drawn from."""

    counts: dict[str, tuple[int, ...]]
    weights: dict[str, dict[str, float]]
    lengths: dict[str, tuple[int, ...]]
    types: dict[str, float]
    links: tuple[int, ...]
    related: tuple[int, ...]
    origin: str
    # Citations, notes and editorial lists of real instruments, to give synthetic ones alike.
    annotations: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Synthesis:
    n: int
    data: Path
    bytes: int
    origin: str


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) if path.exists() else None


def vocabularies(data: Path) -> dict[str, list[str]]:
    """The ids of every collection in the data folder, in file order."""
    ids: dict[str, list[str]] = {}
    for path in sorted(data.glob("*.yaml")):
        for collection, items in (read_yaml(path) or {}).items():
            ids[collection] = [item["id"] for item in items or () if isinstance(item, dict) and "id" in item]
    return ids


def _zipf(ids: list[str], s: float = 0.7) -> dict[str, float]:
    return {rid: 1 / (rank + 1) ** s for rank, rid in enumerate(ids)}


def shape(real: list[dict[str, Any]], vocab: dict[str, list[str]]) -> Shape:
    """The distributions of ``real`` instruments, or plausible ones when there are too few."""
    if len(real) < MIN_REAL:
        return Shape(
            counts=dict(DEFAULT_COUNTS),
            weights={f: _zipf(vocab.get(c, [])) for f, c in RELATIONS.items()},
            lengths=dict(DEFAULT_LENGTHS), types=_zipf(vocab.get("instrument_types", []), 0.5),
            links=(0, 1, 1, 1, 1, 1, 1, 1, 2, 2), related=(0, 0, 0, 0, 0, 0, 1, 1, 2, 3),
            origin=f"plausibele verdelingen ({len(real)} echte instrumenten, minder dan {MIN_REAL})")
    weights = {}
    for f, collection in RELATIONS.items():
        seen = Counter(v for item in real for v in item.get(f) or ())
        weights[f] = {rid: seen[rid] + 0.5 for rid in vocab.get(collection, [])}  # every value can occur
    types = Counter(item.get("type") or "" for item in real)
    return Shape(
        counts={f: tuple(len(item.get(f) or ()) for item in real) for f in RELATIONS},
        weights=weights,
        lengths={f: tuple(len(str(item.get(f) or "")) for item in real) for f in TEXTS},
        types={rid: types[rid] + 0.5 for rid in vocab.get("instrument_types", [])},
        links=tuple(len(item.get("links") or ()) for item in real),
        related=tuple(len(item.get("related") or ()) for item in real),
        origin=f"verdelingen van {len(real)} echte instrumenten in data/instruments.yaml",
        annotations=tuple({k: item[k] for k in ("cite", "notes", "editorial") if item.get(k)} for item in real))


# --- text --------------------------------------------------------------------------


def words_of(data: Path) -> list[str]:
    """Dutch words from the prose of the real data (summaries, descriptions, notes)."""
    found: list[str] = []
    for path in sorted(data.glob("*.yaml")):
        for value in _prose(read_yaml(path)):
            found += re.findall(r"[a-zà-ÿ]{3,}", value.lower())
    return found or ["onderwijs", "ict", "docenten", "leren", "instrument", "samen", "team", "school"]


def _prose(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("summary", "description", "text", "aim", "helps", "focus") and isinstance(value, str):
                yield value
            else:
                yield from _prose(value)
    elif isinstance(node, list):
        for item in node:
            yield from _prose(item)


class Writer:
    """Sentences of real Dutch words, cut to a requested length."""

    def __init__(self, rng: random.Random, words: list[str]) -> None:
        self.rng, self.words = rng, words

    def sentence(self, low: int = 6, high: int = 18) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def text(self, length: int) -> str:
        out = ""
        while len(out) < length:
            out += (" " if out else "") + self.sentence()
        return out[: max(length, 12)].rsplit(" ", 1)[0].rstrip(",.;:") + "."

    def title(self, length: int) -> str:
        return self.text(max(length, 12)).rstrip(".")

    def prose(self, length: int, number: int) -> str:
        """Paragraphs with the Markdown editors use: emphasis, a link, now and then a list."""
        paragraphs, total = [], 0
        while total < length:
            sentences = [self.sentence() for _ in range(self.rng.randint(2, 4))]
            if self.rng.random() < 0.3:
                words = sentences[0].split(" ")
                words[1] = f"*{words[1]}*"
                sentences[0] = " ".join(words)
            paragraphs.append(" ".join(sentences))
            total += len(paragraphs[-1])
        if self.rng.random() < 0.2:
            paragraphs.append(f"Zie ook [de toelichting](https://www.voorbeeld.nl/instrumenten/{number}/uitleg).")
        if self.rng.random() < 0.15:
            paragraphs.append("\n".join(f"- {self.sentence(3, 7)}" for _ in range(3)))
        return "\n\n".join(paragraphs)


# --- instruments ---------------------------------------------------------------------


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:48].strip("-")


def _pick(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    chosen: dict[str, None] = {}
    ids, w = list(weights), list(weights.values())
    while ids and len(chosen) < min(k, len(ids)):
        chosen[rng.choices(ids, w)[0]] = None
    return sorted(chosen, key=ids.index)


def instruments(n: int, sh: Shape, vocab: dict[str, list[str]], words: list[str], seed: int) -> list[dict[str, Any]]:
    """``n`` instruments as plain data, in the order the YAML file lists them."""
    rng = random.Random(seed * 100_003 + n)
    w = Writer(rng, words)
    source = "impactanalyse-npuls" if "impactanalyse-npuls" in vocab.get("sources", []) else vocab["sources"][0]
    out: list[dict[str, Any]] = []
    for number in range(1, n + 1):
        lengths = {f: rng.choice(sh.lengths[f]) for f in TEXTS}
        title = w.title(lengths["title"] or 40)
        item: dict[str, Any] = {"id": f"{slug(title)}-{number}", "title": title,
                                "helps": w.text(lengths["helps"] or 80)}
        if lengths["summary"]:
            item["summary"] = w.text(lengths["summary"])
        if lengths["description"]:
            item["description"] = w.prose(lengths["description"], number)
        if sh.types:
            item["type"] = _pick(rng, sh.types, 1)[0]
        links = rng.choice(sh.links)
        item["links"] = [{"url": f"https://www.voorbeeld.nl/instrumenten/{number}" + (f"/deel-{i}" if i else ""),
                          "label": "Naar het instrument" if not i else f"Deel {i + 1}"} for i in range(links)]
        for f in RELATIONS:
            values = _pick(rng, sh.weights[f], rng.choice(sh.counts[f]))
            if values:
                item[f] = values
        related = rng.choice(sh.related)
        if related and out:
            item["related"] = sorted({rng.choice(out)["id"] for _ in range(related)})
        for f in ("findings", "case_study"):
            if lengths[f]:
                item[f] = w.text(lengths[f])
        item["cite"] = [{"document": source, "section": "Bijlage 4 Instrumentarium, Overzicht instrumenten",
                         "page": str(rng.randint(40, 120))}]
        if sh.annotations:  # a real instrument's citations, notes and editorial choices
            item.update(rng.choice(sh.annotations))
        else:
            if rng.random() < 0.05:
                item["notes"] = [{"kind": "gap", "field": "findings", "text": w.text(120)}]
            if rng.random() < 0.1 and "purposes" in item:
                item["editorial"] = ["purposes"]
        out.append(item)
    return out


# --- YAML as editors write it ----------------------------------------------------------


_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
_RESOLVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}  # plain, these are not text


def _scalar(value: Any) -> str:
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value not in _RESOLVED:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _block(key: str, value: Any, indent: str) -> Iterable[str]:
    if isinstance(value, str) and "\n" in value:
        yield f"{indent}{key}: |"
        yield from (f"{indent}  {line}" if line else "" for line in value.split("\n"))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        yield f"{indent}{key}:"
        for part in value:
            first = True
            for k, v in part.items():
                yield f"{indent}{'- ' if first else '  '}{k}: {_scalar(v)}"
                first = False
    elif isinstance(value, list):  # one item a line, as in the real files
        yield f"{indent}{key}:"
        yield from (f"{indent}- {_scalar(v)}" for v in value)
    else:
        yield f"{indent}{key}: {_scalar(value)}"


def dump(collection: str, records: list[dict[str, Any]], comment: str) -> str:
    lines = [f"# yaml-language-server: $schema=schema/{collection}.schema.json", f"# {comment}", f"{collection}:"]
    for record in records:
        first = True
        for key, value in record.items():
            for line in _block(key, value, "  "):
                lines.append(("- " + line[2:]) if first else line)
                first = False
    return "\n".join(lines) + "\n"


def _programmes(vocab: dict[str, list[str]]) -> list[dict[str, Any]]:
    source = "impactanalyse-npuls" if "impactanalyse-npuls" in vocab.get("sources", []) else vocab["sources"][0]
    return [{"id": rid, "title": title, "abbreviation": abbr, "period": period,
             "summary": f"Landelijk programma ({abbr}), synthetisch voor de benchmark.",
             "cite": [{"document": source, "section": "2 Programma's"}]} for rid, title, abbr, period in PROGRAMMES]


def make_data(source: Path, target: Path, n: int, seed: int = 7) -> Synthesis:
    """Copy ``source`` to ``target`` (which must not exist) with ``n`` synthetic instruments."""
    shutil.copytree(source, target)
    real = (read_yaml(source / "instruments.yaml") or {}).get("instruments") or []
    if not (target / "programmes.yaml").exists():
        vocab = vocabularies(target)
        (target / "programmes.yaml").write_text(
            dump("programmes", _programmes(vocab), "Synthetic programmes (data/ has none yet)."), encoding="utf-8")
    vocab = vocabularies(target)
    sh = shape([r for r in real if isinstance(r, dict)], vocab)
    records = instruments(n, sh, vocab, words_of(source), seed)
    text = dump("instruments", records, f"{n} synthetic instruments for the benchmark ({sh.origin}).")
    (target / "instruments.yaml").write_text(text, encoding="utf-8")
    _questions_without_real_instruments(target)
    _point_at(target, records[0]["id"] if records else "")
    return Synthesis(n, target, len(text.encode()), sh.origin)


def _questions_without_real_instruments(target: Path) -> None:
    """The readers' questions keep everything but their links to the real instruments, which are gone."""
    questions = (read_yaml(target / "questions.yaml") or {}).get("questions") or []
    if questions:
        for q in questions:
            q.pop("instruments", None)
        (target / "questions.yaml").write_text(dump("questions", questions, "Questions without instruments."),
                                               encoding="utf-8")


def _point_at(target: Path, rid: str) -> None:
    """Let the real records that name real instruments (practice examples, experiences) name a synthetic one."""
    for name in ("examples.yaml", "experiences.yaml"):
        path = target / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if rid:
                text = re.sub(r"(?m)^(\s+instruments: )\[[^\]\n]*\]$", rf"\g<1>[{rid}]", text)
            path.write_text(text, encoding="utf-8")


def make_project(target: Path, n: int | None, *, git: bool = True, seed: int = 7) -> Synthesis:
    """A buildable copy of the project (real mkdocs.yml and content/) with synthetic data (the real data if n is None).

    With ``git`` the copy is a repository with the data committed, as in CI, so the
    build's "laatst gewijzigd" dates (git blame per data file) cost what they cost there.
    """
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    if n is None:
        shutil.copytree(ROOT / "data", target / "data")
        made = Synthesis(0, target / "data", 0, "echte gegevens")
    else:
        made = make_data(ROOT / "data", target / "data", n, seed)
    if git:
        env = ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]
        for args in (["init", "-q"], ["add", "-A"], [*env, "commit", "-q", "-m", "benchmark data"]):
            subprocess.run(["git", "-C", str(target), *args], check=True, capture_output=True)
    return made
