"""`kennisbank new`: a valid record appended to the right file, every other byte of the file kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.data import core, schema
from generator.adapters.cli import cli

from .conftest import run_cli
from .fixture_data import fixture_data

COMMENTED = """\
# yaml-language-server: $schema=schema/instruments.schema.json
# Instruments, kept in the order of the source.   (odd  spacing stays)
instruments:
  # --- first group ---
  - id: toolkit-blended-leren   # the first one
    title: 'Toolkit blended leren'
    helps: "Je ontwerpt samen met je team een blended cursus."
    sectors: [ mbo ]
    roles:
    - leraar
    summary: >-
      Een *toolkit* met werkvormen,
      over twee regels.
    cite: [{document: impactanalyse, section: Bijlage 4}]

  - id: placemat-leiderschap
    title: Placemat leiderschap
    helps: Je bespreekt met je team wat leiderschap bij ict vraagt.
    cite:
      - document: impactanalyse
        section: Bijlage 4
    description: |
      Eerste alinea.

      #geen-commentaar maar tekst, de laatste regel van het record


  # A closing remark about the list, which stays below it.

# And one at the very end, without a final newline."""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return fixture_data(tmp_path / "data")


def new(data: Path, kind: str, *sets: str) -> tuple[int, str, str]:
    result = run_cli("new", kind, "--data", str(data), "--yes", *[f"--set={s}" for s in sets])
    return result.code, result.out, result.err


def added_lines(before: str, after: str) -> tuple[int, str]:
    """Where ``after`` differs from ``before`` by inserted whole lines: the first line (1-based) and the text."""
    old, new_ = before.splitlines(keepends=True), after.splitlines(keepends=True)
    start = next((i for i, (a, b) in enumerate(zip(old, new_, strict=False)) if a != b), len(old))
    inserted = new_[start: start + len(new_) - len(old)]
    assert new_[:start] + new_[start + len(inserted):] == old, "lines outside the new record changed"
    return start + 1, "".join(inserted)


def test_a_file_with_comments_keeps_every_byte_except_the_added_record(data: Path) -> None:
    path = data / "instruments.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    code, out, err = new(data, "instrument", "title=Toolkit: formatief toetsen", "helps=Je toetst formatief.",
                         "sectors=mbo, po", "roles=leraar", "cite.document=impactanalyse", "cite.section=3.1",
                         "cite.page=12")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    first, inserted = added_lines(COMMENTED, after)
    assert first == 26  # right after the last record's last line, before the closing comments
    assert inserted == (
        "  - id: toolkit-formatief-toetsen\n"
        "    title: 'Toolkit: formatief toetsen'\n"
        "    helps: Je toetst formatief.\n"
        "    sectors: [mbo, po]\n"
        "    roles: [leraar]\n"
        "    cite:\n"
        "      - document: impactanalyse\n"
        "        section: '3.1'\n"
        "        page: '12'\n"
    )
    assert "regels 26-34" in out and "toolkit-formatief-toetsen" in out
    assert run_cli("validate", "--data", str(data)).code == 0


def test_a_new_record_writes_its_lists_as_indented_as_the_record_above_it(data: Path) -> None:
    path = data / "instruments.yaml"
    compact = COMMENTED.replace("    cite:\n      - document: impactanalyse\n        section: Bijlage 4\n",
                                "    cite:\n    - document: impactanalyse\n      section: Bijlage 4\n")
    path.write_text(compact, encoding="utf-8")
    code, _, err = new(data, "instrument", "title=Toolkit toetsen", "helps=Je toetst.", "cite.document=impactanalyse",
                       "cite.section=3.1")
    assert code == 0, err
    _, inserted = added_lines(compact, path.read_text(encoding="utf-8"))
    assert "    cite:\n    - document: impactanalyse\n      section: '3.1'\n" in inserted


def test_a_file_with_windows_line_ends_keeps_them_and_every_other_byte(data: Path) -> None:
    path = data / "instruments.yaml"
    before = COMMENTED.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(before)
    code, _, err = new(data, "instrument", "title=Toolwiel", "helps=Je kiest een tool.", "cite.document=impactanalyse",
                       "cite.section=3.1")
    assert code == 0, err
    after = path.read_bytes()
    first, inserted = added_lines(before.decode("utf-8"), after.decode("utf-8"))
    assert first == 26 and inserted.count("\r\n") == inserted.count("\n") == 6
    assert run_cli("validate", "--data", str(data)).code == 0


def test_a_record_goes_into_its_own_list_in_a_file_with_several(data: Path) -> None:
    path = data / "contexts.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = new(data, "role", "title=Mediacoach", "synonyms=mediacoach", "synonyms=i-coach, mediawijs",
                       "cite.document=impactanalyse", "cite.section=3.2")
    assert code == 0, err
    first, inserted = added_lines(before, path.read_text(encoding="utf-8"))
    assert before.splitlines()[first - 1] == "sectors:"
    assert inserted.startswith("  - id: mediacoach\n    title: Mediacoach\n")
    assert "    synonyms: [mediacoach, 'i-coach, mediawijs']\n" in inserted  # commas split ids only
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None and kb.get("role", "mediacoach").synonyms == ("mediacoach", "i-coach, mediawijs")


