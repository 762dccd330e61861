"""Research tools over the search service: each takes the same :class:`SearchRequest`
as a search, computes over every quote it matches, and returns plain data with
``to_dict()`` (JSON) and ``table()`` (CSV columns and rows):

* :func:`indexer.tools.trend.trend`: matching quotes per day, ISO week, month or year;
* :func:`indexer.tools.kwic.concordance`: every occurrence in context (KWIC);
* :func:`indexer.tools.formulations.formulations`: repeated formulations (suffix array);
* :func:`indexer.tools.keywords.keywords`: distinctive words (G², log ratio).

:mod:`indexer.tools.chart` draws SVG charts, :mod:`indexer.tools.export` writes CSV,
TSV and JSON Lines. Importing this package loads nothing heavy: numpy, Whoosh and jieba
load when a tool runs."""
