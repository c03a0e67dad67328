"""storyline: turn raw news pages into a sourced, dated account of what happened.

The whole public API is here; modules under it are implementation (see README.md):

    >>> import storyline
    >>> result = storyline.analyze_text("Putin met Abe in Sochi on Friday.", published="2016-05-07")
    >>> result.article.published
    '2016-05-07'
"""

from ._version import __version__
from .errors import InputError, ModelError, StoreError, StorylineError
from .pipeline import Summary, analyze_many, analyze_text, ingest, reprocess
from .read import Document, Skipped, read
from .records import (
    Actor,
    Analysis,
    Article,
    Event,
    EventDate,
    Location,
    MergedEvent,
    Quality,
    Quote,
    Removed,
    Source,
    Stance,
    StanceHistory,
    StancePosition,
    Story,
    StoryArticle,
    StoryDetail,
    Time,
    TimelineEntry,
)
from .store import Store

__all__ = [
    "Actor",
    "Analysis",
    "Article",
    "Document",
    "Event",
    "EventDate",
    "InputError",
    "Location",
    "MergedEvent",
    "ModelError",
    "Quality",
    "Quote",
    "Removed",
    "Skipped",
    "Source",
    "Stance",
    "StanceHistory",
    "StancePosition",
    "Store",
    "StoreError",
    "Story",
    "StoryArticle",
    "StoryDetail",
    "StorylineError",
    "Summary",
    "Time",
    "TimelineEntry",
    "__version__",
    "analyze_many",
    "analyze_text",
    "ingest",
    "read",
    "reprocess",
]
