"""Review pages in a real headless browser (Debian's chromium): the marks survive the browser's parsing, and it draws them.

CI installs the browser with ``apt-get install -y chromium chromium-driver``; without it these
tests skip. Each test starts chromium once (about a second) on a file URL: no server, no network.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from jsec_data.load import load_articles
from jsec_data.review import render_article, write_review_site
from jsec_data.review.source import views_from_build

from .conftest import read_article

CHROMIUM = os.environ.get("JSEC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed: apt-get install -y chromium chromium-driver (or set JSEC_CHROMIUM)")

ARTICLE = "1e0cd23aaef11339"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the browser once with a fresh profile; fail (never hang) if it does not finish."""
    assert CHROMIUM is not None
    profile = tmp / "profile"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish in 60 s: {' '.join(command)}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert run.returncode == 0, run.stderr[-2000:]
    return run


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_review_site(out)
    return out


def test_the_browser_keeps_every_mark_in_place(site: Path, tmp_path: Path) -> None:
    (view,) = views_from_build(article_ids=[ARTICLE])
    dom = chromium(tmp_path, "--dump-dom", (site / f"{ARTICLE}.html").as_uri()).stdout
    page = read_article(dom)
    assert view.article is not None
    assert page.text == view.article.text  # the browser's DOM holds the text exactly, nothing moved out of place
    assert page.attrs["dir"] == "rtl" and page.attrs["lang"] == "ar"
    for quotation in view.quotations:
        covered = [i for i in range(len(page.text)) if quotation.quotation_id in page.ids_at(i)]
        assert covered == list(range(quotation.char_start, quotation.char_end)), quotation.quotation_id
        assert f'id="{quotation.quotation_id}"' in dom
    assert {m.mention_id for m in view.mentions} <= {e.attrs.get("data-id") for e, _ in page.elements}


def test_the_browser_runs_no_script_from_the_text(mini_raw: Path, tmp_path: Path) -> None:
    article = next((mini_raw / "articles").glob("*0123456789abcdef.txt"))
    text = article.read_text(encoding="utf-8").replace("يوم الخميس.", 'يوم الخميس. <script>document.title="pwned"</script>', 1)
    article.write_text(text, encoding="utf-8")
    page_file = tmp_path / "page.html"
    page_file.write_text(render_article("0123456789abcdef", raw_dir=mini_raw), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page_file.as_uri()).stdout
    assert "<script" not in dom and "pwned</title>" not in dom
    page = read_article(dom)
    assert '<script>document.title="pwned"</script>' in page.text
    assert any("warn" in e.attrs.get("class", "").split() for e, _ in page.elements)  # the unclosed quote mark
    assert 'class="article draft-article"' in dom


def _png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def test_the_browser_draws_the_page(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", (site / f"{ARTICLE}.html").as_uri())
    width, height, pixels = _png_size_and_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    assert len(set(pixels)) > 100  # coloured marks and text, not a blank page
    assert shot.stat().st_size > 50_000
    if os.environ.get("JSEC_REVIEW_SCREENSHOT"):  # keep a copy to look at
        shutil.copyfile(shot, os.environ["JSEC_REVIEW_SCREENSHOT"])


def test_the_index_links_every_page(site: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", (site / "index.html").as_uri()).stdout
    pages = sorted(p.name for p in site.glob("*.html") if p.name != "index.html")
    assert len(pages) == load_articles().num_rows and all(f'href="{name}"' in dom for name in pages)
