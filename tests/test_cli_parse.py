"""``yulu parse`` through click's CliRunner: output, warnings and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from indexer.cli import EXIT_SKIPPED, main

META = 'title = "测试"\nyear = 2020\nleader = "习近平"\n'


def write_doc(folder, text, name="doc"):
    (folder / f"{name}.toml").write_text(META, encoding="utf-8")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_bundled_corpus_as_json_lines(seed):
    result = CliRunner().invoke(main, ["parse"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [q.to_dict() for q in seed.quotes]
    assert "人类命运共同体" in result.stdout  # unescaped Chinese
    assert result.stderr == ""


def test_skipped_lines_set_exit_status_and_strict_fails(tmp_path):
    path = write_doc(tmp_path, "一、在内事活动中\n甲。\n——3月1日，习近平考察\n乙。\n")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == EXIT_SKIPPED
    assert len(result.stdout.splitlines()) == 1
    assert "doc.txt:4: paragraphs after the last attribution" in result.stderr
    strict = CliRunner().invoke(main, ["parse", "--strict", str(path)])
    assert strict.exit_code == 1 and strict.stdout == ""
    assert "Error: 1 warning(s) with --strict" in strict.stderr


def test_missing_metadata_is_one_line_error(tmp_path):
    path = tmp_path / "lonely.txt"
    path.write_text("一、在内事活动中\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("Error: ")
        and "lonely.toml: metadata file missing" in result.stderr
    )
    assert "Traceback" not in result.output


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
    assert "no documents; a corpus folder holds *.txt files" in result.stderr
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
    assert after.exit_code == 0 and after.stderr == ""
    assert json.loads(after.stdout)["counterparts"] == [
        {"name": "纳塔诺", "title": "图瓦卢总理", "country": "图瓦卢"}
    ]
