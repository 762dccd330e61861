"""yulu leaves jieba's logging as the program had it (issue 22, failure 14): it silences
jieba only while it builds a tokenizer, never for the whole process."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import logging
import jieba
jieba.setLogLevel(logging.INFO)
from indexer.analysis.segment import Segmenter
Segmenter.full().words("我们要加强国际合作")
print(logging.getLevelName(jieba.default_logger.level))
"""


def test_importing_and_using_the_segmenter_keeps_jieba_s_log_level(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "INFO"
    assert "Building prefix dict" not in done.stderr  # quiet while yulu builds it
