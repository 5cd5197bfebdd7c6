"""Roles, numbers and parties of every example, corpus case and seed (issue 16),
references resolved by role, and the notice for agreements § 6-2 does not govern.

The table is what a reader of each title, parties section and signature
block finds; where the reading is uncertain, the comment says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samlint.documents.model import Block, BlockKind, Document
from samlint.engine import RunOptions, check_paths
from samlint.matching.references import ReferenceResolver
from samlint.reporting.agreement_title import agreement_title
from samlint.results import AgreementResult
from samlint.roles import profile
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared") if not (REPO.parent / "shared").is_dir() else REPO.parent / "shared"
CASES = SHARED / "corpus" / "cases"
SEEDS = SHARED / "seeds"
HOD = "Helse- og omsorgsdepartementet"
D = "delavtale"
H = "hovedavtale"

# path → (parties in report order, [(file name, role, numbers)] in file order)
EXPECTED: dict[str, tuple[list[str], list[tuple[str, str | None, list[int]]]]] = {
    "examples/komplett": (["Storfjell kommune", "Helse Nordvik HF"], [
        *[(f"delavtale-{n}-", D, [n]) for n in range(1, 7)], ("hovedavtale.pdf", H, [])]),
    "examples/mangelfull.pdf": (["Lundvær kommune", "Helse Nordvik HF"], [("", H, [])]),
    "examples/mangelfull.docx": (["Lundvær kommune", "Helse Nordvik HF"], [("", H, [])]),
    "cases/01_vestbreen_fullstendig.pdf": (["Eikenes kommune", "Helse Vestbreen HF"],
                                           [("", H, [])]),
    "cases/02_lagdal_2016_tenesteavtalar": (["Rimstad kommune", "Sjukehuset Lågdal HF"], [
        ("overordna", H, []), ("tenesteavtale_01-04", D, [1, 2, 3, 4]),
        ("tenesteavtale_05-08", D, [5, 6, 7, 8]), ("tenesteavtale_09-11", D, [9, 10, 11])]),
    "cases/03_kvitsand_innhald.docx": (["Kvitsand kommune", "Helse Sunnbreidd HF"],
                                       [("", H, [])]),
    "cases/04_ospedal_lovtekst.pdf": (["Ospedal kommune", "Sykehuset Elvemo HF"], [("", H, [])]),
    "cases/05_tindvik_delavtaler": (["Tindvik kommune", "Helse Nordkyst HF"], [
        *[(f"delavtale_{n:02d}", D, [n]) for n in (1, 2, 3, 4, 7, 10)], ("hovedavtale", H, [])]),
    "cases/06_solvberg_samarbeidstiltak.docx": (["Sølvberg kommune", "Helse Havstraum HF"],
                                                [("", H, [])]),
    "cases/07_havbru_intensjonar.docx": (["Havbru kommune", "Helse Fjellgard HF"], [("", H, [])]),
    # An all-caps title; the parties come from the body's first lines in normal case.
    "cases/08_fjellhamn_utkast.txt": (["Fjellhamn kommune", "Helse Storelv HF"], [("", H, [])]),
    # Scanned, no title: "avtale" and the parties make it the main agreement (uncertain).
    "cases/09_ospedal_lovtekst_skannet.pdf": (["Ospedal kommune", "Sykehuset Elvemo HF"],
                                              [("", H, [])]),
    # OCR misreads the kommune's name in the parties section (ø read as e): uncertain.
    "cases/10_brattoy_skanna.txt": (["Brattey kommune", "Helse Nordvidda HF"], [("", H, [])]),
    "cases/11_lagdal_tilleggsavtale_2023.pdf": (["Rimstad kommune", "Sjukehuset Lågdal HF"],
                                                [("", "tilleggsavtale", [])]),
    "cases/12_innlia_interkommunal.docx": (
        ["Lauvnes kommune", "Heggvik kommune", "Tjørnli kommune", "Sykehuset Innlia HF"],
        [("", H, [])]),
    "cases/13_breidalen_avtalesett": (["Myrvoll kommune", "Helse Breidalen HF"], [
        *[(f"delavtalar/delavtale_{n}_", D, [n]) for n in (1, 2, 3, 5, 7)],
        ("hovudavtale", H, [])]),
    "cases/14_asmark_andre_ord.pdf": (["Gråberg kommune", "Sykehuset Åsmark HF"], [("", H, [])]),
    "cases/15_nordbrekka_nettside.txt": (["Nordbrekka kommune", "Helse Kvernfjord HF"],
                                         [("", H, [])]),
    "cases/16_skarvoy_2015_skannet.pdf": (["Skarvøy kommune", "Sykehuset Østmo HF"],
                                          [("", H, [])]),
    # The seeds: national agreements between the state and KS, and the guide.
    "seeds/000_97773c2b80f1cd0f.txt": ([HOD, "KS", "regjeringen"], [("", "tilleggsavtale", [])]),
    "seeds/001_9e62ea5ab9fd40c8.txt": (["regjeringen", "KS", HOD], [("", H, [])]),
    "seeds/002_161d49eedb40514f.txt": ([HOD, "KS", "regjeringen"], [("", H, [])]),
    "seeds/003_724e5b04b1f6d135.txt": ([], [("", "veileder", [])]),
    "seeds/004_1e47811112306d83.txt": ([HOD, "KS"], [("", H, [])]),
}


def _path(key: str) -> Path:
    return REPO / key if key.startswith("examples/") else (
        CASES / key.split("/", 1)[1] if key.startswith("cases/") else SEEDS / key.split("/", 1)[1])


@pytest.fixture(scope="module")
def checked() -> dict[str, AgreementResult]:
    rules = load_rule_files(default_rule_files())
    keys = list(EXPECTED)
    results = check_paths([_path(k) for k in keys], rules, options=RunOptions(jobs=1, cache=None))
    assert len(results) == len(keys)  # none of them is split
    return dict(zip(keys, results, strict=True))


def test_the_table_covers_every_example_corpus_case_and_seed() -> None:
    cases = {f"cases/{p.name}" for p in CASES.iterdir()}
    seeds = {f"seeds/{p.name}" for p in SEEDS.glob("*.txt")}
    assert cases | seeds <= set(EXPECTED)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_roles_numbers_and_parties(key: str, checked: dict[str, AgreementResult]) -> None:
    result = checked[key]
    parties, documents = EXPECTED[key]

    assert [p.name for p in result.parties] == parties
    assert len(result.documents) == len(documents)
    for found, (name, role, numbers) in zip(result.documents, documents, strict=True):
        assert name in found.file.rsplit("/", 1)[-1] or name in found.file
        assert (found.role, list(found.numbers)) == (role, numbers), found.file
        assert found.number == (numbers[0] if numbers else None)


@pytest.mark.parametrize("key", [k for k in EXPECTED if k.startswith("seeds/")])
def test_every_seed_gets_the_notice_saying_what_it_appears_to_be(
        key: str, checked: dict[str, AgreementResult]) -> None:
    [notice] = [n for n in checked[key].notices if n.code == "not-kommune-helseforetak"]
    expected = "veileder" if key.startswith("seeds/003") else "nasjonal avtale mellom"
    assert expected in notice.message
    assert "§ 6-2 gjelder samarbeidsavtaler mellom kommuner og helseforetak" in notice.message
    assert checked[key].rules  # still checked


@pytest.mark.parametrize("key", [k for k in EXPECTED if not k.startswith("seeds/")])
def test_kommune_helseforetak_agreements_get_no_such_notice(
        key: str, checked: dict[str, AgreementResult]) -> None:
    assert not [n for n in checked[key].notices if n.code == "not-kommune-helseforetak"]


def test_the_title_line_names_parties_and_roles(checked: dict[str, AgreementResult]) -> None:
    assert agreement_title(checked["examples/komplett"]) == (
        "Storfjell kommune – Helse Nordvik HF: hovedavtale, delavtale 1–6")
    assert agreement_title(checked["cases/05_tindvik_delavtaler"]) == (
        "Tindvik kommune – Helse Nordkyst HF: hovedavtale, delavtale 1–4, 7, 10")
    assert agreement_title(checked["cases/12_innlia_interkommunal.docx"]).startswith(
        "Lauvnes kommune, Heggvik kommune og Tjørnli kommune – Sykehuset Innlia HF")


# ------------------------------------------------------------------ references by role


def document(name: str, *texts: str) -> Document:
    blocks = [Block(text, BlockKind.HEADING if n == 0 else BlockKind.PARAGRAPH, n + 1)
              for n, text in enumerate(texts)]
    return Document(Path(name), name, blocks)


def test_a_reference_resolves_by_the_detected_role_not_the_file_name() -> None:
    main = document("a.txt", "Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF")
    five = document("scan0003.txt", "Delavtale 5 – Beredskap", "Partene har felles planer.")
    misnamed = document("delavtale-5.txt", "Delavtale 4 – Jordmortjenester")
    attachment = document("x.txt", "Vedlegg 2 – Kontaktliste")

    with_five = ReferenceResolver([main, five, attachment])
    for sentence in ("Se delavtale 5.", "Dette følger av tjenesteavtale nr. 5.",
                     "Sjå tenesteavtale 5.", "Kontaktene står i vedlegg 2."):
        assert with_five.unresolved_reference(sentence) == "", sentence
    without = ReferenceResolver([main, misnamed])
    assert without.unresolved_reference("Se delavtale 5.") == "«delavtale 5»"
    assert without.unresolved_reference("Se vedlegg 2.") == "«vedlegg 2»"


def test_a_document_is_profiled_once_however_often_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Splitting a set, resolving its references and describing it each ask for the
    profile: the parties are read once per document, and a new document is read anew."""
    from samlint import roles

    calls: list[str] = []
    real = roles._profile

    def counted(doc: Document) -> roles.Profile:
        calls.append(doc.display)
        return real(doc)

    monkeypatch.setattr(roles, "_profile", counted)
    main = document("a.txt", "Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF")
    assert profile(main) is profile(main)
    again = document("a.txt", "Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF")
    assert profile(again) == profile(main)
    assert calls == ["a.txt", "a.txt"]


