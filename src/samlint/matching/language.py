"""Language data: the words and patterns of Norwegian agreement text, as data.

Which words say nothing concrete, how a sentence defers to another
document, what guidance sounds like: none of it is knowledge about one
requirement, and none of it belongs in code a rule author cannot edit. It
lives in ``rules/language.yaml``; a rule pack may extend it with a
``language:`` section (lists are added to, patterns become further
alternatives). This module turns that data into the compiled form the
matcher uses; it never reads files (``samlint.rules`` does).
"""

from __future__ import annotations

import re
from typing import Any

from samlint.matching.cues import cues

# Fields holding one pattern; a pack's extension is added as an alternative.
PATTERNS = ("statute_citation", "documents.deferral", "documents.external", "guidance.guide",
            "guidance.meta_opening", "guidance.meta_opening_anywhere",
            "guidance.recommendation", "guidance.generic_parties")
# Fields holding a list of words or patterns; a pack's extension is appended.
LISTS = ("term_variants", "generic_stems", "abbreviations", "documents.numbered",
         "documents.attachments", "documents.numbered_cues", "documents.external_cues",
         "documents.main", "guidance.meta",
         "guidance.meta_cues", "guidance.recommendation_cues",
         "guidance.generic_parties_block_cues")
# The cues of the sentence classes (``matching.sentences``): lists of alternatives.
SENTENCE_CLASSES = ("boilerplate", "signature", "placeholder", "law_list_intro", "law_name",
                    "intent", "procedural", "roles", "modal", "joint", "title", "generic_action",
                    "link_list", "unsettled", "postponed", "noted", "history_heading",
                    "plan_status")
LISTS = (*LISTS, *(f"sentence_classes.{name}" for name in SENTENCE_CLASSES))
# Fields holding one word; an extension replaces it.
WORDS = ("words.and", "words.or", "unnamed_document", "guidance.guide_cue",
         "guidance.generic_parties_cue")
FIELDS = ("filler_words", *PATTERNS, *LISTS, *WORDS)


def get(data: dict[str, Any], dotted: str) -> Any:
    """The value at ``a.b`` in nested mappings, or None."""
    value: Any = data
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def pattern_text(text: str) -> str:
    """A pattern as written over several lines: the lines joined without spaces."""
    return "".join(line.strip() for line in text.splitlines())


def merged(base: dict[str, Any], extension: dict[str, Any]) -> dict[str, Any]:
    """``base`` with a pack's ``language:`` section added (see the module docstring)."""
    out = {name: get(base, name) for name in FIELDS}
    for name in FIELDS:
        more = get(extension, name)
        if more is None:
            continue
        if name == "filler_words":
            out[name] = f"{out[name]} {more}"
        elif name in PATTERNS:
            out[name] = f"(?:{pattern_text(out[name])})|(?:{pattern_text(more)})"
        elif name in LISTS:
            out[name] = [*out[name], *more]
        else:
            out[name] = more
    return _nested(out)


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dotted, value in flat.items():
        *parents, last = dotted.split(".")
        holder = out
        for key in parents:
            holder = holder.setdefault(key, {})
        holder[last] = value
    return out


