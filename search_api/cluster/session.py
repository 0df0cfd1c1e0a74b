"""Connecting to a Ray cluster for one build: ``with connect("ray://HOST:PORT") as cluster``.

The cluster's workers run this same installation (the packages, the ontology folder) and read
the same paths as the driver: the corpus files and the cache folder with the model. Settings
reach them as the driver's ``POLICYKG_*`` environment, so a worker reads the vocabulary and
user dictionary the driver would.
"""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from search_api.cluster.embedpool import EmbedderPool
from search_api.cluster.tasks import RayTasks
from search_api.errors import UserError

AUTO = "auto"


class Cluster:
    """What a build runs on: ``executor`` for the per-document stages, ``embedder`` for embedding."""

    def __init__(self, ray):
        self._ray = ray
        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.executor = RayTasks(ray, self.cpus)
        self._pools: list[EmbedderPool] = []

    def embedder(self, model: Optional[str], cache_dir: Path, engine: Optional[str]) -> EmbedderPool:
        """A pool of one embedding actor per CPU of the cluster (embedding is the last stage, so
        the per-document tasks have given their CPUs back by then)."""
        pool = EmbedderPool.start(self._ray, self.cpus, model, cache_dir, engine)
        self._pools.append(pool)
        return pool

    def close(self) -> None:
        for pool in self._pools:
            pool.close()
        self._pools = []


def _import_ray():
    try:
        import ray
    except ImportError:
        raise UserError("--cluster needs Ray: install the 'cluster' extra (pip install 'policykg[cluster]')") from None
    return ray


@contextmanager
def connect(address: str) -> Iterator[Cluster]:
    """``address``: ``ray://HOST:PORT`` (a cluster's client server) or ``auto`` (the Ray cluster
    running on this machine, else a new local one for the length of the build)."""
    if address != AUTO and not address.startswith("ray://"):
        raise UserError(f"--cluster takes ray://HOST:PORT or auto, not {address!r}")
    ray = _import_ray()
    env = {k: v for k, v in os.environ.items() if k.startswith("POLICYKG_")}
    try:
        with warnings.catch_warnings():   # an unreachable client server warns, then raises: say it once
            warnings.simplefilter("ignore")
            ray.init(address=None if address == AUTO else address, runtime_env={"env_vars": env} if env else None,
                     log_to_driver=False, logging_level="ERROR")
    except Exception as exc:   # ConnectionError, or a timeout, whatever the transport says
        raise UserError(f"cannot reach the Ray cluster at {address}: {exc}") from None
    cluster = None
    try:
        cluster = Cluster(ray)
        yield cluster
    finally:
        if cluster is not None:
            cluster.close()
        ray.shutdown()
