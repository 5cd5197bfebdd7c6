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
    # Reading order: where characters and runs of text sit on the page.
    "FPDFPage_GetRotation": (_INT, [_VOID]),
    "FPDFPage_CountObjects": (_INT, [_VOID]),
    "FPDFText_GetCharOrigin": (_INT, [_VOID, _INT, _VOID, _VOID]),
    "FPDFText_CountRects": (_INT, [_VOID, _INT, _INT]),
    "FPDFText_GetRect": (_INT, [_VOID, _INT, _VOID, _VOID, _VOID, _VOID]),
    "FPDFText_GetCharIndexAtPos": (_INT, [_VOID, ctypes.c_double, ctypes.c_double,
                                          ctypes.c_double, ctypes.c_double]),
    # Form fields: the values typed into a filled PDF form.
    "FPDFPage_GetAnnotCount": (_INT, [_VOID]),
    "FPDFPage_GetAnnot": (_VOID, [_VOID, _INT]),
    "FPDFPage_CloseAnnot": (None, [_VOID]),
    "FPDFAnnot_GetSubtype": (_INT, [_VOID]),
    "FPDFAnnot_GetRect": (_INT, [_VOID, _VOID]),
    "FPDFAnnot_GetFormFieldType": (_INT, [_VOID, _VOID]),
    "FPDFAnnot_GetFormFieldValue": (ctypes.c_ulong, [_VOID, _VOID, _VOID, ctypes.c_ulong]),
    "FPDF_GetFormType": (_INT, [_VOID]),
    "FPDFDOC_InitFormFillEnvironment": (_VOID, [_VOID, _VOID]),
    "FPDFDOC_ExitFormFillEnvironment": (None, [_VOID]),
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


def open_page(document: Any, index: int) -> tuple[Any, Any, Any, Any]:
    """Page ``index`` (0-based) and its text page: their handles (for ``close_page``,
    in a ``finally``: no context manager's generator per page) and the same as pointer
    arguments, made once (``from_param``): the per-line functions below have no
    prototype, and an argument made per call would be an object per call."""
    pdfium = library()
    page = pdfium.FPDF_LoadPage(document, index)
    if not page:
        raise PdfiumFailure(f"page {index + 1} not loaded")
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        pdfium.FPDF_ClosePage(page)
        raise PdfiumFailure(f"text of page {index + 1} not loaded")
    return page, textpage, _POINTER(page), _POINTER(textpage)


def close_page(page: Any, textpage: Any) -> None:
    """Close what ``open_page`` loaded (its handles)."""
    pdfium = library()
    pdfium.FPDFText_ClosePage(textpage)
    pdfium.FPDF_ClosePage(page)


_POINTER = ctypes.c_void_p.from_param


def count_chars(textpage: Any) -> int:
    count = int(_per_page().count_chars(textpage))
    if count < 0:
        raise PdfiumFailure("characters not counted")
    return count


class TextBuffer:
    """A UTF-16 buffer for page texts, reused from page to page and grown to a power of two:
    a ctypes array of a new length is a new ctypes type, and made afresh for each page
    (whose lengths all differ) it cost more than PDFium's own copying of the text into it."""

    __slots__ = ("_array",)

    def __init__(self) -> None:
        self._array: Any = None

    def of_size(self, size: int) -> Any:
        """A buffer of at least ``size`` UTF-16 units."""
        if self._array is None or len(self._array) < size:
            self._array = (ctypes.c_ushort * max(4096, 1 << (size - 1).bit_length()))()
        return self._array


def all_text(textpage: Any, count: int, buffers: TextBuffer | None = None) -> str:
    """The page's text as PDFium writes it out (into a buffer from ``buffers``, if given).

    Characters PDFium keeps in its list but leaves out of the text (index -1)
    are trimmed from both ends first, as pypdfium2's ``get_text_range`` does:
    asking for them reads past the range (crbug.com/pdfium/2079).
    """
    quick = _per_page()
    text_index = quick.text_index
    first, last = 0, count - 1
    text_first = text_last = -1  # the text indices found at the two ends, each asked once
    while first <= last and (text_first := text_index(textpage, first)) == -1:
        first += 1
    while first <= last and (text_last := text_index(textpage, last)) == -1:
        last -= 1
    if first > last:
        return ""
    size = text_last + 2 - text_first  # with the closing NUL
    # Text indices running backwards (a size below 1): as before, an array of that length.
    buffer = ((buffers or TextBuffer()).of_size(size) if size > 0
              else (ctypes.c_ushort * size)())
    written = quick.text(textpage, first, last + 1 - first, buffer)
    if written <= 0:
        return ""
    # Only what PDFium wrote is read: the text, without its closing NUL.
    units = min(written, size) - 1
    return str(memoryview(buffer).cast("B")[: 2 * units], "utf-16-le", "ignore")