class Language:
    """The compiled language data a run judges with."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

        def pattern(name: str) -> re.Pattern[str]:
            return re.compile(pattern_text(get(data, name)))

        self.filler = frozenset(get(data, "filler_words").split())
        self.generic_stems = frozenset(get(data, "generic_stems"))
        self.statute_citation = pattern("statute_citation")
        self.abbreviations = frozenset(get(data, "abbreviations"))
        self.and_word = str(get(data, "words.and"))
        self.or_word = str(get(data, "words.or"))
        self.unnamed_document = str(get(data, "unnamed_document"))
        nouns = "|".join(rf"{re.escape(noun)}\w*" for noun in get(data, "documents.numbered"))
        self.numbered_document = re.compile(
            rf"\b(?P<kind>{nouns})\s*(?:nr\.?\s*)?(?P<num>\d{{1,2}}|[ivx]{{1,4}})\b")
        self.numbered_range = re.compile(
            rf"\b(?P<kind>{nouns})\s*(?:nr\.?\s*)?(?P<a>\d{{1,2}})"
            r"(?:\s*(?:-|–|til|og)\s*(?P<b>\d{1,2}))?")
        self.attachments = tuple(get(data, "documents.attachments"))
        self.numbered_cues = tuple(get(data, "documents.numbered_cues"))
        self.deferral = pattern("documents.deferral")
        self.external = pattern("documents.external")
        self.external_cues = tuple(get(data, "documents.external_cues"))
        self.main_document_names = tuple(str(name).lower() for name in get(data, "documents.main"))
        meta = [pattern_text(p) for p in get(data, "guidance.meta")]
        self.meta = re.compile("|".join(meta) + "|" + pattern_text(
            get(data, "guidance.meta_opening")))
        # The same cues anywhere in a block, for a quick test of whole blocks
        # (it matches a little more, never less). Each cue is searched on its
        # own, without the word boundary, the optional "samarbeids" and a
        # sentence-opening "^\W*" before it: none decides whether a match
        # exists somewhere in a block (and "^" would keep a later sentence of
        # it from matching), and a pattern that starts with a fixed word is
        # found by the regex engine's fast scan, where an alternation is tried
        # at every position.
        self.meta_anywhere = tuple(
            re.compile(text.removeprefix(r"^\W*").removeprefix(r"\b")
                       .removeprefix("(?:samarbeids)?"))
            for text in (*meta, pattern_text(get(data, "guidance.meta_opening_anywhere"))))
        self.meta_cues = tuple(get(data, "guidance.meta_cues"))
        self.guide = pattern("guidance.guide")
        self.guide_cue = str(get(data, "guidance.guide_cue"))
        self.recommendation = pattern("guidance.recommendation")
        self.recommendation_cues = tuple(get(data, "guidance.recommendation_cues"))
        self.generic_parties = pattern("guidance.generic_parties")
        self.generic_parties_cue = str(get(data, "guidance.generic_parties_cue"))
        self.generic_parties_block_cues = tuple(get(data, "guidance.generic_parties_block_cues"))
        self.term_variants = tuple(_variant(pair) for pair in get(data, "term_variants") or [])
        # All of them as one pattern: most terms have no nynorsk spelling of their own.
        self._any_variant = re.compile("|".join(
            f"(?:{pattern.pattern})" for pattern, _ in self.term_variants) or r"(?!)")
        # One alternation per sentence class; a class a pack's data leaves out matches nothing.
        self.sentence_cues = cues({
            name: [pattern_text(p) for p in get(data, f"sentence_classes.{name}") or []]
            for name in SENTENCE_CLASSES})

    def compile(self) -> None:
        """Compile the cues now (``Cue.compile``): a process about to start children calls it."""
        for cue in self.sentence_cues.values():
            cue.compile()

    def with_variants(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """``terms`` and, after them, their nynorsk spellings (``term_variants``).

        Fuzzy matching takes "tenester" for "tjenester", but not "augeblikkeleg"
        for "øyeblikkelig" or "tilvising" for "henvisning": those differ by more
        than an edit or two, and a pack written in bokmål would miss them.
        """
        out = list(terms)
        seen = set(out)
        for term in terms:
            spellings = [term.lower()]
            if not self._any_variant.search(spellings[0]):
                continue  # no variant changes it, so none changes a spelling made from it
            for pattern, nynorsk in self.term_variants:
                spellings += [pattern.sub(nynorsk, text) for text in spellings
                              if pattern.search(text)]
            for text in spellings[1:]:
                if text not in seen:
                    seen.add(text)
                    out.append(text)
        return tuple(out)

    def __reduce__(self) -> tuple[type[Language], tuple[dict[str, Any]]]:
        return (Language, (self.data,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Language) and other.data == self.data

    def __hash__(self) -> int:
        return hash(repr(self.data))

    def join(self, items: list[str], last: str | None = None) -> str:
        """'a, b og c' (or with ``last`` instead of 'og')."""
        last = self.and_word if last is None else last
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _variant(pair: str) -> tuple[re.Pattern[str], str]:
    """``"bokmål > nynorsk"``: the bokmål spelling anywhere in a term (inside compounds too),
    or only at a word's end when it ends in ``$`` ("kjeden$ > kjeda")."""
    bokmal, _, nynorsk = pair.partition(">")
    bokmal = bokmal.strip()
    end = bokmal.endswith("$")
    text = re.escape(bokmal.removesuffix("$")) + (r"(?![^\W\d_])" if end else "")
    return re.compile(text), nynorsk.strip()
