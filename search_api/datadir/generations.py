"""The data directory: built artefacts in atomic generations.

Layout::

    data/
      current            -> symlink to the live generation (swapped atomically)
      gen-000007/        one complete, self-consistent build
        manifest.json    documents, counts, model, build time
        records/ID.json  ingest records (ingest.records.DocumentRecord)
        graph/           Oxigraph store
        index/           search index segments: FAISS, BM25 postings, unit table (index.json lists them)
      cache/             survives builds: converted model, embeddings and BM25 tokens by text hash
                         (the cache setting, $POLICYKG_CACHE, puts it elsewhere, e.g. shared by tests)
      .lock              serialises writers (build / ingest)
      tmp-*/             a generation being written; removed by the next writer

A writer copies (hard-links where possible) the live generation into a tmp
directory, changes it, then renames it to the next gen-N and swaps the
``current`` symlink with ``os.replace``. A crash at any point leaves the
previous generation live and at most a stale tmp dir, which the next writer
deletes. Readers resolve ``current`` once and keep using that generation.

A reader that keeps a generation open (a server) pins it (``pin_current``): a shared flock on
the generation's directory, held until ``Pin.release`` or the reader's death. A writer keeps
the newest KEEP_GENERATIONS generations and deletes an older one only when it can take that
lock exclusively, so a pinned generation is never deleted under a running server.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from search_api.errors import UserError

GEN_RE = re.compile(r"^gen-(\d{6})$")
KEEP_GENERATIONS = 2
MANIFEST = "manifest.json"
PIN_ATTEMPTS = 20       # a writer commits in milliseconds at best: a reader pins within a few tries
RESOLVE_ATTEMPTS = 5


class DataDirError(UserError, RuntimeError):
    """A data directory that cannot be used as asked (nothing built, busy, a bad id)."""


class DataDirBusy(DataDirError):
    pass


class DataDir:
    def __init__(self, root: str | os.PathLike, cache: Optional[str | os.PathLike] = None):
        self.root = Path(root).resolve()
        self._cache = Path(cache) if cache else self.root / "cache"

    @classmethod
    def of(cls, settings) -> "DataDir":
        """The data directory and cache a Settings object names."""
        return cls(settings.data, settings.cache)

    # -- reading -------------------------------------------------------------
    @property
    def cache(self) -> Path:
        """Model and embedding cache: ``cache/`` inside the data directory unless set elsewhere."""
        self._cache.mkdir(parents=True, exist_ok=True)
        return self._cache

    def current(self) -> Optional[Path]:
        """The live generation, or None when nothing was built yet."""
        for _ in range(RESOLVE_ATTEMPTS):
            target = self._link_target()
            if target is None or (target / MANIFEST).exists():
                return target
            # Gone between reading the link and looking in: writers committed twice meanwhile and
            # pruned it, and `current` names a newer one. Unchanged, the link names no build.
            if self._link_target() == target:
                return None
        return None

    def _link_target(self) -> Optional[Path]:
        """Where ``current`` points now (no check of what is there)."""
        link = self.root / "current"
        try:
            return self.root / os.readlink(link)
        except FileNotFoundError:
            return None
        except OSError:   # not a symlink: a directory of an older layout, or nothing
            return link if link.exists() else None

    def require_current(self) -> Path:
        cur = self.current()
        if cur is None:
            raise DataDirError(
                f"no build found in {self.root}; run `policykg build` first"
            )
        return cur

    def pin_current(self) -> tuple[Path, "Pin"]:
        """The live generation, pinned against deletion until the Pin is released.

        Pin, then verify: between reading ``current`` and pinning, a writer may delete that
        generation (``Pin.take`` then sees it gone) or commit a newer one (then this one is
        unpinned and the newer pinned), so what is returned was live once it was pinned."""
        for _ in range(PIN_ATTEMPTS):
            gen = self.require_current()
            pin = Pin.take(gen)
            if pin is None:
                continue
            if self._link_target() == gen:
                return gen, pin
            pin.release()
        raise DataDirError(f"the live generation in {self.root} keeps changing; try again")

    def manifest(self) -> dict:
        cur = self.current()
        if cur is None:
            return {}
        return json.loads((cur / MANIFEST).read_text("utf-8"))

    # -- writing -------------------------------------------------------------
    @contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Serialise writers. Raises DataDirBusy unless ``wait``."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
            try:
                fcntl.flock(fd, flags)
            except BlockingIOError:
                raise DataDirBusy(
                    f"another policykg build/ingest is writing to {self.root}; "
                    "wait for it to finish and try again"
                ) from None
            yield
        finally:
            os.close(fd)  # closing releases the flock

    @contextmanager
    def new_generation(self, copy_current: bool = False) -> Iterator[Path]:
        """Yield a fresh tmp directory; on success it becomes the live generation.

        Must be called under ``lock()``. With ``copy_current`` the tmp dir starts
        as a hard-linked copy of the live generation (for incremental updates;
        writers must replace files, never modify them in place, unless they
        copied them first — see ``break_links``).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale_tmp()
        tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=self.root))
        try:
            cur = self.current()
            if copy_current and cur is not None:
                # The graph store is not copied: its files are appended to in
                # place, so a hard link would let the new generation corrupt the
                # live one. The graph stage copies it with the store's own backup.
                shutil.rmtree(tmp)
                shutil.copytree(cur, tmp, copy_function=_link_or_copy,
                                ignore=shutil.ignore_patterns("graph"))
            yield tmp
            self._commit(tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def _commit(self, tmp: Path) -> None:
        if not (tmp / MANIFEST).exists():
            raise DataDirError("internal error: a generation was written without manifest.json")
        _mode_of_mkdir(tmp)
        _fsync_tree(tmp)
        final = self.root / f"gen-{self._next_number():06d}"
        os.rename(tmp, final)
        link_tmp = self.root / f".current-{os.getpid()}"
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        os.symlink(final.name, link_tmp)
        os.replace(link_tmp, self.root / "current")
        _fsync_dir(self.root)
        self._prune()

    def _generations(self) -> list[Path]:
        gens = [p for p in self.root.iterdir() if GEN_RE.match(p.name)]
        return sorted(gens, key=lambda p: p.name)

    def _next_number(self) -> int:
        gens = self._generations()
        return int(GEN_RE.match(gens[-1].name).group(1)) + 1 if gens else 1

    def _prune(self) -> None:
        live = self.current()
        for old in self._generations()[:-KEEP_GENERATIONS]:
            if live is None or old.resolve() != live.resolve():
                _remove_unless_pinned(old)

    def _remove_stale_tmp(self) -> None:
        # Only called under the writer lock, so any tmp dir is from a dead writer.
        for p in self.root.glob("tmp-*"):
            shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob(".current-*"):
            p.unlink(missing_ok=True)


class Pin:
    """A shared flock on a generation directory: while held, writers do not delete it."""

    def __init__(self, gen: Path, fd: int):
        self.generation = gen
        self._fd: Optional[int] = fd

    @classmethod
    def take(cls, gen: Path) -> Optional["Pin"]:
        """Pin ``gen``; None when it was deleted meanwhile. Waits while a writer deletes it."""
        try:
            fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            return None
        except PermissionError:
            raise _unreadable(gen) from None
        fcntl.flock(fd, fcntl.LOCK_SH)
        try:
            built = (gen / MANIFEST).exists()
        except PermissionError:
            os.close(fd)
            raise _unreadable(gen) from None
        if not built:   # the writer deleted it while we waited
            os.close(fd)
            return None
        return cls(gen, fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)   # closing releases the flock
            self._fd = None


def _unreadable(gen: Path) -> DataDirError:
    return DataDirError(f"cannot read the generation {gen.name} in {gen.parent}: permission denied "
                        "(a server needs read access to every file of the data directory)")


def is_pinned(gen: Path) -> bool:
    try:
        fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def _remove_unless_pinned(gen: Path) -> bool:
    """Delete ``gen`` holding its lock exclusively (a reader pinning it meanwhile waits, then
    sees it gone); leave it when a reader has it pinned."""
    fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        (gen / MANIFEST).unlink(missing_ok=True)   # first: a half-deleted generation is not a build
        shutil.rmtree(gen, ignore_errors=True)
        return True
    finally:
        os.close(fd)


def write_json_atomic(path: Path, obj) -> None:
    """Write JSON via a temp file + rename so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def break_links(path: Path) -> None:
    """Give a hard-linked file its own inode before modifying it in place."""
    if path.exists() and path.stat().st_nlink > 1:
        tmp = path.with_name(path.name + ".unlink-tmp")
        shutil.copy2(path, tmp)
        os.replace(tmp, path)


def _mode_of_mkdir(folder: Path) -> None:
    """Give a generation the mode mkdir gives under this umask, where mkdtemp gave it 0700 (and
    a copy its source's mode): replicas serving under another user, or with no right to write
    here, must read it. The umask is read from a probe directory (os.umask would change it
    for every thread while it is read)."""
    probe = folder / ".mode-probe"
    probe.mkdir()
    mode = probe.stat().st_mode & 0o777
    probe.rmdir()
    os.chmod(folder, mode)


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
