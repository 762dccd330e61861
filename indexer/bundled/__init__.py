"""Data that ships inside the package: the bundled corpus (``indexer.bundled.corpus``,
from the repository's ``corpus/``) and the field declaration (``indexer.bundled.schema``,
from ``schema/``). In a source checkout they are read from those folders directly."""
