"""The HTML report: its structure and escaping, and how a real browser renders it.

The browser tests use headless Chromium (Debian package ``chromium``; CI
installs it). They check what only a browser can: that the page loads without
console errors or blocked resources (the page's content security policy
would log any attempt to fetch something), that the matrix is in the DOM, and
that printing puts every agreement on a page of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SRC, make_rule
from test_formats import RULES, TRICKY, full_run

from samlint.reporting.html import render_html
from samlint.results import AgreementResult, Evidence, Status

CORPUS_CASES = REPO.parent / "shared" / "corpus" / "cases"
SCREENSHOT_INPUTS = [
    "examples/komplett",
    "examples/mangelfull.pdf",
    str(CORPUS_CASES / "07_havbru_intensjonar.docx"),
    str(CORPUS_CASES / "15_nordbrekka_nettside.txt"),
]
VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}
CONSOLE = re.compile(r":CONSOLE[:(]|Uncaught|Refused to")


def page(results: list[AgreementResult] | None = None) -> str:
    return render_html(full_run() if results is None else results, RULES)


class TagBalance(HTMLParser):
    """Records tags that are closed out of order or never closed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> while open: {self.stack[-3:]}")
            return
        self.stack.pop()


# Structure -----------------------------------------------------------------


def test_html_is_one_self_contained_document() -> None:
    html = page()

    assert html.startswith("<!DOCTYPE html>\n<html lang=\"nb\">")
    assert '<meta charset="utf-8">' in html
    assert "Content-Security-Policy" in html
    assert "<title>samlint – 3 avtaler:" in html
    for external in ("<script", "<link", "<img", "@import", "url(", "src=", "http://"):
        assert external not in html, external
    # The only absolute URL allowed is none at all: links are in-page anchors.
    assert re.findall(r'href="([^"#][^"]*)"', html) == []


def test_html_tags_are_balanced() -> None:
    checker = TagBalance()
    checker.feed(page())
    checker.close()

    assert checker.problems == []
    assert checker.stack == []


def test_matrix_has_a_row_per_agreement_and_a_column_per_rule() -> None:
    html = page()
    matrix = html[html.index('<table class="matrix">'):html.index("</table>")]

    header = re.findall(r'<th scope="col"><abbr title="([^"]*)">([^<]*)</abbr>', matrix)
    assert [short for _, short in header] == ["nr5", "nr8", "nr9", "nr10"]
    assert header[0][0] == "hol-6-2-nr5: Tittel for hol-6-2-nr5"
    rows = re.findall(r'<th scope="row"><a href="#(a\d+)">([^<]*)</a>', matrix)
    assert rows == [("a1", "avtaler/kommune x"), ("a2", "avtale.pdf"), ("a3", "borte.pdf")]
    cells = re.findall(r'<td class="v-(\w+)"[^>]*>.*?<span class="word">([^<]*)</span>', matrix)
    assert cells == [
        ("covered", "dekket"), ("weak", "svak"), ("missing", "mangler"), ("waived", "unntatt"),
        ("covered", "dekket"), ("weak", "svak"), ("missing", "mangler"), ("missing", "mangler"),
    ]
    assert 'colspan="4">Ingen filer kunne leses' in matrix


def test_every_cell_and_legend_entry_has_a_symbol_and_a_word() -> None:
    html = page()
    matrix = html[html.index("<tbody>"):html.index("</tbody>")]
    legend = html[html.index('<ul class="legend"'):]
    legend = legend[:legend.index("</ul>")]

    for cell in re.findall(r'<td class="v-\w+".*?</td>', matrix):
        assert re.search(r'<span class="sym" aria-hidden="true">[✓!✗–·]</span>', cell), cell
        assert re.search(r'<span class="word">\w[^<]*</span>', cell), cell
    for word in ("dekket", "svak", "mangler", "unntatt", "ikke vurdert"):
        assert word in legend


def test_cells_link_to_the_details_of_that_verdict() -> None:
    html = page()

    for target in re.findall(r'<td class="v-\w+"[^>]*><a href="#([^"]+)"', html):
        assert f'id="{target}"' in html


def test_details_show_verdict_evidence_waiver_and_errors() -> None:
    html = page()
    first = html[html.index('<section class="agreement" id="a1"'):]
    first = first[:first.index("</section>")]

    assert "Svak fordi: bare en intensjonserklæring" in first
    assert "<strong>hovedavtale.pdf</strong> · side 2 · linje 33 · <em>8. Jord|mor</em>" in first
    assert "Unntatt:</strong> Dekkes av regional avtale, jf. vedtak 12/2024 | styret" in first
    assert "<strong>avtaler/kommune x/skadet.pdf</strong>: PDF-en er skadet: a, b: c" in first
    assert "Avtalen bør beskrive:</p><ul><li>hvem som varsler</li>" in first
    assert "Mangler, men bare til info." in first


