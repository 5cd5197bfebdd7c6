"""``samlint annotate``: the review copies of the examples, read back as a reviewer would.

The Word copy must open in python-docx and LibreOffice, hold one comment per
weak and missing finding plus the summary, each on the paragraph its evidence
names, and be the original byte for byte in every zip member comments do not
touch. The PDF copy must carry one highlight per weak finding over the
evidence's own text, and open in pdftotext and pypdf. Other formats get an
HTML copy with every finding marked.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from review_copies import docx_notes, html_notes, pdf_notes, squeeze
from typer.testing import Result

from samlint.annotate import CopyOptions, annotate
from samlint.engine import check_paths, load_rules
from samlint.results import AgreementResult, RuleResult, Status

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_DOCX = REPO / "examples" / "mangelfull.docx"
EXAMPLE_PDF = REPO / "examples" / "mangelfull.pdf"
# What adding comments may change in a DOCX; every other member is the original's.
TOUCHED = {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


def checked(path: Path) -> AgreementResult:
    [result] = check_paths([path], load_rules([], use_defaults=True))
    return result


def findings(result: AgreementResult, status: Status | None = None) -> list[RuleResult]:
    wanted = (status,) if status else (Status.WEAK, Status.MISSING)
    return [rule for rule in result.rules if rule.status in wanted]


def write_copies(paths: list[Path], outdir: Path, **options: object) -> tuple[int, list[str]]:
    problems: list[str] = []
    status = annotate(paths, CopyOptions(outdir, **options),  # type: ignore[arg-type]
                      on_problem=problems.append)
    return status, problems


@pytest.fixture(scope="module")
def docx_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    before = EXAMPLE_DOCX.read_bytes()
    outdir = tmp_path_factory.mktemp("review") / "ny" / "mappe"  # created on demand
    status, problems = write_copies([EXAMPLE_DOCX], outdir)
    assert (status, problems) == (0, [])
    return outdir / "mangelfull-samlint.docx", before


def test_the_word_copy_comments_every_finding_where_its_evidence_is(
        docx_copy: tuple[Path, bytes]) -> None:
    copy, _ = docx_copy
    result = checked(EXAMPLE_DOCX)
    notes = docx_notes(copy)
    assert [note.rule_id for note in notes[:1]] == [None], "the summary comes first"
    assert "6 dekket, 5 svake, 3 mangler av 14 krav" in notes[0].text
    assert notes[0].anchored.startswith("Samarbeidsavtale mellom"), "the summary is on the title"
    assert sorted(n.rule_id for n in notes[1:]) == sorted(r.rule_id for r in findings(result))
    assert {(n.author, n.initials) for n in notes} == {("samlint", "SL")}
    by_rule = {note.rule_id: note for note in notes}
    for rule in findings(result, Status.WEAK):
        note = by_rule[rule.rule_id]
        assert squeeze(note.anchored).startswith(squeeze(rule.evidence[0].excerpt)[:60]), rule
        assert rule.message.split()[0] in note.text
    for rule in findings(result, Status.MISSING):
        # placed in § 6-2's order: on the heading of the section before the point
        assert re.match(r"\d+\. \w", by_rule[rule.rule_id].anchored), rule.rule_id
    assert by_rule["hol-6-2-nr4"].anchored == "5. Innleggelse i sykehus"
    assert "Veilederen sier at avtalen bør beskrive:" in by_rule["hol-6-2-nr4"].text


def test_the_word_copy_is_the_original_in_every_part_comments_do_not_touch(
        docx_copy: tuple[Path, bytes]) -> None:
    copy, before = docx_copy
    assert EXAMPLE_DOCX.read_bytes() == before, "the original is never modified"
    with zipfile.ZipFile(EXAMPLE_DOCX) as original, zipfile.ZipFile(copy) as new:
        assert original.namelist() == new.namelist()[: len(original.namelist())]
        assert set(new.namelist()) - set(original.namelist()) == {"word/comments.xml"}
        changed = {name for name in original.namelist()
                   if original.read(name) != new.read(name)}
    assert changed == TOUCHED


def test_the_word_copy_converts_with_libreoffice(docx_copy: tuple[Path, bytes],
                                                 tmp_path: Path) -> None:
    copy, _ = docx_copy
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the test environment"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mangelfull-samlint.pdf").stat().st_size > 1000


@pytest.fixture(scope="module")
def pdf_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    before = hashlib.sha256(EXAMPLE_PDF.read_bytes()).digest()
    outdir = tmp_path_factory.mktemp("review")
    status, problems = write_copies([EXAMPLE_PDF], outdir)
    assert (status, problems) == (0, [])
    return outdir / "mangelfull-samlint.pdf", before


def test_the_pdf_copy_highlights_each_weak_finding_over_its_evidence(
        pdf_copy: tuple[Path, bytes]) -> None:
    copy, before = pdf_copy
    assert hashlib.sha256(EXAMPLE_PDF.read_bytes()).digest() == before
    assert copy.read_bytes().startswith(EXAMPLE_PDF.read_bytes()), "saved incrementally"
    result = checked(EXAMPLE_PDF)
    notes = pdf_notes(copy)
    highlights = {note.rule_id: note for note in notes if note.highlight}
    weak = findings(result, Status.WEAK)
    assert sorted(highlights) == sorted(rule.rule_id for rule in weak)
    for rule in weak:
        note, evidence = highlights[rule.rule_id], rule.evidence[0]
        assert note.page == evidence.page, rule.rule_id
        # the text under the highlight is the evidence, no more and no less
        assert squeeze(note.anchored).startswith(squeeze(evidence.excerpt)[:80]), rule.rule_id
        assert len(squeeze(note.anchored)) <= len(squeeze(evidence.excerpt)) + 80, rule.rule_id
        assert note.author == "samlint" and rule.title in note.text
    on_page_one = [note for note in notes if not note.highlight]
    assert {note.page for note in on_page_one} == {1}
    assert sorted(n.rule_id or "" for n in on_page_one) == sorted(
        ["", *(rule.rule_id for rule in findings(result, Status.MISSING))])


def test_the_pdf_copy_opens_in_pdftotext_and_pypdf(pdf_copy: tuple[Path, bytes]) -> None:
    import pypdf

    copy, _ = pdf_copy
    done = subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and "Samarbeidsavtale" in done.stdout, done.stderr
    reader = pypdf.PdfReader(copy)
    subtypes = [annot.get_object()["/Subtype"] for page in reader.pages
                for annot in page.get("/Annots", [])]
    assert subtypes.count("/Highlight") == 5 and subtypes.count("/Text") == 4


AGREEMENT = """\
Samarbeidsavtale mellom Prøvevik kommune og Helse Prøve HF

