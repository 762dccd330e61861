"""tantivy over jieba's words, the usual setup for Chinese: the normalised text cut by
jieba (accurate mode), a needle cut the same way and searched as a phrase of its words.
Inexact by design: a needle whose cut differs from the text's around it is missed."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.engines import tantivy_chars


@cache
def _tokenizer() -> Any:
    import logging

    import jieba

    from indexer.paths import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())  # jieba's cache out of the shared temp folder
    return tokenizer


def words(text: str) -> list[str]:
    return [w for w in _tokenizer().lcut(text) if w.strip()]


def build(records: Path, corpus: Path, target: Path) -> None:
    tantivy_chars.build(records, corpus, target, tokens=words)


def open(target: Path, records: Path) -> tantivy_chars.TantivySearcher:
    return tantivy_chars.TantivySearcher(target, records, words)


#: ``python -c CLI TARGET NEEDLE COUNTERPART``: open, cut the needle, query, print ten hits.
CLI = """
import logging, os, sys, jieba, tantivy
jieba.setLogLevel(logging.WARNING)
jieba.dt.tmp_dir = os.environ.get("XDG_CACHE_HOME")
index = tantivy.Index.open(sys.argv[1])
schema, Q = index.schema, tantivy.Query
words = jieba.lcut(sys.argv[2])
if len(words) > 1:
    text = Q.phrase_query(schema, "body", words)
else:
    text = Q.term_query(schema, "body", words[0])
name = Q.term_query(schema, "counterpart", sys.argv[3])
q = Q.boolean_query([(tantivy.Occur.Must, text), (tantivy.Occur.Must, name)])
searcher = index.searcher()
for score, addr in searcher.search(q, limit=10).hits:
    doc = searcher.doc(addr)
    print(doc["id"][0], bytes(doc["text"][0]).decode()[:60])
"""
