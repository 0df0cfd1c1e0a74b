"""Extraction: identical output and speed.

    .venv/bin/python bench/extract_records.py dump [--out FILE]     # records of the fixed set -> canonical JSON + digest
    .venv/bin/python bench/extract_records.py speed [--every 7] [--profile FILE]   # chars/s on the scale laws
    ... --src DIR      # run another tree's ingest (e.g. `git archive BASE ingest ontology | tar -x -C DIR`)

``dump`` reads a fixed document set — the shipped plans (corpus/), the 159 reference laws, the
real-world and blind gold documents, and every 50th statute and 10th work report of ../shared/scale
— segments and extracts each as `policykg build` does (citations linked across the whole set),
and writes one canonical JSON line per document (structure tree and facts; sorted keys) and the
sha256 of the whole. An optimisation of ingest must leave that digest unchanged; compare two
dumps line by line (`diff`) to see which document changed.

``speed`` segments every N-th statute of ../shared/scale/laws.jsonl.gz first (not timed), loads
what extraction loads once per process (the spaCy pipeline, jieba's dictionaries), then times
fact extraction alone, in this process (one core), as characters of clean text per second
(wall and CPU time: on a shared box CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from measure import machine  # noqa: E402

SHARED = REPO.parent / "shared"
SCALE_LAWS = SHARED / "scale" / "laws.jsonl.gz"
SCALE_REPORTS = SHARED / "scale" / "government_work_reports.jsonl.gz"
# held out from all development: never read, whatever the sample
HELD_OUT = {"上海市燃气管理条例", "山东省突发事件应急保障条例", "生产安全事故应急条例"}


def _sample(source: Path, every: int, scratch: Path) -> Path:
    """Every ``every``-th entry of a JSON Lines collection (held-out titles skipped), as a file."""
    out = scratch / source.name.replace(".gz", "")
    with gzip.open(source, "rt", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(fh):
            if n % every == 0 and json.loads(line)["title"] not in HELD_OUT:
                dst.write(line)
    return out


def _gold_items():
    """(path, meta) of the real-world and blind gold documents, read as their tests read them."""
    sys.path.insert(0, str(REPO / "tests" / "ingest"))
    from realworld import documents, meta_for, source_file

    return [(source_file(doc), meta_for(doc)) for gold_set in ("realworld", "blind") for doc in documents(gold_set)]


def fixed_set(scratch: Path, scale_every: int = 50):
    """The (path, meta) items of the fixed document set."""
    from ingest.pipeline import load_corpus

    return (load_corpus(REPO / "corpus")
            + [(SHARED / "reference" / "emergency_laws.jsonl", None)]
            + _gold_items()
            + [(_sample(SCALE_LAWS, scale_every, scratch), None),
               (_sample(SCALE_REPORTS, 10, scratch), None)])


def canonical_lines(records, roots: dict[str, str]) -> list[str]:
    """One JSON line per record: sorted keys, machine paths replaced by placeholders."""
    lines = []
    for record in records:
        line = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for root, name in roots.items():
            line = line.replace(json.dumps(root)[1:-1], name)
        lines.append(line)
    return lines


def extract_all(items) -> list:
    """Records of ``items`` with facts, citations linked across them (as ingest_documents does)."""
    from ingest.documents import titles_of
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path

    records, seen = [], set()
    for path, meta in items:
        for record in ingest_path(path, meta):
            if record.meta.id not in seen:          # a scale statute that is also a reference law
                seen.add(record.meta.id)
                records.append(record)
    titles = titles_of(records)
    for record in records:
        record.facts = extract_facts(record, titles)
    return records


def dump(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        t0 = time.perf_counter()
        records = extract_all(fixed_set(scratch))
        lines = canonical_lines(records, {str(scratch): "<scratch>", str(SHARED): "<shared>", str(REPO): "<repo>"})
    text = "\n".join(lines) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, "utf-8")
    chars = sum(len(r.clean_text) for r in records)
    print(f"{len(records)} documents, {chars:,} characters, {time.perf_counter() - t0:.1f} s")
    print(f"sha256 {digest}")


def _load_once(args, warm_up) -> None:
    import copy
    import gc

    import ingest.extract

    if hasattr(ingest.extract, "preload"):
        ingest.extract.preload()
    else:   # a tree (--src) from before preload(): one document extracted loads the same
        ingest.extract.extract_facts(copy.deepcopy(warm_up))
    if args.freeze:
        gc.freeze()


def speed(args) -> None:
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path

    with tempfile.TemporaryDirectory() as tmp:
        records = ingest_path(_sample(SCALE_LAWS, args.every, Path(tmp)))
    # built once per process (spaCy pipeline, jieba's dictionaries, vocabularies: seconds) —
    # not part of the rate over a corpus of millions of characters, so loaded before the clock
    # starts, and frozen out of the collector's passes as a build's pool does before it forks
    _load_once(args, records[0])
    chars = sum(len(r.clean_text) for r in records)
    profiler = cProfile.Profile() if args.profile else None
    cpu0, t0 = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for record in records:
        record.facts = extract_facts(record)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    import ingest

    print(machine())
    print(f"code: {Path(ingest.__file__).parent.parent}")
    print(f"every {args.every}th scale law: {len(records)} documents, {chars:,} characters; "
          f"loaded state {'frozen' if args.freeze else 'not frozen'}")
    print(f"extraction {wall:.1f} s wall, {cpu:.1f} s CPU: {chars / wall:,.0f} chars/s wall, {chars / cpu:,.0f} chars/CPU-s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    dump_p, speed_p = sub.add_parser("dump"), sub.add_parser("speed")
    dump_p.add_argument("--out", help="write the canonical JSON lines here")
    speed_p.add_argument("--every", type=int, default=7, help="take every N-th statute (default 7)")
    speed_p.add_argument("--profile", help="write cProfile stats of the extraction here")
    speed_p.add_argument("--no-freeze", dest="freeze", action="store_false",
                         help="leave what was loaded in the collector's passes (a serial build's case)")
    for p in (dump_p, speed_p):
        p.add_argument("--src", help="import ingest from this folder (another version of the code)")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    {"dump": dump, "speed": speed}[args.command](args)


if __name__ == "__main__":
    main()
