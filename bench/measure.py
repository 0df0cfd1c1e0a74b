"""Measurement helpers shared by the benchmark scripts: memory, sizes, latency percentiles, the machine.

Memory is read from /proc: VmHWM (peak) and VmRSS (now) of a process. Not ru_maxrss: Linux
carries ru_maxrss over execve, so a child would report its parent's peak.
"""

from __future__ import annotations

import os
import platform
import resource
import time
from pathlib import Path
from typing import Union

Pid = Union[int, str]


def _status_mb(pid: Pid, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb(pid: Pid = "self") -> float:
    """Peak resident memory of a process (this one by default), in MB."""
    peak = _status_mb(pid, "VmHWM")
    if peak != peak and pid == "self":   # no /proc entry: fall back on getrusage for ourselves
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak


def rss_mb(pid: Pid = "self") -> float:
    """Current resident memory of a process, in MB."""
    return _status_mb(pid, "VmRSS")


def children_rss_mb(pid: Pid) -> float:
    """Current resident memory of a process's children (a server's SPARQL query workers), in MB."""
    children = {c for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()}
    return sum(_status_mb(child, "VmRSS") for child in children if Path(f"/proc/{child}/status").exists())


def dir_mb(path: Path) -> float:
    """Size of the files under ``path``, in MB."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6


def percentiles(ms: list[float]) -> dict[str, float]:
    """p50 / p95 / p99 of latencies in milliseconds, rounded to 0.1 ms."""
    import numpy as np

    a = np.asarray(ms)
    return {f"p{p}": round(float(np.percentile(a, p)), 1) for p in (50, 95, 99)}


def cpu_name() -> str:
    return next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")), platform.processor() or platform.machine())


def machine() -> str:
    """When and where a figure was measured (the box is shared: figures are a floor)."""
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores ({cpu_name()}), "
            f"1-min load average {os.getloadavg()[0]:.2f} when recorded (shared box: figures are a floor)")