_QUICK: Any = None


def _quick(name: str, result: Any) -> Any:
    """PDFium function ``name`` as the calls made for every printed line need it: with no
    argument types declared, and keeping the interpreter lock.

    Asked three times per printed line, a call costs ctypes far more than PDFium.
    Declared types convert arguments one by one (each call two to three times as slow);
    undeclared, an int goes as a C int and a handle from ``open_page`` or a ``byref`` as a
    pointer (an int handle would not fit a C int and is refused, never truncated). And
    ctypes lets go of the interpreter lock around a CDLL function's call: worth it while a
    page loads, not for one character. A PyDLL view of the library keeps it.
    """
    global _QUICK
    if _QUICK is None:
        loaded = library()
        _QUICK = ctypes.PyDLL(loaded._name, handle=loaded._handle)
    function = _QUICK[name]  # indexing makes a new function object; attributes are shared
    function.restype = result
    return function


class FontQuery:
    """Font size and boldness of single characters, asked line by line (two PDFium calls
    each): the functions (``_quick``), the name buffer and the references are made once per
    process (``pdf._bound``), the bold test once per font name. (``pdf_rows.kept_lines`` too.)"""

    __slots__ = ("_bold", "_flags", "_info", "_name", "_name_ref", "_size")

    def __init__(self) -> None:
        self._size = _quick("FPDFText_GetFontSize", ctypes.c_double)
        self._info = _quick("FPDFText_GetFontInfo", ctypes.c_ulong)
        self._name = ctypes.create_string_buffer(128)
        self._name_ref = ctypes.byref(self._name)  # as an argument: no new one per call
        self._flags = ctypes.byref(ctypes.c_int(0))  # the reference keeps its int alive
        self._bold: dict[bytes, bool] = {}

    def style(self, textpage: Any, index: int) -> tuple[float, bool]:
        """Character ``index``'s font size, and whether its font's name says bold, black or
        heavy (not when PDFium has no name for it, or one too long)."""
        size = self._size(textpage, index)
        if not 0 < self._info(textpage, index, self._name_ref, 128, self._flags) <= 128:
            return size, False
        return size, self._bold_name(self._name.value)

    def _bold_name(self, raw: bytes) -> bool:
        bold = self._bold.get(raw)
        if bold is None:
            name = raw.decode("latin-1", "replace").lower()
            bold = self._bold[raw] = "bold" in name or "black" in name or "heavy" in name
        return bold


class LineStarts:
    """Font size, boldness (``FontQuery.style``) and baseline origin (``Geometry.origin``;
    ``x`` None where there is none) of each line's first letter, in parallel lists: for a
    page read in another order (``pdf_order``). A kept page is read by ``pdf_rows.kept_lines``.
    """

    __slots__ = ("bold", "size", "x", "y")

    def __init__(self, fonts: FontQuery, geometry: Geometry, textpage: Any,
                 indices: list[int]) -> None:
        self.size: list[float] = []
        self.bold: list[bool] = []
        self.x: list[float | None] = []
        self.y: list[float] = []
        for index in indices:
            size, bold = fonts.style(textpage, index) if index >= 0 else (0.0, False)
            origin = geometry.origin(textpage, index) if index >= 0 else None
            self.size.append(size)
            self.bold.append(bold)
            self.x.append(origin[0] if origin else None)
            self.y.append(origin[1] if origin else 0.0)


def rotation(page: Any) -> int:
    """The page's /Rotate in degrees clockwise: 0, 90, 180 or 270."""
    return int(_per_page().rotation(page)) % 4 * 90


def object_count(page: Any) -> int:
    """How many objects (pieces of text, images, paths) the page draws."""
    return int(_per_page().object_count(page))


class _PerPage:
    """The quick (``_quick``) functions asked once or twice for every page."""

    __slots__ = ("count_chars", "object_count", "rotation", "text", "text_index")

    def __init__(self) -> None:
        self.count_chars = _quick("FPDFText_CountChars", ctypes.c_int)
        self.text_index = _quick("FPDFText_GetTextIndexFromCharIndex", ctypes.c_int)
        self.text = _quick("FPDFText_GetText", ctypes.c_int)
        self.rotation = _quick("FPDFPage_GetRotation", ctypes.c_int)
        self.object_count = _quick("FPDFPage_CountObjects", ctypes.c_int)


_PER_PAGE: _PerPage | None = None


def _per_page() -> _PerPage:
    global _PER_PAGE
    if _PER_PAGE is None:
        _PER_PAGE = _PerPage()
    return _PER_PAGE


