"""The dozen PDFium functions samlint calls, bound directly on the library pypdfium2 ships.

Importing pypdfium2 costs 0.07-0.1 s: ctypes prototypes for PDFium's whole
API (some 500 functions), its logging and an exit hook. A cold check of a
200-page agreement takes under a second, and that import sits on its
critical path, before the first page is read. Loading the same shared
library and declaring the functions used here takes about 5 ms.

pypdfium2 stays the dependency that provides (and pins) the PDFium build;
only its Python layer is skipped. Where its package does not hold the
library file in the usual place, the library is taken from pypdfium2's own
loader instead, so an unusual installation is slower, never broken.

Errors are ``PdfiumFailure``; the PDF reader turns them into the user's
message. Nothing here knows about agreements.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any

PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


class PdfiumFailure(Exception):
    """PDFium refused the file (``opening``; ``password`` when it is encrypted) or a page."""

    def __init__(self, what: str, *, opening: bool = False, password: bool = False) -> None:
        super().__init__(what)
        self.opening = opening
        self.password = password


class _LibraryConfig(ctypes.Structure):
    # FPDF_LIBRARY_CONFIG, version 2: the last version whose fields are all stable.
    _fields_ = [
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    ]


_VOID = ctypes.c_void_p
_INT = ctypes.c_int
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "FPDF_InitLibraryWithConfig": (None, [ctypes.POINTER(_LibraryConfig)]),
    "FPDF_LoadMemDocument64": (_VOID, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p]),
    "FPDF_GetLastError": (ctypes.c_ulong, []),
    "FPDF_GetPageCount": (_INT, [_VOID]),
    "FPDF_CloseDocument": (None, [_VOID]),
    "FPDF_LoadPage": (_VOID, [_VOID, _INT]),
    "FPDF_ClosePage": (None, [_VOID]),
    "FPDFText_LoadPage": (_VOID, [_VOID]),
    "FPDFText_ClosePage": (None, [_VOID]),
    "FPDFText_CountChars": (_INT, [_VOID]),
    "FPDFText_GetTextIndexFromCharIndex": (_INT, [_VOID, _INT]),
    "FPDFText_GetText": (_INT, [_VOID, _INT, _INT, _VOID]),
    "FPDFText_GetFontSize": (ctypes.c_double, [_VOID, _INT]),
    "FPDFText_GetFontInfo": (ctypes.c_ulong, [_VOID, _INT, _VOID, ctypes.c_ulong,
                                              ctypes.POINTER(_INT)]),
}

_LIBRARY: Any = None


def library() -> Any:
    """PDFium, loaded and initialised once per process (forked children inherit it)."""
    global _LIBRARY
    if _LIBRARY is None:
        loaded = _load()
        for name, (result, arguments) in _SIGNATURES.items():
            function = getattr(loaded, name)
            function.restype = result
            function.argtypes = arguments
        config = _LibraryConfig(2, None, None, 0)
        loaded.FPDF_InitLibraryWithConfig(ctypes.byref(config))
        _LIBRARY = loaded
    return _LIBRARY


def _load() -> Any:
    spec = find_spec("pypdfium2_raw")
    if spec is not None and spec.submodule_search_locations:
        name = {"win32": "pdfium.dll", "cygwin": "pdfium.dll",
                "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
        for folder in spec.submodule_search_locations:
            candidate = Path(folder) / name
            if candidate.is_file():
                return ctypes.CDLL(str(candidate))
    from pypdfium2_raw import bindings  # an unusual layout: let pypdfium2 find it

    return bindings._libs["pdfium"]


@contextmanager
def open_document(content: bytes) -> Iterator[Any]:
    """The document handle for a PDF's bytes, closed on leaving.

    Loaded from memory rather than by path: the bytes are read with Python's
    own file handling, so a path in any encoding works the same everywhere.
    """
    pdfium = library()
    handle = pdfium.FPDF_LoadMemDocument64(content, len(content), None)
    if not handle:
        error = pdfium.FPDF_GetLastError()
        raise PdfiumFailure(f"document not loaded (error {error})", opening=True,
                            password=error == PASSWORD_ERROR)
    try:
        if pdfium.FPDF_GetPageCount(handle) < 1:
            raise PdfiumFailure("document has no pages", opening=True)
        yield handle
    finally:
        pdfium.FPDF_CloseDocument(handle)


def page_count(document: Any) -> int:
    return int(library().FPDF_GetPageCount(document))


@contextmanager
def text_page(document: Any, index: int) -> Iterator[Any]:
    """The text page (PDFium's character list) of page ``index``, 0-based; closed on leaving."""
    pdfium = library()
    page = pdfium.FPDF_LoadPage(document, index)
    if not page:
        raise PdfiumFailure(f"page {index + 1} not loaded")
    try:
        textpage = pdfium.FPDFText_LoadPage(page)
        if not textpage:
            raise PdfiumFailure(f"text of page {index + 1} not loaded")
        try:
            yield textpage
        finally:
            pdfium.FPDFText_ClosePage(textpage)
    finally:
        pdfium.FPDF_ClosePage(page)


def count_chars(textpage: Any) -> int:
    count = int(library().FPDFText_CountChars(textpage))
    if count < 0:
        raise PdfiumFailure("characters not counted")
    return count


def all_text(textpage: Any, count: int) -> str:
    """The page's text as PDFium writes it out.

    Characters PDFium keeps in its list but leaves out of the text (index -1)
    are trimmed from both ends first, as pypdfium2's ``get_text_range`` does:
    asking for them reads past the range (crbug.com/pdfium/2079).
    """
    pdfium = library()
    first, last = 0, count - 1
    while first <= last and pdfium.FPDFText_GetTextIndexFromCharIndex(textpage, first) == -1:
        first += 1
    while first <= last and pdfium.FPDFText_GetTextIndexFromCharIndex(textpage, last) == -1:
        last -= 1
    if first > last:
        return ""
    text_first = pdfium.FPDFText_GetTextIndexFromCharIndex(textpage, first)
    text_last = pdfium.FPDFText_GetTextIndexFromCharIndex(textpage, last)
    size = text_last + 2 - text_first  # with the closing NUL
    buffer = (ctypes.c_ushort * size)()
    written = pdfium.FPDFText_GetText(textpage, first, last + 1 - first, buffer)
    if written <= 0:
        return ""
    return bytes(memoryview(buffer)[: min(written, size) - 1]).decode("utf-16-le", "ignore")


class FontQuery:
    """Font size and boldness of single characters, asked line by line.

    Seven thousand lines in the 200-page benchmark, two PDFium calls each:
    the functions, the name buffer and the flags' reference are made once
    per page run, not per call, and the bold test once per font name.
    """

    __slots__ = ("_bold", "_flags", "_info", "_name", "_size")

    def __init__(self) -> None:
        pdfium = library()
        self._size = pdfium.FPDFText_GetFontSize
        self._info = pdfium.FPDFText_GetFontInfo
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.byref(ctypes.c_int(0))  # the reference keeps its int alive
        self._bold: dict[bytes, bool] = {}

    def style(self, textpage: Any, index: int) -> tuple[float, bool]:
        """Character ``index``'s font size, and whether its font's name says bold, black or
        heavy (not when PDFium has no name for it, or one too long)."""
        size = float(self._size(textpage, index))
        length = self._info(textpage, index, self._name, 128, self._flags)
        if not 0 < length <= 128:
            return size, False
        raw = self._name.value
        bold = self._bold.get(raw)
        if bold is None:
            name = raw.decode("latin-1", "replace").lower()
            bold = self._bold[raw] = "bold" in name or "black" in name or "heavy" in name
        return size, bold
