"""Record benchmark figures in bench/RESULTS.md, one "## Section" per benchmark.

Several benchmarks write the same file, possibly at the same time: a section is
replaced in place (or appended) under an exclusive lock, and the file is swapped
atomically so a reader never sees half of it.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nMeasured figures; each section names the exact command that produced it.\n"


def replace_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Set the text under `## heading` (up to the next `## `) to `body`."""
    lock_path = Path(tempfile.gettempdir()) / "policykg-bench-results.lock"   # not in the source tree
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = path.read_text("utf-8") if path.exists() else HEADER
        section = f"## {heading}\n\n{body.strip()}\n\n"
        pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda _: section, text, count=1)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".RESULTS.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text.rstrip("\n") + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
