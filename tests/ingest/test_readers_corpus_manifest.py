"""corpus/plans.toml: the shipped manifest and clear errors for broken ones."""

from __future__ import annotations

import pytest
from ingest_helpers import CORPUS, KUNSHAN, WUJIANG



def test_shipped_manifest(corpus_items):
    assert set(corpus_items) == {WUJIANG, KUNSHAN}
    path, meta = corpus_items[WUJIANG]
    assert path == CORPUS / "wujiang-14fyp-emergency-management.txt" and path.is_file()
    assert (meta.region, meta.level, meta.period_start, meta.period_end, meta.vision_year, meta.kind) == (
        "吴江区", "district", 2021, 2025, 2035, "plan")
    assert corpus_items[KUNSHAN][1].issuer == "昆山市人民政府"


def test_detected_source_formats_match_the_manifest(seeds):
    assert seeds[WUJIANG].meta.source_format == "pdf-text"
    assert seeds[KUNSHAN].meta.source_format == "docx-text"


BROKEN = [
    ("[[plan]\nid = ", "not valid TOML"),
    ("title = 'x'\n", "expected one or more [[plan]] tables"),
    ('[[plan]]\nid = "a"\nfile = "plan.txt"\n', "'title' is required"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nregoin = "x"\n', "unknown key(s) regoin"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nperiod = [2021]\n', "period must be"),
    ('[[plan]]\nid = "吴江"\ntitle = "t"\nfile = "plan.txt"\n', "must be ASCII"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\nkind = "novel"\n', "kind must be one of"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "gone.txt"\n', "gone.txt: listed in plans.toml (a) but the file does not exist"),
    ('[[plan]]\nid = "a"\ntitle = "t"\nfile = "plan.txt"\n[[plan]]\nid = "a"\ntitle = "u"\nfile = "plan.txt"\n',
     "id 'a' is listed twice"),
]


@pytest.mark.parametrize("toml,problem", BROKEN)
def test_broken_manifest_is_one_clear_error(tmp_path, toml, problem):
    from ingest.errors import IngestError
    from ingest.pipeline import load_corpus

    (tmp_path / "plan.txt").write_text("一、总则\n加强管理。\n", encoding="utf-8")
    (tmp_path / "plans.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load_corpus(tmp_path)
    assert problem in str(err.value) and "\n" not in str(err.value)


def test_missing_manifest_or_folder(tmp_path):
    from ingest.errors import IngestError
    from ingest.pipeline import load_corpus

    with pytest.raises(IngestError, match="plans.toml: missing"):
        load_corpus(tmp_path)
    with pytest.raises(IngestError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")