class Geometry:
    """Where text sits on a page, in PDF points (origin bottom left, before /Rotate). Like
    ``FontQuery``, the functions and the doubles they write are bound once per process: an
    origin is asked for every printed line (a kept page's in ``pdf_rows.kept_lines``)."""

    __slots__ = ("_at", "_count", "_origin", "_rect", "_refs", "_values")

    def __init__(self) -> None:
        pdfium = library()
        self._origin = _quick("FPDFText_GetCharOrigin", ctypes.c_int)
        self._count = pdfium.FPDFText_CountRects
        self._rect = pdfium.FPDFText_GetRect
        self._at = pdfium.FPDFText_GetCharIndexAtPos
        self._values = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(value) for value in self._values]

    def origin(self, textpage: Any, index: int) -> tuple[float, float] | None:
        """The baseline origin of character ``index``."""
        x, y = self._values[0], self._values[1]
        if not self._origin(textpage, index, self._refs[0], self._refs[1]):
            return None
        return x.value, y.value

    def run_count(self, textpage: Any, start: int, count: int) -> int:
        """How many runs (PDFium's rectangles: one per piece of text drawn) the characters
        ``start`` to ``start + count - 1`` make; -1 for the whole page with ``count=-1``."""
        return int(self._count(textpage, start, count))

    def runs(self, textpage: Any, start: int, count: int) -> list[tuple[float, float, float,
                                                                       float]]:
        """(left, top, right, bottom) of each run of the characters from ``start``."""
        out = []
        left, top, right, bottom = self._values
        for index in range(self._count(textpage, start, count)):
            if self._rect(textpage, index, *self._refs):
                out.append((left.value, top.value, right.value, bottom.value))
        return out

    def index_at(self, textpage: Any, x: float, y: float) -> int:
        """The character at point (x, y), within a point either way; negative if none."""
        return int(self._at(textpage, x, y, 1.0, 1.0))


TEXT_FIELD, COMBO_BOX = 6, 4  # FPDF_FORMFIELD_TEXTFIELD, FPDF_FORMFIELD_COMBOBOX
_WIDGET = 20  # FPDF_ANNOT_WIDGET


class _FloatRect(ctypes.Structure):
    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float),
                ("right", ctypes.c_float), ("bottom", ctypes.c_float)]


class Forms:
    """The filled-in values of a PDF form's text fields and choice boxes, page by page.

    PDFium gives a field's value (inherited from its parent field, as forms
    store it) only through a form environment, which is made the first time a
    page has a widget and closed with ``close``, before the document. A PDF
    without a form (no /AcroForm: PDFium reads no field without one) costs
    one call in all.
    """

    def __init__(self, document: Any) -> None:
        self._document = document
        self._handle: Any = None
        self._none = library().FPDF_GetFormType(document) == 0  # FORMTYPE_NONE
        self._info: Any = None  # made with the environment: most PDFs have no form

    def values(self, page: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
        """(value, (left, top, right, bottom)) of each filled text field on ``page``."""
        out: list[tuple[str, tuple[float, float, float, float]]] = []
        if self._none:
            return out
        pdfium = library()
        count = pdfium.FPDFPage_GetAnnotCount(page)
        for index in range(max(count, 0)):
            annot = pdfium.FPDFPage_GetAnnot(page, index)
            if not annot:
                continue
            try:
                if pdfium.FPDFAnnot_GetSubtype(annot) != _WIDGET:
                    continue
                value = self._value(annot)
                rect = _FloatRect()
                if value.strip() and pdfium.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                    out.append((value, (rect.left, rect.top, rect.right, rect.bottom)))
            finally:
                pdfium.FPDFPage_CloseAnnot(annot)
        return out

    def _value(self, annot: Any) -> str:
        pdfium = library()
        if self._handle is None:
            # FPDF_FORMFILLINFO version 1 with every callback empty: samlint only reads.
            # PDFium keeps the pointer, so the buffer lives as long as the environment.
            self._info = ctypes.create_string_buffer(512)
            ctypes.c_int.from_buffer(self._info).value = 1
            self._handle = pdfium.FPDFDOC_InitFormFillEnvironment(self._document, self._info)
            if not self._handle:
                self._handle = 0
        if not self._handle:
            return ""
        if pdfium.FPDFAnnot_GetFormFieldType(self._handle, annot) not in (TEXT_FIELD, COMBO_BOX):
            return ""
        size = pdfium.FPDFAnnot_GetFormFieldValue(self._handle, annot, None, 0)
        if size <= 2 or size > 1_000_000:
            return ""
        buffer = ctypes.create_string_buffer(size)
        pdfium.FPDFAnnot_GetFormFieldValue(self._handle, annot, buffer, size)
        return buffer.raw[: size - 2].decode("utf-16-le", "replace")

    def close(self) -> None:
        if self._handle:
            library().FPDFDOC_ExitFormFillEnvironment(self._handle)
        self._handle = None
