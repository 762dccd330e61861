"""Analysis: one normalisation for text and queries, jieba words, and the Whoosh
tokenizers and filters built on them (composed as Whoosh's own ``analysis`` package
composes ``Tokenizer | Filter``)."""
