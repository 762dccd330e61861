"""The field declaration drives the code: renamed fields work everywhere, and a
declaration yulu cannot use is refused with one line."""

from __future__ import annotations

import re

import pytest

from indexer.index import declaration
from indexer.index.declaration import DeclarationError, read_declaration
from indexer.paths import schema_file

RENAMES = {
    "id": "qid",
    "record": "doc",
    "text": "words",
    "norm": "normalised",
    "counterpart": "party",
    "date": "day",
    "path": "file",
}


def renamed_declaration(tmp_path):
    text = schema_file().read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        text = text.replace(f"[fields.{old}]", f"[fields.{new}]")
    path = tmp_path / "renamed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_renamed_fields_work_in_builds_filters_facets_and_queries(tmp_path, monkeypatch, seed):
    from indexer.pipeline.build import build_index
    from indexer.search.request import SearchRequest
    from indexer.search.service import QuoteIndex

    monkeypatch.setattr(declaration, "schema_file", lambda: renamed_declaration(tmp_path))
    declaration.load_spec.cache_clear()
    try:
        spec = declaration.load_spec()
        assert (spec.words, spec.record, spec.unique, spec.path) == ("words", "doc", "qid", "file")
        build_index(tmp_path / "ix")
        with QuoteIndex.open(tmp_path / "ix") as ix:
            assert "party" in ix.schema.names() and "counterpart" not in ix.schema.names()
            request = SearchRequest(
                '"人类命运共同体"', filters={"party": ["普京"]}, facets=["party", "country"]
            )
            results = ix.search(request)
            assert [h.quote.line for h in results.hits] == [155]
            assert results.facets == {"party": {"普京": 1}, "country": {"俄罗斯": 1}}
            by_query = ix.search(SearchRequest('party:普京 AND day:2020-03-19 "人类命运共同体"'))
            assert [h.quote.id for h in by_query.hits] == [h.quote.id for h in results.hits]
            quote = results.hits[0].quote
            assert ix.get(quote.id) == quote
            expected = sum(1 for q in seed.quotes if any(c.name == "普京" for c in q.counterparts))
            assert ix.search(SearchRequest(filters={"party": ["普京"]})).total == expected
            with pytest.raises(Exception, match="no filter 'counterpart'"):
                ix.search(SearchRequest(filters={"counterpart": ["普京"]}))
    finally:
        declaration.load_spec.cache_clear()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('kind = "words"', 'kind = "words"\nboost = 2'), "unknown key 'boost'"),
        (lambda t: t.replace('kind = "words"', 'kind = "prose"'), "has kind 'prose'"),
        (lambda t: t.replace('aliases = "people"', 'aliases = "pets"', 1), "tables are people"),
        (lambda t: t.replace('from = "@path"', 'from = "path"'), "one document path"),
        (lambda t: t.replace("unique = true", ""), "exactly one unique field"),
        (lambda t: re.sub(r"\[fields\.norm\][^\[]*", "", t), "one field of kind normalized"),
        (lambda t: t.replace("facet = true", 'facet = "yes"', 1), "must be true or false"),
        (lambda t: t + "\n[other]\nx = 1\n", "[fields.NAME] tables only"),
        (lambda t: t.replace("[fields.text]", "[fields.text"), "not valid UTF-8 TOML"),
    ],
)
def test_a_declaration_yulu_cannot_use_is_one_clear_error(tmp_path, edit, message):
    path = tmp_path / "bad.toml"
    path.write_text(edit(schema_file().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        read_declaration(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_the_bundled_declaration_reads_and_every_field_has_a_use():
    spec = read_declaration(schema_file())
    roles = {spec.words, spec.record, spec.unique, spec.path, spec.date_start, spec.date_end}
    roles |= {spec.of_kind(k) for k in declaration.SINGLE_KINDS}
    unused = [f.name for f in spec.fields if f.name not in roles and not (f.query or f.facet)]
    assert unused == []
