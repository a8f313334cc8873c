"""Every note and editorial mark that was on a page before the pages were reordered (issue #18) is still on it.

tests/fixtures/reader-notes-before.json holds, per page of the site built from main before the change, the notes
about the source and the labels of the editorial marks (bench/reader_pages.py --notes). A note whose text is no
longer in the data of the page's record (an editor changed or removed it since) need not be there, nor the mark of a field that the data
no longer calls editorial; every other one must, on its own page. To take a deliberate change of the data into the file, write it again from a
build: ``.venv/bin/python -m bench.reader_pages SITE --no-browser --notes tests/fixtures/reader-notes-before.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import reader_pages
from generator.data import text
from generator.site import views
from generator.data.schema import editor_fields

from .conftest import BuiltSite

BEFORE = Path(__file__).parent / "fixtures" / "reader-notes-before.json"
# A field whose mark moved with the field into a block of its own: the mark now stands at that block's heading
# (the addresses: site/templates/_reach.md.j2, "Naar het instrument").
MOVED = {"Links": "Naar het instrument"}


def _words(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _label(mark: str) -> str:
    """A mark's label without a count that changes with the data: 'Instrumenten (20)' → 'Instrumenten'."""
    return re.sub(r"\s*\(\d+\)$", "", mark)


def reader_pages_url(path: str) -> str:
    """The URL path (as bench/reader_pages.py names pages) of a page source."""
    return views.page_url(path)


def test_every_note_and_mark_is_still_on_its_page(built_site: BuiltSite) -> None:
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    after = reader_pages.page_notes(built_site.root)
    # The notes in the data: of each record, for its own page; of all records, for other pages (the finder's).
    in_data = {_words(text.plain(n.text)) for r in built_site.kb.by_key.values() for n in r.notes}
    of_record = {reader_pages_url(views.record_path(kind, r.id)): {_words(text.plain(n.text)) for n in r.notes}
                 for (kind, _), r in built_site.kb.by_key.items()}
    # Per record page: the labels of the record's fields that are not (or no longer) editorial in the data.
    not_editorial = {}
    for (kind, _), r in built_site.kb.by_key.items():
        labels = {views.field_label(type(r), f.name) for f in editor_fields(type(r))}
        url = reader_pages_url(views.record_path(kind, r.id))
        not_editorial[url] = labels - {views.field_label(type(r), n) for n in r.editorial}
    missing = []
    for url, was in before.items():
        now = after.get(url, {"notes": [], "marks": []})
        now_notes = {_words(n) for n in now["notes"]}
        for note in was["notes"]:
            body = _words(note.split(": ", 1)[1] if ": " in note else note)
            if _words(note) not in now_notes and body in of_record.get(url, in_data):
                missing.append((url, note))
        now_marks = {_label(m) for m in now["marks"]}
        missing += [(url, f"mark: {m}") for m in was["marks"]
                    if _label(m) not in now_marks and MOVED.get(_label(m)) not in now_marks
                    and m not in not_editorial.get(url, ())]
    assert not missing, missing[:20]


def test_the_snapshot_is_of_a_real_site() -> None:
    """The file is what the script wrote from a build: notes on record pages, marks beside fields."""
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    assert len(before) > 100
    assert any("Hiaat in de bron" in n for page in before.values() for n in page["notes"])
    assert any("Voor wie" in page["marks"] for page in before.values())
