"""`python -m microcred validate`: check the whole catalog and print every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import load_catalog
from .problems import summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="microcred", description="Micro-credential catalog tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every definition under catalog/")
    validate.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    args = parser.parse_args(argv)

    try:
        result = load_catalog(args.root)
    except Exception as error:  # noqa: BLE001 - a bug must still reach the user as one line, not a traceback
        print(f"catalog/:1:1: error: internal error while checking the catalog: {error!r} — please report it", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem.as_github() if args.format == "github" else problem.as_text())
    count = sum(1 for d in result.documents)
    if result.problems:
        print(summary(result.problems), file=sys.stderr)
    else:
        print(f"{count} definition files checked: no problems", file=sys.stderr)
    return 1 if not result.ok else 0
