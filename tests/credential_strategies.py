"""Hypothesis strategies for credentials drawn from the real credential schema.

A small schema-to-strategy walker (hypothesis-jsonschema 0.23.1 fails on every object
schema with Hypothesis 6.170: `'many' object has no attribute 'more'`). For speed, texts
are a few tokens that include HTML's, markdown's and YAML's special characters, lists
hold at most 3 entries, URLs have one shape, and the fields that need other files
(image, prerequisites, replaced_by, translation_of) are left out; a language is one of the
schema's examples (tags are checked by a parser, not a pattern to draw from).

`CREDENTIALS` are valid: every one loads without an error beside the minimal fixture.
`MUTATIONS` are such credentials changed in one place anywhere in their tree.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from conftest import REPO

# ctid: each file must own its own (a duplicate is an error), and drawn ones repeat.
LEFT_OUT = {"image", "prerequisites", "replaced_by", "translation_of", "ctid"}
URLS = st.sampled_from(("https://a.example.org/", "https://b.example.org/x?y=1&z=2", "https://example.org/%3Cb%3E"))
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"  # ids: joined from words, which draws far faster than the regex
SLUGS = st.builds("{}-{}".format, st.sampled_from(("a", "meets", "part", "x1")), st.integers(0, 10**6))
# Semantic versions, built from numbers: drawn from the schema's regex, they took longer
# than the rest of a credential.
NUMBER = st.integers(0, 20)
VERSIONS = st.builds("{}.{}.{}{}".format, NUMBER, NUMBER, NUMBER, st.sampled_from(("", "-rc.1", "+build.7", "-beta-2+x.y")))
# Texts are joined from tokens, not drawn a character at a time: a few choices per field
# instead of dozens keeps thousands of examples within seconds, and the tokens carry the
# characters that matter to HTML, markdown and YAML.
TOKENS = ("a", "bc", "XYZ", "019", ".", ",", "&", "&amp;", "<", ">", "<b>", '"', "'", "*", "_", "-", "#", ":", "é", "😀")
TEXTS = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5).map(" ".join)
PRINTABLE_ASCII = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
SCHEMA = json.loads((REPO / "schema/credential.schema.json").read_text(encoding="utf-8"))
SEMVER = SCHEMA["properties"]["version"]["pattern"]


def strategy(node: dict):
    """A strategy for values valid against `node`, for the keywords the credential schema uses."""
    if "$ref" in node:
        return strategy(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        return _object(node)
    if kind == "array":
        items = st.lists(strategy(node.get("items", {})), min_size=node.get("minItems", 0),
                         max_size=min(node.get("maxItems", 3), 3), unique=node.get("uniqueItems", False))
        return items
    if kind in ("number", "integer"):
        low = node.get("minimum", node.get("exclusiveMinimum", -1) + 1)
        high = node.get("maximum", 500)
        whole = st.integers(low, high)
        return whole if kind == "integer" else whole | st.integers(low, high - 1).map(lambda n: n + 0.5)
    if kind == "boolean":
        return st.booleans()
    if node.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat())
    if node.get("pattern") == "^https://":
        return URLS
    if node.get("pattern") == SLUG:
        return SLUGS
    if node.get("pattern") == SEMVER:
        return VERSIONS
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True, alphabet=PRINTABLE_ASCII).filter(lambda t: len(t) <= node.get("maxLength", 80))
    return TEXTS


def _object(node: dict):
    properties = {name: sub for name, sub in node.get("properties", {}).items() if name not in LEFT_OUT}
    required = set(node.get("required", ()))
    for alternative in node.get("anyOf", ())[:1]:  # research: `url` or `doi`; the first is enough
        required |= set(alternative.get("required", ()))

    # built once, not per draw: making a strategy (from_regex above all) costs more than drawing from it
    strategies = {name: st.sampled_from(sub["examples"]) if name == "language" else strategy(sub) for name, sub in properties.items()}

    @st.composite
    def build(draw):
        chosen = [n for n in properties if n in required or draw(st.booleans())]
        return {name: draw(strategies[name]) for name in chosen}

    return build()


def publishable(data: dict) -> dict:
    """What the generator cannot express: one passing level (minContains), ids used once
    within the credential (a cross-file check), and a published status (the fixture's other
    files refer to this credential, so a draft is an error)."""
    submission = data["submission"]
    for i, level in enumerate(submission["scale"]):
        level.pop("passing", None)
        if i == 0:
            level["passing"] = True
    entries = [*submission["scale"], *submission["parts"], *(c for part in submission["parts"] for c in part["criteria"])]
    for number, entry in enumerate(entries):
        entry["id"] = f"{entry['id']}-{number}"
    if data["status"] == "draft":
        data["status"] = "active"
    return data


CREDENTIALS = strategy(SCHEMA).map(publishable)

WRONG_VALUES = st.sampled_from([None, True, 0, 2.5, -1, "", "x", "http://x.example.org", "2024-02-30", "a b",
                                [], [1, 1], {}, {"a": 1}])
ACTIONS = ("replace", "remove", "unknown field", "duplicate")


def paths(value, path=()):
    """The path of every value in `value`'s tree, the root's (()) first."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, path + (index,))


def mutate(data, path: tuple, action: str, wrong, key: str):
    """A copy of `data` with the value at `path` replaced by `wrong`, removed, given an
    unknown field `key` (a mapping) or written twice in its list (a list's entry)."""
    if not path:
        return {**data, key: wrong} if action == "unknown field" else data
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copy[head] = mutate(data[head], rest, action, wrong, key)
    elif action == "replace":
        copy[head] = wrong
    elif action == "remove":
        del copy[head]
    elif action == "unknown field" and isinstance(data[head], dict):
        copy[head] = {**data[head], key: wrong}
    elif action == "duplicate" and isinstance(copy, list):
        copy.insert(head, data[head])
    return copy


@st.composite
def _mutations(draw):
    """(credential, path): a valid credential changed at `path`, or next to it (an unknown
    field is added inside the mapping at `path`, a duplicate beside the list entry)."""
    credential = draw(CREDENTIALS)
    path = draw(st.sampled_from(list(paths(credential))))
    action = draw(st.sampled_from(ACTIONS))
    key = draw(st.sampled_from(("colour", "titel", "id", "notes")))
    return mutate(credential, path, action, draw(WRONG_VALUES), key), path


MUTATIONS = _mutations()
