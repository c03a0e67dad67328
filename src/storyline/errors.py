"""storyline's exceptions. Every one of them becomes a single line on stderr in the CLI.

StorylineError
├── InputError      a file or line that cannot be read as an article
├── ModelError      the spaCy model is missing or cannot be loaded
└── StoreError      the database cannot be opened, is too new, or is not ours
"""


class StorylineError(Exception):
    """Base class: the message is one line meant for the user."""


class InputError(StorylineError):
    pass


class ModelError(StorylineError):
    pass


class StoreError(StorylineError):
    pass