1. Utskrivningsklare pasienter

Sykehuset varsler kommunen senest dagen etter innleggelse om forventet utskrivning,
og kommunen svarer samme dag om den kan ta imot pasienten. Betaling for
overliggedøgn gjelder fra dagen etter at pasienten er meldt utskrivningsklar.

2. Forebygging

Partene skal samarbeide om forebygging.
"""


def test_other_formats_get_an_html_copy_marking_every_finding(tmp_path: Path) -> None:
    agreement = tmp_path / "avtale.md"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    status, problems = write_copies([agreement], tmp_path / "ut")
    assert (status, problems) == (0, [])
    copy = tmp_path / "ut" / "avtale-samlint.html"
    page = copy.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.lower(), "self-contained, no scripts"
    notes = html_notes(copy)
    result = checked(agreement)
    assert sorted(n.rule_id for n in notes) == sorted(r.rule_id for r in findings(result))
    for rule in findings(result, Status.WEAK):
        [note] = [n for n in notes if n.rule_id == rule.rule_id]
        assert "<mark>" in note.anchored and squeeze(rule.evidence[0].excerpt)[:30] in squeeze(
            note.anchored), rule.rule_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["avtale.md", "ut"], (
        "nothing written beside the user's file")


def test_an_existing_copy_is_kept_without_force(tmp_path: Path) -> None:
    agreement = tmp_path / "avtale.txt"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    outdir = tmp_path / "ut"
    assert write_copies([agreement], outdir) == (0, [])
    (outdir / "avtale-samlint.html").write_text("mine", encoding="utf-8")
    status, problems = write_copies([agreement], outdir)
    assert status == 2 and len(problems) == 1 and "--force" in problems[0]
    assert (outdir / "avtale-samlint.html").read_text(encoding="utf-8") == "mine"
    assert write_copies([agreement], outdir, force=True) == (0, [])
    assert "samlint-note" in (outdir / "avtale-samlint.html").read_text(encoding="utf-8")


def test_an_unreadable_file_costs_one_line_and_exit_2_the_rest_is_written(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    broken = tmp_path / "skadet.docx"
    broken.write_bytes(b"PK\x03\x04 ikke en ekte zip")
    good = tmp_path / "avtale.txt"
    good.write_text(AGREEMENT, encoding="utf-8")
    result = cli("annotate", broken, good, "-o", tmp_path / "ut")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("samlint: ") and "skadet.docx" in lines[0]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "ut" / "avtale-samlint.html").is_file()
    assert not (tmp_path / "ut" / "skadet-samlint.docx").exists()
    assert "avtale-samlint.html" in result.stdout


def test_info_findings_are_commented_only_with_info(tmp_path: Path) -> None:
    from samlint.annotate.notes import is_shown
    from samlint.results import Severity

    info = RuleResult("x-1", "Tittel", Status.WEAK, Severity.INFO, "melding")
    assert not is_shown(info, info=False) and is_shown(info, info=True)
    assert not is_shown(RuleResult("x-2", "T", Status.COVERED, None, ""), info=True)


def test_a_copy_that_fails_leaves_nothing_behind_and_costs_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import samlint.annotate

    def broken(*_args: object) -> int:
        raise RuntimeError("boom\nline two")

    agreement = tmp_path / "avtale.txt"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    monkeypatch.setattr(samlint.annotate, "_render", broken)
    status, problems = write_copies([agreement], tmp_path / "ut")
    assert status == 2 and len(problems) == 1 and "RuntimeError: boom line two" in problems[0]
    assert list((tmp_path / "ut").iterdir()) == [], "no half-written copy, no temporary file"


def test_copies_get_the_users_usual_permissions(tmp_path: Path) -> None:
    agreement = tmp_path / "avtale.txt"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert write_copies([agreement], tmp_path / "ut") == (0, [])
    finally:
        os.umask(old)
    assert (tmp_path / "ut" / "avtale-samlint.html").stat().st_mode & 0o777 == 0o644


def test_info_findings_of_a_pack_that_is_on_are_commented_only_with_info(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    plain = cli("annotate", EXAMPLE_DOCX, "--rules", "veileder", "-o", tmp_path / "a")
    with_info = cli("annotate", EXAMPLE_DOCX, "--rules", "veileder", "--info",
                    "-o", tmp_path / "b")
    assert (plain.exit_code, with_info.exit_code) == (0, 0), plain.stderr + with_info.stderr
    ids = [note.rule_id for note in docx_notes(tmp_path / "a" / "mangelfull-samlint.docx")]
    more = [note.rule_id for note in docx_notes(tmp_path / "b" / "mangelfull-samlint.docx")]
    assert not any(rule and rule.startswith("veileder-") for rule in ids)
    veileder = [rule for rule in more if rule and rule.startswith("veileder-")]
    assert len(veileder) == len(set(veileder)) >= 10, "one comment per point"
    assert set(ids) < set(more)
    assert "Regelpakker: hol-6-2, veileder" in docx_notes(tmp_path / "b" /
                                                           "mangelfull-samlint.docx")[0].text


def test_ocr_evidence_gets_a_note_at_the_top_of_its_page(tmp_path: Path) -> None:
    from samlint.annotate.notes import FilePlan, Note
    from samlint.annotate.pdf_notes import write_pdf_copy
    from samlint.results import Evidence

    evidence = Evidence("mangelfull.pdf", 3, "gjenkjent tekst", page=2, ocr=True)
    plan = FilePlan("mangelfull.pdf", [Note("x-1", Status.WEAK, "samlint: T (x-1) – svak",
                                            anchor=evidence)])
    assert write_pdf_copy(EXAMPLE_PDF, tmp_path / "kopi.pdf", plan) == 1
    [note] = pdf_notes(tmp_path / "kopi.pdf")
    assert (note.rule_id, note.page, note.highlight) == ("x-1", 2, False)


def test_missing_points_follow_the_order_only_when_the_agreement_does() -> None:
    from datetime import date

    from samlint.annotate.notes import plan_files
    from samlint.results import Evidence

    def rule(rule_id: str, status: Status, line: int | None) -> RuleResult:
        evidence = [Evidence("a.docx", line, f"tekst {line}")] if line else []
        return RuleResult(rule_id, rule_id, status, None, "melding", evidence)

    def placed(lines: tuple[int, int]) -> object:
        result = AgreementResult("a.docx", ["a.docx"], [
            rule("p-1", Status.COVERED, lines[0]), rule("p-2", Status.MISSING, None),
            rule("p-3", Status.COVERED, lines[1])])
        [plan] = plan_files(result, [], info=False, day=date(2026, 12, 6), packs=[]).values()
        [summary, missing] = plan.notes
        assert summary.summary and "6. desember 2026" in summary.text
        return missing.after

    after = placed((5, 9))
    assert after is not None and after.line == 5, "after the section before it"
    assert placed((9, 5)) is None, "an agreement in its own order: on the title"


def test_a_copy_that_hangs_is_stopped_at_the_time_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import samlint.annotate

    def hangs(*_args: object) -> int:
        time.sleep(60)
        return 0

    agreement = tmp_path / "avtale.txt"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    monkeypatch.setattr(samlint.annotate, "_render", hangs)
    problems: list[str] = []
    status = annotate([agreement], CopyOptions(tmp_path / "ut"), timeout=5,
                      on_problem=problems.append)
    assert status == 2 and len(problems) == 1 and "stoppet etter 5 sekunder" in problems[0]
    assert list((tmp_path / "ut").iterdir()) == []


def test_a_document_with_comments_keeps_them_and_gets_samlints_after(
        docx_copy: tuple[Path, bytes], tmp_path: Path) -> None:
    copy, _ = docx_copy
    status, problems = write_copies([copy], tmp_path)
    assert (status, problems) == (0, [])
    again = docx_notes(tmp_path / "mangelfull-samlint-samlint.docx")
    first = docx_notes(copy)
    assert len(again) == 2 * len(first)
    assert [note.text for note in again[: len(first)]] == [note.text for note in first]
    assert [note.anchored for note in again[len(first):]] == [note.anchored for note in first]


def test_the_summary_says_one_weak_point_in_the_singular() -> None:
    from datetime import date as day

    from samlint.annotate.notes import summary_text
    from samlint.results import AgreementResult, RuleResult, Severity, Status

    rules = [RuleResult("a", "A", Status.WEAK, Severity.WARNING, "svak", []),
             RuleResult("b", "B", Status.COVERED, None, "dekket", [])]
    result = AgreementResult("avtale.docx", ["avtale.docx"], rules, [])
    text = summary_text(result, ["hol-6-2"], day(2026, 12, 6), display="avtale.docx",
                        main="avtale.docx")
    assert "1 dekket, 1 svak, 0 mangler av 2 krav" in text