def test_the_file_name_is_only_a_fallback() -> None:
    assert profile(document("delavtale-7.txt", "Om beredskap")).role.numbers == (7,)
    assert profile(document("delavtale-7.txt", "Delavtale 3 – Beredskap")).role.numbers == (3,)


@pytest.mark.parametrize(("title", "role", "numbers"), [
    ("Tjenesteavtale nr. 5 – Beredskap", "delavtale", (5,)),
    ("Tenesteavtale 1 til 4", "delavtale", (1, 2, 3, 4)),
    ("Særavtale 3 om legevakt", "særavtale", (3,)),
    ("Vedlegg 2 til delavtale 3", "vedlegg", (2,)),
    ("Samhandlingsrutine for utskriving", "retningslinje", ()),
    ("Overordna samarbeidsavtale", "hovedavtale", ()),
    ("Rammeavtale om samhandling", "hovedavtale", ()),
    ("Delavtale 2016", "delavtale", ()),  # a year is no number
])
def test_role_nouns_and_numbers_in_a_title(title: str, role: str,
                                           numbers: tuple[int, ...]) -> None:
    found = profile(document("x.txt", title)).role
    assert (found.role, found.numbers, found.source) == (role, numbers, "tittel")


@pytest.mark.parametrize(("text", "parties"), [
    ("Avtale mellom Nord-Vika kommune og Sykehuset i Fjordby HF",
     ["Nord-Vika kommune", "Sykehuset i Fjordby HF"]),
    ("For Øvre Lia kommune For Helse Nord-Vest RHF", ["Øvre Lia kommune", "Helse Nord-Vest RHF"]),
    ("Avtale mellom Lia Diakonale Sykehus og Bøvik kommune",
     ["Bøvik kommune", "Lia Diakonale Sykehus"]),
    ("Avtale mellom kommunane Ås, Bø og Li og Helse Vika HF",
     ["Ås kommune", "Bø kommune", "Li kommune", "Helse Vika HF"]),
    ("Samarbeidsavtale mellom Helse- og omsorgsdepartementet og KS",
     ["Helse- og omsorgsdepartementet", "KS"]),
    ("Hver kommune og det regionale helseforetaket skal samarbeide", []),
])
def test_parties_in_a_title(text: str, parties: list[str]) -> None:
    assert [p.name for p in profile(document("x.txt", text)).parties] == parties


