"""A small PDF writer for benchmark inputs: no dependency beyond the standard library.

The speed benchmark needs agreements of 200 and 1,000 pages and a few hundred
agreement sets. They are written here as plain PDF 1.4 with the standard
Helvetica font in WinAnsi encoding (so æ, ø and å work), a running header, a
"Side X av Y" footer, numbered headings in a larger font, and body text, which
is what samlint meets in real agreements.
"""

from __future__ import annotations

import random
from pathlib import Path

SECTIONS = [
    ("Oppgave- og ansvarsfordeling",
     "Kommunen yter helse- og omsorgstjenester i hjemmet og i institusjon, mens helseforetaket "
     "yter spesialisthelsetjenester. Oppgaver flyttes ikke mellom partene uten skriftlig avtale "
     "om opplæring, kompetanse og ressurser."),
    ("Koordinerte tjenester",
     "Helseforetaket melder behov for individuell plan og koordinator til kommunens "
     "koordinerende enhet. Kommunen utpeker koordinator innen ti virkedager, og partene holder "
     "ansvarsgruppemøte før utskrivning."),
    ("Innleggelse i sykehus",
     "Fastlegen eller legevaktlegen vurderer behovet for innleggelse og sender elektronisk "
     "henvisning. Ved akutt innleggelse ringer legen vakthavende lege, og hjemmetjenesten sender "
     "innleggelsesrapport samme døgn."),
    ("Kommunalt døgnopphold for øyeblikkelig hjelp",
     "Kommunen har fire senger for døgnopphold for øyeblikkelig hjelp ved helsehuset. Tilbudet "
     "gjelder pasienter med avklart diagnose, og oppholdet varer normalt inntil tre døgn."),
    ("Utskrivningsklare pasienter",
     "Helseforetaket varsler kommunen innen 24 timer etter innleggelse. Når pasienten er "
     "utskrivningsklar, sendes melding samme dag, og epikrise følger pasienten."),
    ("Kunnskapsoverføring og hospitering",
     "Partene driver faglige nettverk og tilbyr hospitering begge veier. Helseforetaket gir råd "
     "og veiledning til kommunens helsepersonell døgnet rundt."),
    ("Beredskap og akuttmedisinsk kjede",
     "Partene samordner beredskapsplanene og gjennomfører en felles øvelse hvert år. Legevakt, "
     "AMK og ambulansetjenesten har felles rutiner for varsling."),
]


# Each paragraph is varied so that no two sentences of a generated agreement are
# the same: real agreements rarely repeat a sentence, and a benchmark that
# repeated seven paragraphs would reward anything that remembers a text.
PLACES = ["Storfjell", "Nordvik", "Eikedal", "Sandnes", "Lyngvær", "Bjørkås", "Fjellby",
          "Havøy", "Moldal", "Kvitsand", "Ørnes", "Straumen", "Vikbygd", "Åsen", "Bergli"]
ADDITIONS = ["som hovedregel", "i samråd med pasienten", "etter avtale med fastlegen",
             "for alle aldersgrupper", "også i helger og høytider", "så langt det er mulig",
             "i tråd med gjeldende prosedyre", "uten unødig opphold", "med kopi til pårørende",
             "ved behov", "innenfor vedtatt budsjett", "i hele opptaksområdet",
             "etter faglig vurdering", "i samarbeid med legevakten", "med skriftlig bekreftelse"]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


def _vary(text: str, rng: random.Random, place: str, other: str) -> str:
    """The paragraph with its parties named (``place`` kommune and Helse ``other``: the
    same in every file of a set, as in a real agreement, or samlint rightly splits the
    set by its parties), its numbers changed and an addition per sentence, from ``rng``."""
    text = (text.replace("Kommunen ", f"{place} kommune ")
            .replace("kommunens ", f"{place} kommunes ")
            .replace("Helseforetaket ", f"Helse {other} ")
            .replace("helseforetaket", f"Helse {other}")
            .replace("ti ", f"{rng.randint(2, 15)} ").replace("24", str(rng.randint(6, 72)))
            .replace("fire ", f"{rng.randint(2, 12)} ").replace("tre ", f"{rng.randint(2, 5)} "))
    sentences = [sentence.rstrip(".") for sentence in text.split(". ")]
    return " ".join(f"{sentence} {rng.choice(ADDITIONS)} i {rng.choice(PLACES)} fra "
                    f"{rng.choice(MONTHS)}." for sentence in sentences)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrap(text: str, width: int = 92) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def page_lines(pages: int, seed: int, place: str = "Storfjell", other: str = "Nordvik"
               ) -> list[list[tuple[int, str]]]:
    """(font size, text) per line per page: headings at 13 pt, body at 10 pt."""
    rng = random.Random(seed)
    body: list[tuple[int, str]] = []
    number = 0
    while len(body) < pages * 48:
        title, text = SECTIONS[number % len(SECTIONS)]
        number += 1
        body.append((13, f"{number} {title}"))
        for _ in range(rng.randint(2, 4)):
            body.extend((10, line) for line in _wrap(_vary(text, rng, place, other)))
            body.append((10, ""))
    return [body[i * 48:(i + 1) * 48] for i in range(pages)]


def write_pdf(path: Path, pages: int, *, seed: int = 0, title: str = "Samarbeidsavtale",
              place: str = "Storfjell", other: str = "Nordvik") -> None:
    """A PDF agreement between ``place`` kommune and Helse ``other`` HF."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * pages  # the Pages object comes after all pages
    kids = []
    for index, lines in enumerate(page_lines(pages, seed, place, other), 1):
        stream = [b"BT /F1 9 Tf 56 800 Td (" + _escape(f"{title} – {place} kommune og Helse "
                                                        f"{other} HF") + b") Tj ET"]
        y = 770
        for size, text in lines:
            if text:
                stream.append(b"BT /F1 %d Tf 56 %d Td (" % (size, y) + _escape(text) + b") Tj ET")
            y -= 15
        stream.append(b"BT /F1 9 Tf 480 40 Td (" + _escape(f"Side {index} av {pages}") + b") Tj ET")
        content = b"\n".join(stream)
        content_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, font, content_id)))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % pages) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