@pytest.mark.parametrize("kind", [k.name for k in schema.KINDS])
def test_every_kind_can_be_scaffolded(data: Path, kind: str) -> None:
    extra = {"competence_area": ["profile=leidinggevende"], "competency": ["area=visie"],
             "learning_goal": ["number=7", "area=visie"], "concept": ["category=proces"],
             "instrument": ["helps=Je leert iets."], "question": ["answer=Een kort antwoord."],
             "experience": ["instruments=toolkit-blended-leren"],
             "glossary_entry": ["explanation=Een korte uitleg."]}.get(kind, [])
    code, _, err = new(data, kind, "title=Nieuw gegeven", *extra, "cite.document=handleiding", "cite.section=1")
    assert code == 0, err
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None
    assert kb.get(kind, "nieuw-gegeven").title == "Nieuw gegeven"


def test_the_proposed_id_is_unique_and_text_that_yaml_1_1_reads_otherwise_stays_text(data: Path) -> None:
    code, out, err = new(data, "instrument", "title=Toolkit blended leren", "helps=yes",
                         "cite.document=impactanalyse", "cite.section=2020-01-01")
    assert code == 0, err
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None
    record = kb.get("instrument", "toolkit-blended-leren-2")
    assert (record.helps, record.cite[0].section) == ("yes", "2020-01-01")  # type: ignore[attr-defined]
    # The title's own id was taken: maybe the record is there already, and the editor is told so.
    assert "'toolkit-blended-leren' bestaat al" in err and "'toolkit-blended-leren-2'" in err


def test_a_missing_file_is_created_with_its_schema_line(data: Path) -> None:
    (data / "programmes.yaml").unlink()
    (data / "instruments.yaml").write_text(
        (data / "instruments.yaml").read_text(encoding="utf-8").replace("    programmes: [versnellingsplan]\n", ""),
        encoding="utf-8")
    code, _, err = new(data, "programme", "title=Doorpakken op digitalisering", "cite.document=impactanalyse",
                       "cite.section=2")
    assert code == 0, err
    assert (data / "programmes.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema/programmes.schema.json\n"
        "programmes:\n"
        "  - id: doorpakken-op-digitalisering\n"
        "    title: Doorpakken op digitalisering\n"
        "    cite:\n"
        "      - document: impactanalyse\n"
        "        section: '2'\n"
    )


def test_a_record_the_validator_refuses_is_not_written(data: Path) -> None:
    path = data / "instruments.yaml"
    before = path.read_bytes()
    code, _, err = new(data, "instrument", "title=X", "helps=<b>vet</b>", "sectors=hbx",
                       "cite.document=impactanalyze", "cite.section=1")
    assert code == 1
    assert path.read_bytes() == before
    lines = err.splitlines()
    assert [line.rsplit("[", 1)[-1] for line in lines[:-1]] == ["raw-html]", "unknown-reference]",
                                                               "unknown-reference]"]
    assert "Bedoel je 'impactanalyse'?" in lines[2]
    assert lines[0].startswith(f"{core.display_name(path)}:")
    assert "niet toegevoegd" in lines[-1] and "niets gewijzigd" in lines[-1]


def test_with_yes_every_missing_required_field_is_named(data: Path) -> None:
    code, _, err = new(data, "learning_goal", "title=Een leerdoel")
    assert code == 2
    assert "er ontbreken: number, area, cite.document, cite.section." in err


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "instrumnt"], "'instrumnt' is geen soort record. Bedoel je 'instrument'?"),
    (["new", "instrument", "--set", "titel=x"], "'titel' is geen veld van een instrument. Bedoel je 'title'?"),
    (["new", "instrument", "--set", "title"], "'title' is geen toewijzing"),
    (["new", "learning_goal", "--set", "number=vier"], "'number' moet een geheel getal zijn, niet 'vier'."),
    (["new", "instrument", "--data", "bestaat-niet"], "de gegevensmap 'bestaat-niet' bestaat niet"),
])
def test_wrong_requests_are_usage_errors(argv: list[str], message: str) -> None:
    result = run_cli(*argv, "--yes")
    assert result.code == 2
    assert message in result.err


def ask(data: Path, kind: str, answers: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(["new", kind, "--data", str(data)], out, err, io.StringIO(answers))
    return code, out.getvalue(), err.getvalue()


def test_questions_are_asked_in_turn_and_a_wrong_answer_is_asked_again(data: Path) -> None:
    code, out, err = ask(data, "learning_goal", "Je werkt met data\nvier\n2\nvisie\nhandleiding\nBijlage 1\n\nj\n")
    assert code == 0, err
    assert "'number' moet een geheel getal zijn, niet 'vier'." in out
    assert out.index("title:") < out.index("number:") < out.index("area:") < out.index("cite.document:")
    assert "Id [je-werkt-met-data]:" in out
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None and kb.get("learning_goal", "je-werkt-met-data").number == 2  # type: ignore[attr-defined]


def test_saying_no_or_running_out_of_answers_changes_nothing(data: Path) -> None:
    path = data / "contexts.yaml"
    before = path.read_bytes()
    code, out, _ = ask(data, "role", "Mediacoach\nimpactanalyse\n3.2\neigen-id\nn\n")
    assert code == 1 and out.endswith("[J/n]: Niets gewijzigd.\n")
    code, _, err = ask(data, "role", "Mediacoach\n")
    assert code == 2 and "geen invoer meer" in err
    assert path.read_bytes() == before