def test_a_party_pattern_is_not_run_on_text_without_the_words_it_needs() -> None:
    """The kommune patterns need «kommune», the helseforetak pattern «HF»: a line that
    lacks them is known to name no such party before either pattern runs."""
    from samlint import roles

    data = roles._data()
    line = "Avtale mellom Nord-Vika kommune og Helse Vika HF"
    assert data.kommune.possible(line) and data.helseforetak.possible(line)
    assert not data.kommune.possible("Helse Vika HF og Sykehuset i Fjordby")
    assert not data.helseforetak.possible("Nord-Vika kommune og Sør-Vika kommune")
    assert not data.nasjonal.possible(line)


def test_a_long_hostile_block_is_read_only_so_far() -> None:
    """Party patterns run on at most REGION_CHARS of a block, and one parties section."""
    from samlint import roles

    text = "Aa, " * 100_000 + "Vik og Li kommuner"
    blocks = [Block("Samarbeidsavtale", BlockKind.HEADING, 1)]
    blocks += [Block("Parter", BlockKind.HEADING, 2), Block(text, BlockKind.PARAGRAPH, 3)] * 20
    found = roles.profile(Document(Path("x.txt"), "x.txt", blocks))
    assert found.parties == ()  # the names lie beyond what is read
    assert len(text) > roles.REGION_CHARS


