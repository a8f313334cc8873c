"""The drawings: well-formed SVG whatever the text, named for screen readers, and drawn to the numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from generator.site import svg

NS = "{http://www.w3.org/2000/svg}"
NASTY = 'a <script>alert("x")</script> & \'b\' \x07]]>'


def parse(picture: object) -> ET.Element:
    return ET.fromstring(str(picture))


def texts(root: ET.Element) -> list[str]:
    """The text of every <text> element (without its tooltip), in drawing order."""
    return [(t.text or "") + "".join(c.tail or "" for c in t) for t in root.iter(f"{NS}text")]


def by_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if css in (e.get("class") or "").split()]


def drawings(label: str) -> list[ET.Element]:
    return [parse(svg.bar_chart("kb-a", label, [(label, 3), ("twee", 1)])),
            parse(svg.heatmap("kb-b", label, [label, "r"], [label, "k"], [[1, 2], [0, 4]])),
            parse(svg.timeline("kb-c", label, [svg.Step(label, 2, (label,))])),
            parse(svg.dot_matrix("kb-d", label, [label, "r"], [label, "k"], [[1, 0], [2, 1]], (1, 2), desc=label))]


def test_every_drawing_is_an_image_named_by_its_title() -> None:
    for root in drawings("Aantal instrumenten per sector"):
        assert root.tag == f"{NS}svg"
        assert root.get("role") == "img"
        assert root.get("aria-label") == "Aantal instrumenten per sector"
        assert root.find(f"{NS}title").text == "Aantal instrumenten per sector"  # type: ignore[union-attr]


def test_text_from_the_data_is_escaped_and_stays_the_same_text() -> None:
    cleaned = NASTY.replace("\x07", "")  # a control character XML cannot hold is dropped
    for root in drawings(NASTY):
        assert root.get("aria-label") == cleaned
        assert not list(root.iter("script")) and not list(root.iter(f"{NS}script"))
        shown = " ".join(texts(root))
        assert "<script>" in shown or "<script" in shown  # shown as text (possibly shortened), never as markup
    raw = str(svg.bar_chart("kb-a", NASTY, [(NASTY, 1)]))
    assert "<script>" not in raw and "&lt;script&gt;" in raw


def test_an_id_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError):
        svg.bar_chart('x" onload="alert(1)', "t", [("a", 1)])


def test_bar_chart_draws_bars_to_scale_and_writes_every_value() -> None:
    root = parse(svg.bar_chart("kb-bars", "t", [("po", 0), ("mbo", 10), ("hbo", 5)]))
    bars = by_class(root, "rect", "kb-fill")
    assert len(bars) == 2  # no bar for 0
    widths = [float(b.get("width", "0")) for b in bars]
    assert widths[0] == 2 * widths[1]
    assert widths[0] + 44 == svg.NARROW  # the longest bar fills the width, room left for its value
    assert texts(root) == ["po", "0", "mbo", "10", "hbo", "5"]


def test_long_labels_are_shortened_with_the_full_name_as_tooltip() -> None:
    long = "Creëren van een coherente onderwijsorganisatie voor leren en lesgeven met ict"
    root = parse(svg.bar_chart("kb-bars", "t", [(long, 1)]))
    label = root.findall(f"{NS}text")[0]
    assert label.find(f"{NS}title").text == long  # type: ignore[union-attr]
    assert texts(root)[0].endswith("…") and len(texts(root)[0]) <= svg.fits()


def test_heatmap_has_a_cell_per_pair_shaded_by_its_count() -> None:
    root = parse(svg.heatmap("kb-grid", "t", ["leraar", "schoolleider"], ["visie", "implementatie", "monitoring"],
                             [[0, 3, 9], [1, 0, 6]]))
    cells = by_class(root, "rect", "kb-cell")
    assert len(cells) == 6
    shades = [next(c for c in (cell.get("class") or "").split() if c.startswith("kb-shade")) for cell in cells]
    assert shades == ["kb-shade0", "kb-shade1", "kb-shade3", "kb-shade1", "kb-shade0", "kb-shade2"]
    assert texts(root) == ["visie", "implementatie", "monitoring", "leraar", "0", "3", "9", "schoolleider", "1",
                           "0", "6"]
    strong = by_class(root, "text", "kb-on-fill")
    assert [t.text for t in strong] == ["9"]  # text on the darkest shade uses the colour made for it


def test_heatmap_of_a_few_columns_fits_a_phone() -> None:
    root = parse(svg.heatmap("kb-grid", "t", ["docentondersteuner"] * 7,
                             ["Visie en beleid", "Implementatie", "Professionalisering", "Monitoring en verantwoording"],
                             [[1, 2, 3, 4]] * 7))
    assert int(root.get("width", "0")) <= 358  # a 390 px screen less the page margins


def test_timeline_numbers_the_steps_and_shows_counts_and_themes() -> None:
    steps = [svg.Step("Intake"), svg.Step("Plenaire bijeenkomsten", 8, ("Visie", "Organisatie")), svg.Step("Slot")]
    root = parse(svg.timeline("kb-opbouw", "Opbouw", steps))
    assert len(root.findall(f"{NS}circle")) == 3
    assert texts(root) == ["1", "Intake", "2", "Plenaire bijeenkomsten (8×)", "– Visie", "– Organisatie", "3", "Slot"]
    assert len(root.findall(f"{NS}line")) == 1


def test_timeline_wraps_long_text_within_the_drawing() -> None:
    theme = "evenwicht tussen inhoudelijke verdieping aanreiken, verdieping stimuleren en passende activiteiten"
    root = parse(svg.timeline("kb-opbouw", "Opbouw", [svg.Step("Coachings- en intervisiebijeenkomsten", 6, (theme,))]))
    lines = root.findall(f"{NS}text")[1:]
    assert len(lines) > 2
    for line in lines:  # the estimated width of each line (bold titles count as one size larger) fits
        size = svg.FONT - 1 if line.get("class") == "kb-step-theme" else svg.FONT + 1
        assert float(line.get("x", "0")) + len(line.text or "") * size * svg.EM <= svg.NARROW


def test_shorten_and_wrap_cut_at_words() -> None:
    assert svg.shorten("Visie en richting over onderwijs en ict", 24) == "Visie en richting over…"
    assert svg.shorten("kort", 24) == "kort"
    assert svg.wrap("een twee drie vier vijf zes", 12, 2) == ["een twee", "drie vier…"]
    assert svg.shorten("Motiveren en professionaliseren van docenten", 24) == "Motiveren en profession…"
    assert svg.wrap("een twee", 20, 3) == ["een twee"]
    assert svg.wrap("", 20, 3) == []


def test_dot_matrix_has_a_dot_per_link_a_ring_per_editorial_link_and_the_totals() -> None:
    root = parse(svg.dot_matrix("kb-dots", "t", ["a", "b"], ["visie", "implementatie", "monitoring"],
                                [[svg.YES, svg.NO, svg.EDITORIAL], [svg.NO, svg.NO, svg.YES]], (1, 0, 2),
                                desc="Dezelfde gegevens staan in de tabel."))
    assert root.find(f"{NS}desc").text == "Dezelfde gegevens staan in de tabel."  # type: ignore[union-attr]
    marks = [(c.get("class"), c.get("cx"), c.get("cy")) for c in root.iter(f"{NS}circle") if c.find(f"{NS}title")
             is not None]
    (_, x1, y1), (_, x3, _), (_, x3b, y2) = marks
    assert [m[0] for m in marks] == ["kb-dot", "kb-ring", "kb-dot"]
    assert x3 == x3b and float(x1) < float(x3) and float(y1) < float(y2)  # third column, rows top to bottom
    assert texts(root) == ["visie", "implementatie", "monitoring", "a", "b", "Aantal", "1", "0", "2", "hoort erbij",
                           "redactionele indeling"]
    assert len(by_class(root, "rect", "kb-stripe")) == 1  # every other row


def test_dot_matrix_wraps_long_names_to_three_lines_with_the_full_name_as_tooltip() -> None:
    long = "Publicatie Het implementeren van onderwijsinnovaties in hoger onderwijs: van initiatie tot routine"
    root = parse(svg.dot_matrix("kb-dots", "t", [long], ["visie"], [[svg.YES]]))
    lines = [t for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert len(lines) == 3 and (lines[2].text or "").endswith("…")
    assert lines[0].find(f"{NS}title").text == long  # type: ignore[union-attr]


def test_dot_matrix_of_four_columns_fits_a_phone() -> None:
    root = parse(svg.dot_matrix("kb-dots", "t", ["Publicatie Leren en lesgeven met ict in het mbo 2022 - Katern A"],
                                ["Visie en beleid", "Implementatie", "Professionalisering",
                                 "Monitoring en verantwoording"], [[1, 0, 2, 0]]))
    assert int(root.get("width", "0")) <= 358  # a 390 px screen less the page margins
