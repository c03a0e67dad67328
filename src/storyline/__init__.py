"""storyline: turn raw news pages into a sourced, dated account of what happened."""

__version__ = "0.1.0"