def test_every_built_in_role_has_one_of_the_specs_six_machine_names() -> None:
    """JSON and SARIF readers rely on the spec's names (json-output.md), not Norwegian."""
    from samlint.roles import MACHINE_ROLES, machine_role, role_order

    assert MACHINE_ROLES == ("main", "delavtale", "saeravtale", "vedlegg", "guideline", "other")
    names = {role: machine_role(role) for role in role_order()}
    assert names == {"hovedavtale": "main", "delavtale": "delavtale", "særavtale": "saeravtale",
                     "tilleggsavtale": "other", "vedlegg": "vedlegg",
                     "retningslinje": "guideline", "veileder": "guideline"}
    assert machine_role(None) == "other"
    assert machine_role("en rolle ingen har navngitt") == "other"


@pytest.mark.parametrize(("machine_roles", "expected"), [
    ({"hovedavtale": "hovedavtale"},
     "machine_roles.hovedavtale er «hovedavtale», men må være "
     "en av main, delavtale, saeravtale, vedlegg, guideline, other"),
    ({"hovedavtal": "main"}, "machine_roles nevner rollen «hovedavtal», som ikke står under "
                             "agreement_sets.roles"),
    (["main"], "machine_roles må være en mapping"),
])
def test_machine_role_names_outside_the_spec_are_refused(machine_roles: object,
                                                         expected: str) -> None:
    from samlint.roles import check_machine_roles
    from samlint.rules import RuleFileError

    data = {"roles": {"hovedavtale": ["hovedavtal"]}, "machine_roles": machine_roles}
    with pytest.raises(RuleFileError) as raised:
        check_machine_roles(data, "language.yaml")
    assert str(raised.value) == f"language.yaml: agreement_sets.{expected}"


def test_the_built_in_language_data_passes_the_check() -> None:
    from samlint.roles import check_machine_roles
    from samlint.rules import builtin_language_data

    check_machine_roles(builtin_language_data()["agreement_sets"], "language.yaml")


def test_json_and_sarif_name_roles_as_the_spec_does(checked: dict[str, AgreementResult]) -> None:
    """The text reports say «hovedavtale»; the machine formats say ``main``."""
    from samlint.reporting.json_report import build_report
    from samlint.reporting.sarif import build_sarif

    result = checked["examples/komplett"]
    [agreement] = build_report([result])["agreements"]
    assert sorted({d["role"] for d in agreement["documents"]}) == ["delavtale", "main"]
    assert [d["role"] for d in agreement["documents"]].count("main") == 1
    sarif = build_sarif([result], load_rule_files(default_rule_files()))
    [documents] = [a["documents"] for a in sarif["runs"][0]["properties"]["agreements"]]
    assert sorted({d["role"] for d in documents}) == ["delavtale", "main"]
    guide = build_report([checked["seeds/003_724e5b04b1f6d135.txt"]])["agreements"][0]
    assert [d["role"] for d in guide["documents"]] == ["guideline"]
    assert "hovedavtale, delavtale 1–6" in agreement_title(result)  # the reader's words stay
