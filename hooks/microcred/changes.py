"""Which files a pull request adds or changes, as git tells it: so that a clash between two
files is reported on the one the contributor touched, not on the established one.

The base is the branch the pull request merges into (GitHub Actions names it in
GITHUB_BASE_REF) or else the catalog's source branch; "changed" is everything since the
fork point with it: commits, staged and unstaged edits, and new untracked files, so a
contributor's `make validate` before committing sees what CI will.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

BASE_REF_ENV = "GITHUB_BASE_REF"
GIT_TIMEOUT = 30  # seconds; a stuck git must not stall a build


def changed_paths(root: Path, source_branch: str) -> frozenset[str] | None:
    """Paths under `root` (relative to it, forward slashes) new or changed since the base
    branch, or None when git cannot tell (no git, not a repository, base not fetched)."""
    base = os.environ.get(BASE_REF_ENV) or source_branch
    # The remote's branch first: a contributor's local copy of it may be behind.
    fork_point = next(filter(None, (_git(root, "merge-base", "HEAD", ref) for ref in (f"origin/{base}", base))), None)
    if fork_point is None:
        return None
    changed = _git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", fork_point.strip())
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    if changed is None or untracked is None:
        return None
    return frozenset(path for path in (changed + untracked).split("\0") if path)


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when it fails: every failure means the same, git cannot tell."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None
