"""Record kinds, the relation registry and the JSON Schemas derived from the model.

A kind names a collection (the top-level key in a data file), the data file it
lives in, the dataclass of its records and where its pages go. Relations are
read from the :func:`generator.data.model.ref` declarations, so the registry can
never disagree with the model.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from generator.data import model
from generator.data.model import Record

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# An id is a file name in every page path (instrumenten/<id>.md, instrumenten/<id>/index.html): 80 characters
# stay far below the 255 bytes a file name may have, with room for what is put around it.
MAX_ID_LENGTH = 80
SCHEMA_DIR = "schema"


@dataclass(slots=True, frozen=True)
class Kind:
    """A kind of record and where it lives."""

    name: str
    cls: type[Record]
    collection: str
    file: str
    url_dir: str
    singular: str
    plural: str
    template: str = ""
    intro: str = ""

    @property
    def template_name(self) -> str:
        return f"{self.template or self.name}.md.j2"


def _term(name: str, collection: str, url_dir: str, singular: str, plural: str, intro: str) -> Kind:
    return Kind(name, model.Term, collection, "contexts.yaml", url_dir, singular, plural, "term", intro)


KINDS: tuple[Kind, ...] = (
    Kind("instrument", model.Instrument, "instruments", "instruments.yaml", "instrumenten",
         "Instrument", "Instrumenten",
         intro="Toolkits, placemats, publicaties en proeftuinen uit de landelijke programma's."),
    Kind("programme", model.Programme, "programmes", "programmes.yaml", "programmas",
         "Programma", "Programma's", intro="De landelijke programma's waarin de instrumenten zijn ontwikkeld."),
    Kind("profile", model.Profile, "profiles", "competencies.yaml", "profielen",
         "Competentieprofiel", "Competentieprofielen", intro="Wat iemand in een rol moet kennen en kunnen."),
    Kind("competence_area", model.CompetenceArea, "competence_areas", "competencies.yaml", "competentiegebieden",
         "Competentiegebied", "Competentiegebieden", intro="De domeinen waarin de profielen zijn ingedeeld."),
    Kind("competency", model.Competency, "competencies", "competencies.yaml", "competenties",
         "Competentie", "Competenties", intro="Afzonderlijke competenties binnen een competentiegebied."),
    Kind("learning_goal", model.LearningGoal, "learning_goals", "competencies.yaml", "leerdoelen",
         "Leerdoel", "Leerdoelen", intro="De genummerde leerdoelen, elk bij zijn competentiegebied."),
    Kind("leadership_theme", model.LeadershipTheme, "leadership_themes", "competencies.yaml",
         "leiderschapsthemas", "Leiderschapsthema", "Leiderschapsthema's",
         intro="De kernthema's van het traject voor leidinggevenden, met hun vragen en subthema's."),
    Kind("subtheme", model.Subtheme, "subthemes", "competencies.yaml", "subthemas",
         "Subthema", "Subthema's", intro="Onderwerpen voor verdieping binnen de leiderschapsthema's."),
    Kind("trajectory", model.Trajectory, "trajectories", "trajectories.yaml", "trajecten",
         "Professionaliseringstraject", "Professionaliseringstrajecten",
         intro="Hoe de trajecten waren opgezet en wat ze opleverden."),
    Kind("example", model.Example, "examples", "examples.yaml", "voorbeelden",
         "Praktijkvoorbeeld", "Praktijkvoorbeelden", intro="Scholen en cases uit de onderzoekswerkplaatsen."),
    Kind("concept", model.Concept, "concepts", "examples.yaml", "organisatie",
         "Organisatiemodel", "Organisatiemodellen",
         intro="Coördinatiemodellen, processen en rollen bij het organiseren van gepersonaliseerd leren."),
    Kind("question", model.Question, "questions", "questions.yaml", "vragen", "Vraag", "Vragen",
         intro="Vragen zoals lezers ze stellen, elk met een kort antwoord uit de bronnen en waar je begint."),
    Kind("experience", model.Experience, "experiences", "experiences.yaml", "ervaringen", "Ervaring", "Ervaringen",
         intro="Wat bekend is over het gebruik van instrumenten: wie, waar, wat werkte en wat niet."),
    Kind("glossary_entry", model.GlossaryEntry, "glossary", "glossary.yaml", "begrippen", "Begrip", "Begrippen",
         intro="Woorden uit de bronnen die je op deze site tegenkomt, in gewone taal uitgelegd."),
    Kind("source", model.SourceDoc, "sources", "sources.yaml", "bronnen", "Bron", "Bronnen",
         intro="De brondocumenten en de literatuur waarnaar ze verwijzen."),
    _term("role", "roles", "rollen", "Rol", "Rollen", "Wie ben je? Kies je rol."),
    _term("sector", "sectors", "sectoren", "Sector", "Sectoren", "Waar werk je? Kies je onderwijssector."),
    _term("purpose", "purposes", "doelen", "Doel", "Doelen", "Wat wil je bereiken?"),
    _term("theme", "themes", "themas", "Thema", "Thema's", "Inhoudelijke thema's van instrumenten en voorbeelden."),
    _term("target_group", "target_groups", "doelgroepen", "Doelgroep", "Doelgroepen",
          "Voor wie een instrument bedoeld is, zoals de impactanalyse het indeelt."),
    _term("level", "levels", "niveaus", "Niveau", "Niveaus", "Op welk niveau een instrument werkt."),
    _term("aim", "aims", "doelstellingen", "Doelstelling", "Doelstellingen",
          "Informeren, ondersteunen of activeren."),
    _term("form", "forms", "vormen", "Vorm", "Vormen", "In welke vorm een instrument er is."),
    _term("instrument_type", "instrument_types", "soorten", "Soort instrument", "Soorten instrumenten",
          "Publicatie, product, project en andere soorten."),
)

KIND_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
KIND_BY_COLLECTION: dict[str, Kind] = {k.collection: k for k in KINDS}
DATA_FILES: tuple[str, ...] = tuple(dict.fromkeys(k.file for k in KINDS))


@dataclass(slots=True, frozen=True)
class Relation:
    """A field of one kind that points at records of another, with both Dutch labels."""

    from_kind: str
    field: str
    to_kind: str
    label: str
    back: str
    many: bool

    @property
    def key(self) -> str:
        return f"{self.from_kind}.{self.field}"


def _relations() -> tuple[Relation, ...]:
    found = []
    for kind in KINDS:
        for f in dataclasses.fields(kind.cls):
            meta = f.metadata
            if "ref" in meta:
                found.append(Relation(kind.name, f.name, meta["ref"], meta["label"], meta["back"], meta["many"]))
    return tuple(found)


RELATIONS: tuple[Relation, ...] = _relations()
RELATIONS_FROM: dict[str, tuple[Relation, ...]] = {
    k.name: tuple(r for r in RELATIONS if r.from_kind == k.name) for k in KINDS
}
RELATIONS_TO: dict[str, tuple[Relation, ...]] = {
    k.name: tuple(r for r in RELATIONS if r.to_kind == k.name) for k in KINDS
}


# --- JSON Schema -------------------------------------------------------------


_EDITOR_FIELDS: dict[type[Any], tuple[dataclasses.Field[Any], ...]] = {}


def editor_fields(cls: type[Any]) -> tuple[dataclasses.Field[Any], ...]:
    """The fields an editor writes (not the ones the loader sets); asked for every record, so kept per class."""
    fields = _EDITOR_FIELDS.get(cls)
    if fields is None:
        fields = _EDITOR_FIELDS[cls] = tuple(f for f in dataclasses.fields(cls) if not f.metadata.get("internal"))
    return fields


def _type_schema(tp: Any, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is str:
        if "ref" in meta:
            return {"type": "string", "pattern": ID_PATTERN}
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is bool:
        return {"type": "boolean"}
    if origin is Literal:
        return {"type": "string", "enum": list(get_args(tp))}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(get_args(tp)[0], meta)}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(a, meta) for a in get_args(tp)]}
    if dataclasses.is_dataclass(tp):
        return object_schema(typing.cast(type[Any], tp))
    raise TypeError(f"no JSON Schema for {tp!r}")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved type hints of a model class (cached: the model never changes at run time)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def object_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of one dataclass, with Dutch descriptions."""
    hints = _hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in editor_fields(cls):
        prop = _type_schema(hints[f.name], f.metadata)
        doc = f.metadata.get("doc", "")
        if doc:
            prop["description"] = doc
        props[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    if "id" in props:
        props["id"]["pattern"] = ID_PATTERN
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def file_schema(file: str) -> dict[str, Any]:
    """The JSON Schema of one data file: a mapping from collections to lists of records."""
    props = {
        k.collection: {"type": "array", "description": f"{k.plural}: {k.intro}", "items": object_schema(k.cls)}
        for k in KINDS
        if k.file == file
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_DIR}/{file.removesuffix('.yaml')}.schema.json",
        "title": f"Kennisbank onderwijsinnovatie met ict: {file}",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }


def schema_path(data_dir: Path, file: str) -> Path:
    return data_dir / SCHEMA_DIR / f"{file.removesuffix('.yaml')}.schema.json"


def schema_text(file: str) -> str:
    return json.dumps(file_schema(file), ensure_ascii=False, indent=2) + "\n"


def write_schemas(data_dir: Path) -> list[Path]:
    """Write every data file's JSON Schema into ``data_dir/schema``."""
    written = []
    for file in DATA_FILES:
        path = schema_path(data_dir, file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(file), encoding="utf-8")
        written.append(path)
    return written
