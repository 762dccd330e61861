"""The request vocabulary: one reader of any mapping of strings into a search request
and a tool's options, one set of messages for every door, and each tool's options
declared once (the CLI's options and the web's parameters are made from them)."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.index.declaration import load_spec
from indexer.search.vocabulary import (
    ParameterError,
    option_names,
    options_from_mapping,
    request_from_mapping,
    terms,
)
from indexer.tools.options import TOOL_OPTIONS, KeywordsOptions, KwicOptions
from indexer.web.params import args_of, tool_request

SPEC = load_spec()
#: What every command adds to a tool's own options, and the request's options.
DOOR = {"index_dir", "trust_index", "fresh", "format", "as_json", "as_csv", "excel", "xlsx",
        "raw_cells"}  # fmt: skip
SHARED = {f.name for f in SPEC.filters} | {"since", "until", "distinct_remarks", "facets"}


def test_a_mapping_of_strings_is_a_search_request():
    request = request_from_mapping(
        {
            "q": "合作",
            "leader": ["习近平"],
            "since": "2020",
            "until": "2020-02",
            "limit": "5",
            "facet": ["leader", "leader"],
            "distinct_remarks": "1",
        }
    )
    assert (request.query, dict(request.filters), request.since, request.until) == (
        "合作", {"leader": ("习近平",)}, "2020-01-01", "2020-02-29"
    )  # fmt: skip
    assert (request.limit, request.facets, request.distinct_remarks) == (5, ("leader",), True)
    assert request_from_mapping({}).limit == 10


@pytest.mark.parametrize("tool", sorted(TOOL_OPTIONS))
def test_each_tools_cli_options_and_url_parameters_come_from_its_dataclass(tool):
    options = TOOL_OPTIONS[tool]
    command = main.commands[tool]
    params = {p.name: p for p in command.params if p.name not in DOOR | SHARED}
    params.pop("words", None), params.pop("query_words", None), params.pop("node", None)
    assert list(params) == option_names(options, SPEC, door="cli"), tool
    node = [] if tool in ("kwic", "trend", "formulations", "keywords", "words") else ["合"]
    made = command.make_context(tool, [*node, "合作"]).params
    for field, term in terms(options):
        if "cli" in term.doors and term.kind.name != "reference":
            assert made[field.name] == field.default, (tool, field.name)
    web = tool_request(args_of({}), SPEC, options)
    assert set(web.options) == {f.name for f, t in terms(options) if "web" in t.doors}


BAD = [
    ("kwic", "width", "-1", "width must be at least 0"),
    ("kwic", "sort", "up", "Invalid value for 'sort': 'up' is not one of 'date', "),
    ("keywords", "alpha", "0", "alpha must be more than 0 and at most 1"),
    ("keywords", "min_count", "x", "Invalid value for 'min_count': 'x' is not a valid integer"),
    ("trend", "by", "decade", "Invalid value for 'by': 'decade' is not one of 'day'"),
]


@pytest.mark.parametrize(("tool", "name", "value", "message"), BAD)
def test_one_message_whichever_door(tool, name, value, message, seed_index_dir):
    with pytest.raises(ParameterError) as caught:
        options_from_mapping(TOOL_OPTIONS[tool], {name: value})
    assert str(caught.value).startswith(message)
    option = "--" + name.replace("_", "-")
    result = CliRunner().invoke(
        main, [tool, option, value, "--index-dir", str(seed_index_dir), "合作"]
    )
    cli = message.replace(f"'{name}'", f"'{option}'").replace(f"{name} must", f"{option} must")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {cli}") and result.stderr.count("\n") == 1


def test_the_reference_is_one_option_of_keywords_read_from_its_names():
    found, given = options_from_mapping(
        KeywordsOptions, {"reference": "斗争", "reference_leader": "习近平", "top": "3"}
    )
    assert given == {"reference", "top"}
    assert (found.reference.query, dict(found.reference.filters)) == (
        "斗争",
        {"leader": ("习近平",)},
    )
    assert options_from_mapping(KeywordsOptions, {})[0].reference is None


def test_a_notebooks_keywords_read_as_the_url_does():
    assert options_from_mapping(KwicOptions, {"width": 12, "sort": "left"})[0] == (
        dataclasses.replace(KwicOptions(), width=12, sort="left")
    )


def test_a_choice_of_the_declarations_facets_reads_without_an_index():
    from indexer.tools.options import TrendOptions

    assert options_from_mapping(TrendOptions, {"split": "leader"})[0].split == "leader"
    with pytest.raises(ParameterError, match="'colour' is not one of 'counterpart'"):
        options_from_mapping(TrendOptions, {"split": "colour"})
