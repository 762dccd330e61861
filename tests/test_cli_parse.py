"""``yulu parse`` (and the options ``yulu index`` shares with it) through click's
CliRunner: output, notes, warnings, summaries and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from indexer.cli import EXIT_SKIPPED, main

META = 'title = "测试"\nyear = 2020\nleader = "习近平"\n'
SEED_SUMMARY = (
    "yulu: xi-jinping-covid19-remarks-2020.txt: 125 quotes, 2020-03-04…2020-04-03, "
    "18 headings, 0 titles, 0 lines reported\n"
)


def write_doc(folder, text, name="doc", meta=META):
    if meta is not None:
        (folder / f"{name}.toml").write_text(meta, encoding="utf-8")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_bundled_corpus_as_json_lines(seed):
    result = CliRunner().invoke(main, ["parse"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [q.to_dict() for q in seed.quotes]
    assert "人类命运共同体" in result.stdout  # unescaped Chinese
    assert result.stderr == SEED_SUMMARY


def test_skipped_lines_set_exit_status_and_strict_fails(tmp_path):
    path = write_doc(tmp_path, "一、在内事活动中\n甲。\n——3月1日，习近平考察\n乙。\n")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == EXIT_SKIPPED
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines() == [
        "warning: doc.txt:4: paragraphs after the last attribution (line 4) (1 line skipped)",
        "warning: 1 input line(s) skipped",
        "yulu: doc.txt: 1 quote, 2020-03-01, 1 heading, 0 titles, 1 line reported",
    ]
    strict = CliRunner().invoke(main, ["parse", "--strict", str(path)])
    assert strict.exit_code == 1 and strict.stdout == ""
    assert "Error: 1 warning(s) with --strict" in strict.stderr


def test_no_metadata_file_is_needed(tmp_path):
    text = "习近平关于学习的论述摘编\n编者按：摘编如下。\n甲乙。\n——2021年3月1日，习近平在一次会议上强调\n（来源：某网）\n"
    path = write_doc(tmp_path, text, meta=None)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == "甲乙。"
    assert result.stderr.splitlines() == [
        "note: doc.txt: title 习近平关于学习的论述摘编 from the title line; leader 习近平 from the title",
        "note: doc.txt:1: preamble (lines 1–2): 习近平关于学习的论述摘编",
        "note: doc.txt:5: trailer (line 5): （来源：某网）",
        "yulu: doc.txt: 1 quote, 2021-03-01, 0 headings, 0 titles, 0 lines reported",
    ]
    strict = CliRunner().invoke(main, ["parse", "--strict", str(path)])
    assert strict.exit_code == 0  # notes are not warnings


def test_a_document_with_no_year_is_a_one_line_error_naming_the_fix(tmp_path):
    path = write_doc(tmp_path, "一、在内事活动中\n甲。\n——3月1日，习近平考察\n", "lonely", None)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: lonely.txt:3: the attributions write no year (3月1日)")
    assert "--year" in line and "lonely.toml" in line
    assert "Traceback" not in result.output
    fixed = CliRunner().invoke(main, ["parse", "--year", "2019", "--leader", "习近平", str(path)])
    assert fixed.exit_code == 0
    assert json.loads(fixed.stdout)["date"] == "2019-03-01"
    bad = CliRunner().invoke(main, ["parse", "--year", "twenty", str(path)])
    assert bad.exit_code == 2 and "--year" in bad.stderr


def test_documents_prints_the_document_records(tmp_path):
    text = "习近平关于学习的论述摘编\n一、学习\n甲乙。\n——2021年3月1日，习近平在一次会议上强调\n责任编辑：某某\n"
    path = write_doc(tmp_path, text, meta=None)
    result = CliRunner().invoke(main, ["parse", "--documents", "--title", "不用", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "source": "doc.txt",
        "title": "习近平关于学习的论述摘编",
        "title_from": "title line",
        "leader": "习近平",
        "leader_from": "title",
        "year": None,
        "year_from": "attributions",
        "preamble": [{"line": 1, "text": "习近平关于学习的论述摘编"}],
        "trailer": [{"line": 5, "text": "责任编辑：某某"}],
        "outline": [{"line": 2, "level": 1, "number": 1, "title": "学习"}],
        "titles": [],
        "quotes": 1,
        "undated": 0,
        "first_date": "2021-03-01",
        "last_date": "2021-03-01",
        "reported": 0,
    }


def test_one_summary_per_document_at_the_end(tmp_path):
    write_doc(tmp_path, "甲。\n——2021年3月1日，习近平在一次会议上强调\n", "a", None)
    write_doc(tmp_path, "乙。\n——《一篇文章》，《文集》第二卷\n丙。\n", "b", None)
    result = CliRunner().invoke(main, ["parse", "--leader", "习近平", str(tmp_path)])
    assert result.exit_code == EXIT_SKIPPED
    assert result.stderr.splitlines()[-2:] == [
        "yulu: a.txt: 1 quote, 2021-03-01, 0 headings, 0 titles, 0 lines reported",
        "yulu: b.txt: 1 quote, no dates (1 undated), 0 headings, 0 titles, 1 line reported",
    ]


def test_gb18030_file_is_read_and_reported(tmp_path):
    path = tmp_path / "gbk.txt"
    (tmp_path / "gbk.toml").write_text(META, encoding="utf-8")
    path.write_bytes("一、在内事活动中\n甲。\n——3月1日，习近平考察\n".encode("gb18030"))
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == "甲。"
    assert "gbk.txt:1: not UTF-8 here; decoded the file as GB18030" in result.stderr


def test_a_folder_without_documents_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 1
    assert "no documents" in result.stderr
    index = CliRunner().invoke(main, ["index", str(tmp_path), "--index-dir", str(tmp_path / "ix")])
    assert index.exit_code == 1 and "no documents" in index.stderr


def test_a_corpus_gazetteer_extends_the_bundled_tables(tmp_path):
    text = "二、在外事活动中的重要论述\n甲乙。\n——5月1日，习近平同图瓦卢总理纳塔诺通电话\n"
    path = write_doc(tmp_path, text)
    before = CliRunner().invoke(main, ["parse", str(path)])
    assert json.loads(before.stdout)["counterparts"] == []
    assert "no counterpart recognised" in before.stderr
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "places.tsv").write_text("图瓦卢\tcountry\t\n", encoding="utf-8")
    after = CliRunner().invoke(main, ["parse", str(path)])
    assert after.exit_code == 0 and "warning" not in after.stderr
    assert json.loads(after.stdout)["counterparts"] == [
        {"name": "纳塔诺", "title": "图瓦卢总理", "country": "图瓦卢"}
    ]


def test_a_corpus_gazetteer_extends_the_layout_cues(tmp_path):
    text = (
        "一、总论\n♦学习\n甲乙。\n——2021年3月1日，习近平在一次会议上强调\n"
        "丙丁。\n——2021年3月2日，习近平在一次会议上强调\n♦思考\n戊。\n——2021年3月3日，习近平强调\n"
    )
    path = write_doc(tmp_path, text, meta=None)

    def sections():
        result = CliRunner().invoke(main, ["parse", str(path)])
        return [json.loads(line)["section"] for line in result.stdout.splitlines()]

    assert sections() == ["♦学习", "♦学习", "♦思考"]  # unmarked headings
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "layout.tsv").write_text("bullet\t♦\n", encoding="utf-8")
    assert sections() == ["学习", "学习", "思考"]  # bulleted
    (tmp_path / "gazetteer" / "layout.tsv").write_text("heading\t♦\n", encoding="utf-8")
    wrong = CliRunner().invoke(main, ["parse", str(path)])
    assert wrong.exit_code == 1 and "layout.tsv:1: expected a kind" in wrong.stderr


def test_index_takes_the_same_options(tmp_path):
    corpus = tmp_path / "Corpus"
    corpus.mkdir()
    write_doc(corpus, "甲乙丙丁。\n——3月1日，在一次会议上的讲话\n", meta=None)
    ix = str(tmp_path / "ix")
    failed = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", ix])
    assert failed.exit_code == 1 and "--year" in failed.stderr
    built = CliRunner().invoke(
        main, ["index", str(corpus), "--index-dir", ix, "--year", "2018", "--leader", "李四"]
    )
    assert built.exit_code == 0, built.output
    found = CliRunner().invoke(main, ["search", "甲乙", "--json", "--index-dir", ix])
    [hit] = json.loads(found.stdout)["hits"]
    assert (hit["date"], hit["leader"], hit["date_precision"]) == ("2018-03-01", "李四", "day")


def test_quote_titles_and_date_precision_can_be_searched(tmp_path):
    from pathlib import Path

    genre = Path(__file__).parent / "genre"
    (tmp_path / "list.txt").write_bytes((genre / "reading-list.txt").read_bytes())
    (tmp_path / "column.txt").write_bytes((genre / "newspaper-column.txt").read_bytes())
    ix = str(tmp_path / "ix")
    assert CliRunner().invoke(main, ["index", str(tmp_path), "--index-dir", ix]).exit_code == 0

    def lines(query):
        found = CliRunner().invoke(main, ["search", query, "--json", "--index-dir", ix])
        return sorted(hit["line"] for hit in json.loads(found.stdout)["hits"])

    assert lines("title:抓住关键少数") == [9]
    assert lines("date_precision:month") == [7]
    assert lines("纪律 date_precision:day") == [13]
