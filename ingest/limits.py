"""What ingest reads at most: only regular files, of a bounded size, whose decompressed parts,
JSON nesting and number of paragraphs are bounded too. Checked before a file is opened, so a
named pipe, a device (a symlink to /dev/zero) or a zip bomb is refused at once with one line,
never read; a .docx's paragraphs are counted before its XML is parsed.

The size limit and the paragraph limit are settings (``max_input_mb``, $POLICYKG_MAX_INPUT_MB;
``max_paragraphs``, $POLICYKG_MAX_PARAGRAPHS): entry points call ``configure`` once at start,
as they do for the vocabulary.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Optional

from ingest.errors import IngestError

DEFAULT_MAX_INPUT_MB = 200        # the largest real plan or statute collection is a few MB
UNZIPPED_FACTOR = 5               # a .docx may unpack to this many times the input limit
MAX_JSON_DEPTH = 100              # nesting of one JSON Lines entry (a statute is 1-2 levels deep)
# Real plans have under 20 000 paragraphs. Reading and structuring is linear (~0.2 ms a paragraph
# on a 2-core box), but a .docx's parsed XML takes ~2.5 KB a paragraph: 10x the longest plan
# reads in under a minute and ~0.5 GB; a million-paragraph .docx (3 MB zipped) is refused
# at once instead of holding the writer lock for minutes and gigabytes.
DEFAULT_MAX_PARAGRAPHS = 200_000

_max_input_bytes = DEFAULT_MAX_INPUT_MB * 1024 * 1024
_max_paragraphs = DEFAULT_MAX_PARAGRAPHS


def configure(max_input_mb: Optional[int] = None, max_paragraphs: Optional[int] = None) -> None:
    """Set the size limit of one input file and its paragraph limit (None: the defaults)."""
    global _max_input_bytes, _max_paragraphs
    _max_input_bytes = int(max_input_mb or DEFAULT_MAX_INPUT_MB) * 1024 * 1024
    _max_paragraphs = int(max_paragraphs or DEFAULT_MAX_PARAGRAPHS)


def max_input_bytes() -> int:
    return _max_input_bytes


def check_input_file(path: Path) -> int:
    """The file's size, after refusing what is not a regular file (following symlinks) or is
    larger than the limit. Never opens the file: a FIFO cannot block here."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(path, "is a directory, not a document")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(path, f"is a {_kind(info.st_mode)}, not a regular file; only regular files are read")
    if info.st_size > _max_input_bytes:
        raise IngestError(path, f"is {_mb(info.st_size)} MB, larger than the limit of {_mb(_max_input_bytes)} MB "
                                "(setting POLICYKG_MAX_INPUT_MB)")
    return info.st_size


def check_unzipped_size(path: Path, declared_bytes: int) -> None:
    """Refuse an archive (.docx) whose members unpack to more than UNZIPPED_FACTOR x the limit.
    Python's zipfile never inflates a member past its declared size, so the sum is a bound."""
    limit = UNZIPPED_FACTOR * _max_input_bytes
    if declared_bytes > limit:
        raise IngestError(path, f"unpacks to {_mb(declared_bytes)} MB, more than the limit of {_mb(limit)} MB "
                                "(a compression bomb, or a document far larger than any plan)")


def check_paragraphs(path: Path, count: int) -> None:
    """Refuse a document of more than the paragraph limit (lines of a text, paragraphs of a .docx)."""
    if count > _max_paragraphs:
        raise IngestError(path, f"has {count} paragraphs, more than the limit of {_max_paragraphs} "
                                "(setting POLICYKG_MAX_PARAGRAPHS; the longest real plans have under 20 000)")


def json_depth_exceeded(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets nest deeper than ``limit`` (brackets inside strings count too, which
    only makes the check stricter for odd texts: a statute's text never nests 100 brackets)."""
    depth = 0
    for byte in raw.translate(None, _NOT_BRACKETS):
        depth += 1 if byte in b"[{" else -1
        if depth > limit:
            return True
    return False


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
