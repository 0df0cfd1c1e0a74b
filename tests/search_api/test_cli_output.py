"""How list commands print on a terminal (search_api.cli.output.print_table): nothing cut off."""

from __future__ import annotations

import pytest

from search_api.cli.output import print_table

TITLE = "昆山市安全发展和应急管理“十四五”规划暨安全发展城市建设规划"
COLUMNS = ["id", "title", "region", "kind", "clauses", "indicators"]
ROWS = [["kunshan-14fyp-safety", TITLE, "昆山市", "plan", 264, 31],
        ["wujiang-14fyp-emergency", "苏州市吴江区“十四五”应急管理规划", "吴江区", "plan", 468, None]]


def printed(capsys, monkeypatch, width: int, columns=COLUMNS, rows=ROWS) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    print_table(columns, rows)
    return capsys.readouterr().out


def squeezed(text: str) -> str:
    """The printed text without the table's borders, padding and line breaks."""
    return "".join(ch for ch in text if ch not in " \n│┃┏┓┗┛┡┩└┘━─┳┻╇┴┬")


def table_rows(out: str) -> list[list[str]]:
    """The body rows of a printed table, each cell's folded lines joined again (a row starts
    where its first column, the id, is not blank)."""
    rows: list[list[str]] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [a + b for a, b in zip(rows[-1], cells)]
    return rows


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_every_value_is_printed_whole_at_any_width(capsys, monkeypatch, width):
    out = printed(capsys, monkeypatch, width)
    assert "…" not in out
    for line in out.splitlines():
        assert len(line) <= width
    for row in ROWS:
        assert row[0] in out.split()   # ids on one line: they are typed into other commands
    if out.startswith("┏"):            # text may fold, but all of it is there
        assert table_rows(out) == [["" if v is None else str(v) for v in row] for row in ROWS]
    else:
        for row in ROWS:
            for value in row[1:]:
                assert value is None or str(value) in squeezed(out)


def test_a_table_that_fits_is_a_table_and_its_text_folds(capsys, monkeypatch):
    out = printed(capsys, monkeypatch, 100)
    assert out.startswith("┏") and "title" in out
    assert TITLE not in out and table_rows(out)[0][1] == TITLE   # folded onto two lines, not cut


def test_a_table_too_wide_prints_one_field_a_line(capsys, monkeypatch):
    out = printed(capsys, monkeypatch, 60)
    assert not out.startswith("┏")
    lines = [line.rstrip() for line in out.splitlines()]
    assert "id         kunshan-14fyp-safety" in lines
    assert "indicators" in lines                         # an empty value: the name alone
    assert sum(line.startswith("region") for line in lines) == 2


def test_markup_is_printed_as_written_in_both_layouts(capsys, monkeypatch):
    rows = [["[bold]x", "[/bold][red]测试市" * 3, "r", "k", 1, 2]]
    for width in (60, 200):
        assert "[/bold][red]测试市" in squeezed(printed(capsys, monkeypatch, width, rows=rows))
