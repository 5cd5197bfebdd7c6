"""The DOCX package: bounded access to its zip members and safe parsing of their XML.

Kept apart from the reader (``samlint.documents.docx``) because this is the
part that faces hostile files: the zip directory is checked before anything
is inflated, every read is bounded, and XML is parsed with a parser that
never touches DTDs, entities or the network.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from samlint.documents.model import MSG_EMPTY, DocumentError, os_error

# Limits are read at call time (not bound as defaults) so tests can lower them.
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_CHECK_MIN_SIZE = 10 * 1024 * 1024
READ_CHUNK = 1024 * 1024

# Word writes password-protected (and legacy .doc) files as OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
    }
)
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)

@dataclass(frozen=True, slots=True)
class Wording:
    """How the shared zip and XML checks name the file: a DOCX and an ODT reader
    share them, and each user must read the name of their own format."""

    file: str  # "Word-filen"
    files: str  # "Word-filer"
    format: str  # "DOCX"
    save_again: str  # what to do about a broken file
    encrypted: str  # the whole message for a password-protected file
    # What to do about more parts than ``MAX_MEMBERS``: a document is saved again,
    # a zip bundle made of the agreement's files alone.
    too_many: str = ("et vanlig dokument har noen hundre – fjern innebygde objekter og bilder "
                     "som ikke trengs, og lagre den på nytt")

    def corrupt(self) -> str:
        return f"{self.file} er skadet eller ufullstendig (ikke en gyldig {self.format}); " \
            + self.save_again


_SAVE_AGAIN = "åpne og lagre den på nytt i Word"
WORD = Wording("Word-filen", "Word-filer", "DOCX", _SAVE_AGAIN,
               "Word-filen er passordbeskyttet eller i gammelt .doc-format; "
               "lagre den som vanlig .docx uten passord")
MSG_CORRUPT = WORD.corrupt()
MSG_NO_MAIN = (
    "Word-filen mangler selve dokumentinnholdet (word/document.xml) og er trolig skadet; "
    + _SAVE_AGAIN
)
MSG_NOT_WORD = f"filen er ikke et Word-dokument (ukjent innhold i word/document.xml); {_SAVE_AGAIN}"
MSG_DTD = (
    "{file} inneholder DTD-/entitetsdeklarasjoner som aldri forekommer i vanlige "
    "{files}, og avvises av sikkerhetshensyn; {save_again}"
)
MSG_ENCRYPTED = WORD.encrypted
MSG_TOO_MANY = "{file} inneholder {count} deler, flere enn de {limit} samlint pakker ut; {advice}"
MSG_TOO_LARGE = (
    "{file} er for stor eller mistenkelig hardt komprimert til å pakkes ut trygt "
    "({detail}); fjern store bilder eller vedlegg og lagre den på nytt"
)


# --------------------------------------------------------------------------- package


def open_zip(path: Path, corrupt: str) -> zipfile.ZipFile:
    """The file as a zip: one that is not is ``corrupt`` (the reader's message), one
    that cannot be opened its operating-system error."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise DocumentError("corrupt", corrupt) from None
    except OSError as exc:
        raise os_error(exc) from None


def reject_non_zip_word_formats(path: Path) -> None:
    """Name the real problem before zipfile reports a useless "not a zip"."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
    except OSError as exc:
        raise os_error(exc) from None
    if not head:
        raise DocumentError("empty", MSG_EMPTY)
    if head == OLE_MAGIC:
        raise DocumentError("encrypted", MSG_ENCRYPTED)


def _too_large(detail: str, wording: Wording) -> DocumentError:
    return DocumentError("too-large", MSG_TOO_LARGE.format(file=wording.file, detail=detail))


def check_directory(zf: zipfile.ZipFile, wording: Wording = WORD) -> None:
    """Refuse zip bombs using only the central directory, before inflating a byte.

    Declared sizes can lie, which is why reads are bounded as well; but an honest
    bomb is caught here for free.
    """
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:  # not a size: its own cause and advice
        raise DocumentError("too-large", MSG_TOO_MANY.format(
            file=wording.file, count=len(infos), limit=MAX_MEMBERS, advice=wording.too_many))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _too_large(f"{total // (1024 * 1024)} MB utpakket", wording)
    for info in infos:
        if info.file_size > RATIO_CHECK_MIN_SIZE and (
            info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise _too_large(f"delen {info.filename} er komprimert mer enn {MAX_RATIO}:1",
                             wording)


class Package:
    """Bounded access to zip members, sharing one decompression budget per file.

    OPC part names are case-insensitive, so lookups are too.
    """

    def __init__(self, zf: zipfile.ZipFile, budget: int | None = None,
                 wording: Wording = WORD) -> None:
        self._zf = zf
        self.wording = wording
        self._by_name: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            self._by_name.setdefault(info.filename.lower().lstrip("/"), info)
        # A package nested in another (an altChunk DOCX) spends what its parent has left.
        self._budget = MAX_TOTAL_UNCOMPRESSED if budget is None else budget
        # Parts with text that no reader here can read (an RTF chunk): the
        # file says so in a notice rather than leaving them out without a word.
        self.left_out: list[str] = []
        self.hidden = 0  # paragraphs with hidden text, not read: for a notice

    @property
    def remaining(self) -> int:
        """Bytes this package may still inflate."""
        return self._budget

    def spend(self, size: int) -> None:
        """Charge bytes inflated elsewhere (by a nested package) to this budget."""
        self._budget -= size

    def furniture_parts(self) -> list[str]:
        """Header parts before footer parts, each in numeric order (header2 < header10)."""
        found: list[tuple[int, int, str]] = []
        for name in self._by_name:
            match = re.fullmatch(r"word/(header|footer)(\d*)\.xml", name)
            if match:
                order = 0 if match.group(1) == "header" else 1
                found.append((order, int(match.group(2) or 0), name))
        return [name for _o, _n, name in sorted(found)]

    def read(self, name: str) -> bytes | None:
        """Inflate one member in chunks, stopping as soon as the budget is spent."""
        info = self._by_name.get(name.lower())
        if info is None:
            return None
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(READ_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self._budget:
                        raise _too_large(f"mer enn {MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB "
                                         "utpakket", self.wording)
                    chunks.append(chunk)
        except RuntimeError as exc:
            if info.flag_bits & 0x1:  # zip-level encryption
                raise DocumentError("encrypted", self.wording.encrypted) from None
            raise DocumentError("corrupt", self.wording.corrupt()) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                ValueError):
            raise DocumentError("corrupt", self.wording.corrupt()) from None
        self._budget -= size
        return b"".join(chunks)


# ------------------------------------------------------------------------------ XML

_DTD_MARKERS = tuple(
    token.encode(encoding)
    for token in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def make_parser() -> etree.XMLParser:
    """The only parser settings any part is read with: the third line of defence.

    Entities are never resolved, no DTD is loaded, nothing is fetched, and
    libxml2 keeps its limits on depth and text-node size (``huge_tree`` off),
    so even a payload that got past both DOCTYPE checks stays inert.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_part(data: bytes, part: str, wording: Wording = WORD) -> etree._Element:
    """Parse one part with entity expansion, DTDs and network access all off.

    OOXML forbids DTDs, so any DOCTYPE is refused outright before parsing; that
    keeps billion-laughs and XXE payloads away from libxml2 entirely. The
    post-parse check covers encodings the byte scan cannot see.
    """
    if any(marker in data for marker in _DTD_MARKERS):
        raise DocumentError("corrupt", MSG_DTD.format(file=wording.file, files=wording.files,
                                                     save_again=wording.save_again))
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError:
        raise DocumentError(
            "corrupt", f"{wording.file} er skadet (ugyldig XML i {part}); {wording.save_again}"
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise DocumentError("corrupt", MSG_DTD.format(file=wording.file, files=wording.files,
                                                     save_again=wording.save_again))
    return root


class Tags:
    """Precomputed tag strings: string equality is the hot path of the walk."""

    def __init__(self, ns: str) -> None:
        def q(local: str) -> str:
            return f"{{{ns}}}{local}"

        self.document, self.body = q("document"), q("body")
        self.p, self.tbl, self.tr, self.tc = q("p"), q("tbl"), q("tr"), q("tc")
        self.r, self.t, self.tab, self.ptab = q("r"), q("t"), q("tab"), q("ptab")
        self.br, self.cr = q("br"), q("cr")
        self.no_break_hyphen = q("noBreakHyphen")
        self.fld_char, self.instr_text = q("fldChar"), q("instrText")
        self.fld_simple = q("fldSimple")
        self.sdt, self.sdt_content = q("sdt"), q("sdtContent")
        self.gallery_path = f"{q('sdtPr')}/{q('docPartObj')}/{q('docPartGallery')}"
        self.custom_xml = q("customXml")
        self.ppr, self.pstyle, self.outline, self.numpr = (
            q("pPr"), q("pStyle"), q("outlineLvl"), q("numPr")
        )
        self.num_id = q("numId")
        self.row_deleted_path = f"{q('trPr')}/{q('del')}"
        self.style, self.name, self.based_on = q("style"), q("name"), q("basedOn")
        self.val, self.type, self.style_id, self.default = (
            q("val"), q("type"), q("styleId"), q("default")
        )
        self.fld_char_type, self.instr = q("fldCharType"), q("instr")
        # Run containers whose text is part of the visible paragraph. Deletions
        # (w:del, w:moveFrom) are absent on purpose: that text is struck out.
        self.inline_containers = frozenset(
            q(local)
            for local in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "bdo", "dir")
        )
        self.alternate = f"{{{MC_NS}}}AlternateContent"
        self.fallback = f"{{{MC_NS}}}Fallback"
        self.choice = f"{{{MC_NS}}}Choice"
        # Run formatting and numbering (direct-formatting headings).
        self.rpr, self.b, self.sz, self.rstyle = q("rPr"), q("b"), q("sz"), q("rStyle")
        self.vanish = q("vanish")  # hidden text
        self.doc_defaults, self.rpr_default = q("docDefaults"), q("rPrDefault")
        self.abstract_num, self.abstract_num_id = q("abstractNum"), q("abstractNumId")
        self.num, self.lvl, self.ilvl = q("num"), q("lvl"), q("ilvl")
        self.num_fmt, self.lvl_text, self.start = q("numFmt"), q("lvlText"), q("start")
        # Content controls, form fields, text boxes, notes, embedded chunks.
        self.sdt_pr, self.showing_plc_hdr = q("sdtPr"), q("showingPlcHdr")
        self.ff_data, self.text_input, self.default_el = q("ffData"), q("textInput"), q(
            "default")
        self.dd_list, self.result, self.list_entry = q("ddList"), q("result"), q("listEntry")
        self.txbx_content, self.pict, self.drawing = q("txbxContent"), q("pict"), q("drawing")
        self.footnote_ref, self.endnote_ref = q("footnoteReference"), q("endnoteReference")
        self.footnote, self.endnote, self.id = q("footnote"), q("endnote"), q("id")
        self.alt_chunk, self.object = q("altChunk"), q("object")
        self.rel_ids = tuple(f"{{{ns}}}id" for ns in R_NAMESPACES)


@cache
def _tags(ns: str) -> Tags:
    return Tags(ns)


def names_for(root: etree._Element) -> Tags:
    ns = etree.QName(root).namespace
    if ns not in W_NAMESPACES:
        raise DocumentError("corrupt", MSG_NOT_WORD)
    return _tags(ns)


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