def test_covered_shows_one_quote_and_folds_the_rest() -> None:
    evidence = [Evidence("a.md", n, f"utdrag {n}") for n in (1, 2, 3)]
    result = AgreementResult("a.md", ["a.md"],
                             [make_rule("r-1", Status.COVERED, evidence=evidence)])

    html = page([result])

    assert html.index("utdrag 1") < html.index('<details class="more">') < html.index("utdrag 2")
    assert "2 utdrag til" in html


def test_agreement_text_is_escaped_everywhere() -> None:
    nasty = '<script>alert("x")</script> & "quotes" \x00'
    rule = make_rule("hol-6-2-nr8", Status.WEAK, weak_kind="intent", message=nasty,
                     evidence=[Evidence(f"{nasty}.md", 3, TRICKY, heading=nasty)])
    rule.title = nasty
    result = AgreementResult(f"{nasty}.md", [f"{nasty}.md"], [rule])

    html = page([result])

    assert "<script" not in html
    assert "<b>fet</b>" not in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert "\x00" not in html and "\x0c" not in html


def test_print_styles_keep_colour_and_break_between_agreements() -> None:
    html = page()
    print_css = html[html.index("@media print"):]

    assert "break-before: page" in print_css
    assert "print-color-adjust: exact" in print_css
    assert "color-scheme: light" in print_css


# In a real browser ---------------------------------------------------------


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium); "
                "the browser rendering tests need it")


def chromium(tmp_path: Path, target: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once on ``target`` with no network and a throwaway profile."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
        *flags, target.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=180)


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    target = tmp_path / "rapport.html"
    target.write_text(page(), encoding="utf-8")
    return target


def test_chromium_renders_the_matrix_without_console_errors(
    tmp_path: Path, report_file: Path
) -> None:
    dom = chromium(tmp_path, report_file, "--dump-dom")
    shot = tmp_path / "rapport.png"
    picture = chromium(tmp_path, report_file, f"--screenshot={shot}", "--window-size=1400,1000")

    assert dom.returncode == 0, dom.stderr[-2000:]
    assert picture.returncode == 0, picture.stderr[-2000:]
    assert '<table class="matrix">' in dom.stdout
    assert dom.stdout.count('<th scope="row">') == 3
    assert console_problems(dom.stderr) == []
    assert console_problems(picture.stderr) == []
    assert png_size(shot) == (1400, 1000)


def test_chromium_prints_each_agreement_on_its_own_page(
    tmp_path: Path, report_file: Path
) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = tmp_path / "rapport.pdf"

    printed = chromium(tmp_path, report_file, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")

    assert printed.returncode == 0, printed.stderr[-2000:]
    document = pdfium.PdfDocument(str(pdf))
    starts = [document[n].get_textpage().get_text_range().splitlines()[0].strip()
              for n in range(len(document))]
    document.close()
    assert starts[0].startswith("samlint:")  # the summary and matrix come first
    for path in ("avtaler/kommune x", "avtale.pdf", "borte.pdf"):
        assert path in starts, (path, starts)


def test_console_check_is_not_vacuous(tmp_path: Path) -> None:
    """A page that fetches something or throws must be caught by the same check."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
        '<img src="https://example.invalid/a.png"><script>missing();</script></body></html>',
        encoding="utf-8",
    )

    process = chromium(tmp_path, broken, "--dump-dom")

    assert process.returncode == 0
    assert len(console_problems(process.stderr)) >= 2


def test_chromium_screenshot_of_a_real_run(tmp_path: Path) -> None:
    """The matrix for the examples and two corpus cases, as a user would open it."""
    chromium_binary()  # skip before the check run when there is no browser
    inputs = [p for p in SCREENSHOT_INPUTS if (REPO / p).exists()]
    report = tmp_path / "matrise.html"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    check = subprocess.run(
        [sys.executable, "-m", "samlint", "check", *inputs, "--format", "html", "-o", report],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=300,
    )
    assert check.returncode == 1, check.stderr  # mangelfull.pdf has missing points
    assert check.stdout == ""
    shot = tmp_path / "matrise.png"

    picture = chromium(tmp_path, report, f"--screenshot={shot}", "--window-size=1400,1000")
    dom = chromium(tmp_path, report, "--dump-dom")

    assert picture.returncode == 0, picture.stderr[-2000:]
    assert png_size(shot) == (1400, 1000)
    assert shot.stat().st_size > 20_000  # a blank page compresses to almost nothing
    assert dom.stdout.count('<th scope="row">') == len(inputs)
    assert console_problems(picture.stderr + dom.stderr) == []
