"""`python -m microcred validate | new | init | translations`: check the whole catalog, start a
definition, adopt the repository, or check the interface's message catalogs."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import sys
from pathlib import Path

from .adopt import apply_adoption, plan_adoption, report
from .i18n import LOCALES, SOURCE, catalog_status, catalog_tag, catalogs, fill_source
from .identity import Identity, read_identity
from .layout import KINDS
from .pipeline import load_catalog
from .problems import ERROR, WARNING, Problem, summary
from .scaffold import Refusal, next_steps, plan_scaffold, write_scaffold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="microcred", description="Micro-credential catalog tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every definition under catalog/")
    validate.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    validate.add_argument("--strict", action="store_true", help="treat quality warnings as errors")
    new = commands.add_parser("new", help="start a definition from a commented template")
    new.add_argument("kind", choices=KINDS)
    new.add_argument("--issuer", required=True, help="issuer id: the folder under catalog/")
    new.add_argument("--id", dest="item_id", help="id of the credential or pathway (its file name)")
    new.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    init = commands.add_parser("init", help="make this repository your organisation's catalog")
    init.add_argument("--name", required=True, help="the catalog's name (site_name)")
    init.add_argument("--url", required=True, help="the site's public address (site_url)")
    init.add_argument("--repo", required=True, help="the GitHub repository: owner/name")
    init.add_argument("--issuer", help="the first issuer's id (default: made from --name)")
    init.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    translations = commands.add_parser("translations", help="complete the source language's catalog and report every catalog")
    translations.add_argument("--locales", type=Path, default=LOCALES, help="the catalogs' folder")
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args)
    if args.command == "init":
        return _init(args)
    if args.command == "translations":
        return _translations(args)
    return _validate(args)


def _translations(args) -> int:
    """Run by `make translations` after pybabel has updated the catalogs."""
    broken = False
    for po_file in catalogs(args.locales):
        if catalog_tag(po_file) == SOURCE.tag:
            fill_source(po_file)
        status = catalog_status(po_file)
        print(status.as_text())
        broken = broken or bool(status.errors)
    return 1 if broken else 0


def _validate(args) -> int:
    try:
        result = load_catalog(args.root)
    except Exception as error:  # noqa: BLE001 - a bug must still reach the user as one line, not a traceback
        print(f"catalog/:1:1: error: internal error while checking the catalog: {error!r} — please report it", file=sys.stderr)
        return 2
    problems = result.problems
    if args.strict:
        problems = tuple(dataclasses.replace(p, severity=ERROR) for p in problems)
    for problem in problems:
        print(problem.as_github() if args.format == "github" else problem.as_text())
    if problems:
        print(summary(problems), file=sys.stderr)
    else:
        print(f"{len(result.documents)} definition files checked: no problems", file=sys.stderr)
    return 1 if not result.ok or (args.strict and problems) else 0


def _new(args) -> int:
    if args.kind != "issuer" and args.item_id is None:
        args.item_id = ""  # reported by plan_scaffold with an example
    read = read_identity(args.root)
    identity = read if isinstance(read, Identity) else None
    if isinstance(read, Problem):
        # The template is still worth having; only the site's addresses are left out.
        print(dataclasses.replace(read, severity=WARNING).as_text(), file=sys.stderr)
    scaffold = plan_scaffold(args.root, args.kind, args.issuer, args.item_id, datetime.date.today(), identity)
    if isinstance(scaffold, Refusal):
        print(f"error: {scaffold.message} — {scaffold.fix}", file=sys.stderr)
        return 1
    try:
        write_scaffold(args.root, scaffold)
    except OSError as error:
        print(f"error: cannot write {scaffold.path}: {error.strerror} — check the folder's permissions", file=sys.stderr)
        return 1
    print(f"created {scaffold.path}")
    print("\n".join(["Next steps:", *next_steps(args.kind, scaffold, identity)]))
    return 0


def _init(args) -> int:
    plan = plan_adoption(args.root, args.name, args.url, args.repo, args.issuer, datetime.date.today())
    if isinstance(plan, list):
        for refusal in plan:
            print(f"error: {refusal.message} — {refusal.fix}", file=sys.stderr)
        return 1
    try:
        apply_adoption(args.root, plan)
    except OSError as error:
        print(f"error: cannot change {error.filename}: {error.strerror} — check the folder's permissions, then run it again",
              file=sys.stderr)
        return 1
    print("\n".join(report(plan)))
    return 0
