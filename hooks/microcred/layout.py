"""The catalog's layout and lifecycle, in one place: which kinds of definition there are,
the folder each lives in, where a file of each kind goes, and which statuses are published.

Discovery, validation, the scaffold, the field reference and the cross-file checks all
ask here, so adding a kind or a status is one edit.
"""

from __future__ import annotations

KINDS = ("issuer", "credential", "pathway")
FOLDER_OF_KIND = {"credential": "credentials", "pathway": "pathways"}  # issuers are the folder itself
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDER_OF_KIND.items()}
PUBLISHED_STATUSES = ("active", "retired")  # drafts are checked but never published


def is_published(status: object) -> bool:
    return status in PUBLISHED_STATUSES


def definition_path(kind: str, issuer_id: str, item_id: str | None = None) -> str:
    """Where a definition lives, repository-relative: catalog/<issuer>/credentials/<id>.yml."""
    if kind == "issuer":
        return f"catalog/{issuer_id}/issuer.yml"
    return f"catalog/{issuer_id}/{FOLDER_OF_KIND[kind]}/{item_id}.yml"
