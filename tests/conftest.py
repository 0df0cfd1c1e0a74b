"""Suite-wide set-up shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# One model + embedding cache for the whole run (and across runs of a checkout), so the
# embedded model is converted once and clauses are embedded once. Tests that must prove
# conversion or caching from scratch point POLICYKG_CACHE at their own tmp dir.
os.environ.setdefault("POLICYKG_CACHE", str(REPO / ".pytest_cache" / "policykg-cache"))
# Nothing may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
