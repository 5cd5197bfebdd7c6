"""A content-addressed cache of extracted documents, verdicts and parsed rules.

A pre-commit hook re-checks the same unchanged agreements on every commit.
Extraction (and matching) depend only on the bytes of the files, the rules
and samlint's own code and data, so results are stored under a hash of
exactly those; an edited file, an edited rule file or a changed samlint
(upgraded, or edited in a checkout: ``code_fingerprint``, not only the
version string) misses the cache by construction, and nothing ever needs
invalidating.

Entries are JSON (never pickle: a cache must not be able to run code), are
written to a temporary file and renamed into place, so two runs sharing the
cache never see half an entry, and an unreadable entry is ignored and
rebuilt. The directory is created private to the user (0700).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import stat
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samlint import __version__
from samlint.documents.model import Block, BlockKind, Document
from samlint.results import Notice

if TYPE_CHECKING:
    from samlint.results import AgreementResult

SCHEMA = 1
HASH_CHUNK = 1 << 20


def default_directory() -> Path:
    """$SAMLINT_CACHE_DIR, else the platform's user cache directory."""
    configured = os.environ.get("SAMLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samlint"


def file_digest(path: Path) -> str:
    """SHA-256 of a regular file's bytes, read in chunks; OSError for anything else.

    This runs in the parent, outside the reading child's time limit, where a
    FIFO's plain open() would wait for a writer forever. Discovery names such
    files (``folder_walk.not_regular``); opening without blocking and checking
    what was opened also covers one put there since, and the reader names it.
    """
    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # none on Windows
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of samlint's own modules and built-in rule data, byte for byte.

    The version string alone is not enough: a checkout, an editable install
    or a patched release changes the code (or a verdict message, or the
    language data the matcher loads) without changing the version, and the
    cache would then serve what the old code made. Hashing every file costs
    a few milliseconds per process, once per process: 2-3 ms for the package
    and its rule folder on a warm disk, listed with ``os.walk`` (``rglob``
    took twice that).
    """
    from samlint.rules import builtin_rules_dir

    digest = hashlib.sha256(__version__.encode())
    for root, suffix in ((os.path.dirname(__file__), ".py"), (str(builtin_rules_dir()), "")):
        for parts, path in _files(root, suffix):
            digest.update(f"\0{'/'.join(parts)}\0".encode())
            with contextlib.suppress(OSError), open(path, "rb") as handle:
                digest.update(handle.read())  # gone since listed: the hash differs anyway
    return digest.hexdigest()


def _files(root: str, suffix: str) -> list[tuple[list[str], str]]:
    """The files under ``root`` whose names end in ``suffix``: their path below ``root`` as
    parts (the order is a path's order) and their path."""
    found = []
    for folder, _folders, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        parts = [] if relative == os.curdir else relative.split(os.sep)
        found.extend(([*parts, name], os.path.join(folder, name))
                     for name in names if name.endswith(suffix))
    return sorted(found)


class Cache:
    """Extracted documents and agreement verdicts, keyed by content."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._ready = False

    # ------------------------------------------------------------------ documents

    def document_key(self, digest: str, suffix: str, *, ocr: bool = True) -> str:
        """Key for a file's extracted text; with OCR off a scanned page reads differently."""
        return _key("document", SCHEMA, code_fingerprint(), suffix.lower(), digest,
                    *(() if ocr else ("no-ocr",)))

    def load_document(self, key: str, path: Path, display: str) -> Document | None:
        data = self._load(key)
        if data is None:
            return None
        try:
            blocks = [Block(text, BlockKind(kind), line, page, level, ocr == [True])
                      for text, kind, line, page, level, *ocr in data["blocks"]]
            notices = [Notice(display, code, message, tuple(pages))  # shown under today's name
                       for code, message, pages in data["notices"]]
            return Document(path=path, display=display, blocks=blocks,
                            page_count=data["page_count"], furniture=list(data["furniture"]),
                            notices=notices)
        except (KeyError, TypeError, ValueError):
            return None

    def has(self, key: str) -> bool:
        """Whether an entry exists, without reading it (it may still prove unreadable)."""
        return self._path(key).is_file()

    def store_document(self, key: str, document: Document) -> None:
        self._store(key, {
            # A sixth column, true, only on blocks recognised by OCR.
            "blocks": [[b.text, b.kind.value, b.line, b.page, b.level, *((True,) if b.ocr else ())]
                       for b in document.blocks],
            "page_count": document.page_count,
            "furniture": document.furniture,
            "notices": [[n.code, n.message, list(n.pages)] for n in document.notices],
        })

    # ------------------------------------------------------------------- verdicts

    def verdict_key(self, files: list[tuple[str, str]], rules_fingerprint: str,
                    agreement: str) -> str:
        """Key for an agreement's verdicts: its name, its files' names and bytes, the rules."""
        return _key("verdicts", SCHEMA, code_fingerprint(), rules_fingerprint, agreement,
                    *[f"{name}\0{digest}" for name, digest in files])

    def load_verdicts(self, key: str) -> AgreementResult | None:
        data = self._load(key)
        if data is None:
            return None
        try:
            return _result_from_json(data)
        except (KeyError, TypeError, ValueError):
            return None

    def store_verdicts(self, key: str, result: AgreementResult) -> None:
        self._store(key, asdict(result))

    # ---------------------------------------------------------------------- rules

    def rules_key(self, files: list[tuple[str, str]]) -> str:
        """Key for the parsed rule files (``rule_cache``): their names and bytes, in order."""
        return _key("rules", SCHEMA, code_fingerprint(),
                    *[f"{name}\0{digest}" for name, digest in files])

    def load_rules(self, key: str) -> Any:
        return self._load(key)

    def store_rules(self, key: str, value: dict[str, Any]) -> None:
        self._store(key, value)

    # --------------------------------------------------------------------- files

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key[2:]}.json"

    def _load(self, key: str) -> Any:
        import json

        try:
            with self._path(key).open("rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return None
        return data.get("value")

    def _store(self, key: str, value: Any) -> None:
        """Write atomically; a cache that cannot be written is silently skipped."""
        import json
        import tempfile

        # dumps, then one write: ``json.dump`` to a file encodes with the pure-Python
        # encoder, three times slower (the 200-page benchmark's text: 13 ms, not 4.5 ms).
        text = json.dumps({"schema": SCHEMA, "value": value}, ensure_ascii=False,
                          separators=(",", ":"))
        target = self._path(key)
        temporary = ""
        try:
            self._prepare(target.parent)
            descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, target)
        except OSError:
            if temporary:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _prepare(self, folder: Path) -> None:
        if not self._ready:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(self.directory, 0o700)
            self._ready = True
        folder.mkdir(mode=0o700, exist_ok=True)


def rules_fingerprint(rule_files: list[Path]) -> str:
    """What the verdicts depend on besides the documents: the rule files' bytes."""
    digest = hashlib.sha256()
    for path in rule_files:
        digest.update(str(path.name).encode())
        digest.update(file_digest(path).encode())
    return digest.hexdigest()


def _key(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()


def _result_from_json(data: dict[str, Any]) -> AgreementResult:
    from samlint.results import (
        AgreementResult,
        Evidence,
        FileError,
        FileRole,
        PartyInfo,
        RuleResult,
        Severity,
        Status,
    )

    rules = [
        RuleResult(
            rule_id=r["rule_id"], title=r["title"], status=Status(r["status"]),
            severity=Severity(r["severity"]) if r["severity"] else None,
            message=r["message"],
            evidence=[Evidence(**e) for e in r["evidence"]],
            weak_kind=r["weak_kind"],
            waiver=r.get("waiver"),
        )
        for r in data["rules"]
    ]
    errors = [FileError(**e) for e in data["errors"]]
    notices = [Notice(n["file"], n["code"], n["message"], tuple(n["pages"]))
               for n in data["notices"]]
    parties = [PartyInfo(p["name"], p["kind"]) for p in data.get("parties", [])]
    documents = [FileRole(d["file"], d["role"], d["number"], tuple(d["numbers"]))
                 for d in data.get("documents", [])]
    return AgreementResult(data["path"], list(data["files"]), rules, errors, notices,
                           parties, documents)
