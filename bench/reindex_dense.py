"""Rewrite the dense index of every segment of a build's live generation with this checkout's
``dense.build_faiss``, from the vectors the segment stores (no embedding), in a copy of the
data directory made of hard links: the original build is left as it was, so a serve bench
can compare the two indexes on the same build.

    .venv/bin/python bench/reindex_dense.py SOURCE_DATA_DIR COPY_DATA_DIR

COPY_DATA_DIR must not exist. Each rewritten file is written beside the linked one and renamed
over it, which replaces the copy's directory entry and leaves the source's file untouched.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search_api.index import dense  # noqa: E402


def main() -> None:
    source, copy = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    if copy.exists():
        raise SystemExit(f"{copy} exists; give a new folder")
    subprocess.run(["cp", "-al", str(source), str(copy)], check=True)
    index_dir = (copy / "current").resolve() / "index"
    meta = json.loads((index_dir / "index.json").read_text("utf-8"))
    for entry in meta["segments"]:
        folder = index_dir / entry["name"]
        started = time.perf_counter()
        old = dense.load(folder)
        vectors = dense.vectors_at(old, np.arange(old.ntotal))
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        new = dense.build_faiss(vectors)
        build_s = time.perf_counter() - started
        tmp = folder / (dense.INDEX_FILE + ".new")
        dense.faiss.write_index(new, str(tmp))
        tmp.replace(folder / dense.INDEX_FILE)
        print(json.dumps({"segment": entry["name"], "vectors": int(old.ntotal), "type": dense.index_type(new),
                          "lists": dense.lists(new), "read_s": round(read_s, 1), "build_s": round(build_s, 1)}),
              flush=True)
    (copy / ".lock").unlink(missing_ok=True)   # the writers' lock: the copy makes its own


if __name__ == "__main__":
    main()
