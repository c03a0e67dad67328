"""Actors: one per real-world entity, titles resolved on the article's date, stable ids."""

from __future__ import annotations

import re
import time

import pycountry
import pytest

from storyline.extract.actors import find_actors, lexicon
from storyline.records import Actor

from .conftest import seed


def actors(nlp, text: str, published: str | None = "2018-06-01"):
    doc = nlp(text)
    return doc, find_actors(doc, published)


def by_id(index, actor_id: str) -> Actor:
    found = [a for a in index.actors if a.id == actor_id]
    assert found, f"{actor_id} not among {[a.id for a in index.actors]}"
    return found[0]


def actor_at(doc, index, phrase: str) -> Actor | None:
    start = doc.text.index(phrase)
    return index.at(start, start + len(phrase))


def pronoun(doc, index, word: str, nth: int = 0):
    tokens = [t for t in doc if t.text == word]
    return index.pronoun(tokens[nth])


# -- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_2016(nlp):
    doc = nlp(seed("000").read_text(encoding="utf-8"))
    return doc, find_actors(doc, "2016-05-07")


@pytest.fixture(scope="module")
def seed_2018(nlp):
    doc = nlp(seed("002").read_text(encoding="utf-8"))
    return doc, find_actors(doc, "2018-09-13")


@pytest.mark.parametrize("which", ["seed_2016", "seed_2018"])
def test_seed_actors_have_country_and_sector(which, request):
    _, index = request.getfixturevalue(which)
    abe = by_id(index, "person:shinzo-abe")
    assert (abe.country, abe.sector, abe.kind) == ("JPN", "GOV", "person")
    assert by_id(index, "RUS").kind == "country"
    tass = by_id(index, "org:tass")
    assert (tass.country, tass.sector) == ("RUS", "MED")


def test_seed_2016_rosneft_lavrov_and_the_russian_leader(seed_2016):
    doc, index = seed_2016
    rosneft = by_id(index, "org:rosneft")
    assert (rosneft.country, rosneft.sector) == ("RUS", "BUS")
    lavrov = by_id(index, "person:sergei-lavrov")
    assert (lavrov.country, lavrov.sector) == ("RUS", "GOV")
    assert actor_at(doc, index, "the Russian leader").id == "person:vladimir-putin"
    # The caption's "Abe" comes before the full name and is still the same man.
    assert "Abe" in by_id(index, "person:shinzo-abe").aliases
    assert actor_at(doc, index, "Russian troops").id == "RUS-MIL"


def test_seed_2018_russian_federation_president_modi_and_spokesman(seed_2018):
    doc, index = seed_2018
    russia = by_id(index, "RUS")
    assert "Russian Federation" in russia.aliases
    assert not [a for a in index.actors if a.name == "Russian Federation" and a.id != "RUS"]
    assert actor_at(doc, index, "Russia's President").id == "person:vladimir-putin"
    modi = by_id(index, "person:narendra-modi")
    assert (modi.country, modi.sector) == ("IND", "GOV")
    spokesman = actor_at(doc, index, "a Japanese government spokesman")
    assert spokesman is not None
    assert (spokesman.id, spokesman.kind, spokesman.country, spokesman.sector) == (
        "JPN-GOV", "organization", "JPN", "GOV")


def test_mentions_point_at_the_words(seed_2018):
    doc, index = seed_2018
    for actor in index.actors:
        assert actor.mentions
        for start, end in actor.mentions:
            assert 0 <= start < end <= len(doc.text)
            assert doc.text[start:end].strip() == doc.text[start:end]


# -- titles on the article's date ------------------------------------------------------


@pytest.mark.parametrize(("published", "expected"), [
    ("2010-06-01", "person:barack-obama"),
    ("2018-06-01", "person:donald-trump"),
    ("2022-06-01", "person:joe-biden"),
])
def test_the_us_president_is_the_holder_on_the_date(nlp, published, expected):
    doc, index = actors(nlp, "The US president said on Monday that talks would resume.", published)
    holder = actor_at(doc, index, "The US president")
    assert holder is not None and holder.id == expected
    assert (holder.country, holder.sector) == ("USA", "GOV")


def test_without_a_date_a_title_is_the_government_not_a_guess(nlp):
    doc, index = actors(nlp, "The US president said on Monday that talks would resume.", None)
    assert actor_at(doc, index, "The US president").id == "USA-GOV"


def test_japanese_prime_minister_changes_with_the_date(nlp):
    text = "The Japanese prime minister will visit Seoul next week."
    doc, index = actors(nlp, text, "2011-01-15")
    assert actor_at(doc, index, "The Japanese prime minister").id == "person:naoto-kan"
    doc, index = actors(nlp, text, "2016-01-15")
    assert actor_at(doc, index, "The Japanese prime minister").id == "person:shinzo-abe"


def test_french_and_german_leaders_and_their_capitals(nlp):
    doc, index = actors(nlp, "The French president and the German chancellor spoke by phone. "
                             "Paris and Berlin agreed on new sanctions.", "2019-02-01")
    assert actor_at(doc, index, "The French president").id == "person:emmanuel-macron"
    assert actor_at(doc, index, "the German chancellor").id == "person:angela-merkel"
    assert actor_at(doc, index, "Paris").id == "FRA-GOV"
    assert actor_at(doc, index, "Berlin").id == "DEU-GOV"


def test_a_capital_as_a_venue_is_a_place(nlp):
    doc, index = actors(nlp, "The ministers met in Berlin on Tuesday.", "2019-02-01")
    berlin = actor_at(doc, index, "Berlin")
    assert berlin.kind == "place" and berlin.country == "DEU"


def test_title_before_a_name_confirms_the_person(nlp):
    doc, index = actors(nlp, "German Chancellor Angela Merkel met French President Emmanuel "
                             "Macron. The chancellor said she was optimistic.", "2018-03-20")
    merkel = by_id(index, "person:angela-merkel")
    assert merkel.title == "Chancellor of Germany"
    assert actor_at(doc, index, "The chancellor").id == merkel.id
    assert pronoun(doc, index, "she").id == merkel.id


def test_title_and_surname_find_the_office_holder(nlp):
    doc, index = actors(nlp, "President Moon said the summit went well.", "2018-09-20")
    moon = actor_at(doc, index, "Moon")
    assert moon.id == "person:moon-jae-in" and moon.country == "KOR"


def test_former_office_holders_are_not_the_current_one(nlp):
    _, index = actors(nlp, "Former British prime minister Tony Blair criticised the plan.",
                        "2019-09-01")
    blair = by_id(index, "person:tony-blair")
    assert blair.sector == "ELI" and blair.title.startswith("former")
    assert "person:boris-johnson" not in {a.id for a in index.actors}


def test_kremlin_spokesman_is_a_russian_government_actor(nlp):
    doc, index = actors(nlp, "A Kremlin spokesman said Moscow would respond. A Kremlin "
                             "spokesman, Dmitry Peskov, later added that Russia was ready.",
                        "2019-01-10")
    assert actor_at(doc, index, "A Kremlin spokesman said").id == "RUS-GOV"
    assert actor_at(doc, index, "Moscow").id == "RUS-GOV"
    peskov = actor_at(doc, index, "A Kremlin spokesman, Dmitry Peskov,")
    assert peskov.id == "person:dmitry-peskov"
    assert (peskov.country, peskov.sector) == ("RUS", "GOV")


def test_a_leaders_government_and_spokesman_are_their_countrys(nlp):
    doc, index = actors(nlp, "Prime Minister Shinzo Abe's government approved the plan. "
                             "Putin's spokesman denied it.", "2016-05-07")
    assert actor_at(doc, index, "Shinzo Abe's government").id == "JPN-GOV"
    assert actor_at(doc, index, "Shinzo Abe").id == "person:shinzo-abe"
    assert actor_at(doc, index, "Putin's spokesman").id == "RUS-GOV"


def test_multiword_title_is_not_taken_for_an_organisation(nlp):
    _, index = actors(nlp, "Secretary of State John Kerry met Iranian Foreign Minister "
                             "Mohammad Javad Zarif in Vienna.", "2015-07-01")
    ids = {a.id for a in index.actors}
    assert {"person:john-kerry", "person:mohammad-javad-zarif"} <= ids
    assert not [a for a in index.actors if a.kind == "organization"]


def test_a_spokesperson_belongs_to_the_organisation_that_employs_them(nlp):
    doc, index = actors(nlp, "Chinese Foreign Ministry spokesperson Wang Wenbin said Beijing "
                             "opposed the move.", "2021-05-01")
    wang = actor_at(doc, index, "Wang Wenbin")
    assert (wang.kind, wang.country, wang.sector) == ("person", "CHN", "GOV")
    assert actor_at(doc, index, "Beijing").id == "CHN-GOV"


def test_the_leader_is_whoever_led_on_the_date(nlp):
    text = "The Turkish leader said Ankara would not back down."
    doc, index = actors(nlp, text, "2010-05-01")
    assert actor_at(doc, index, "The Turkish leader").title == "Prime Minister of Turkey"
    doc, index = actors(nlp, text, "2016-05-01")
    assert actor_at(doc, index, "The Turkish leader").title == "President of Turkey"


def test_organisation_heads(nlp):
    doc, index = actors(nlp, "UN Secretary-General Antonio Guterres urged restraint. "
                             "The UN chief spoke in New York.", "2019-09-01")
    guterres = actor_at(doc, index, "The UN chief")
    assert guterres.id == "person:antonio-guterres" and guterres.sector == "IGO"
    assert by_id(index, "org:un").sector == "IGO"


# -- demonyms, aliases, unknown names --------------------------------------------------


def test_demonyms_with_sector_nouns(nlp):
    doc, index = actors(nlp, "Chinese troops crossed the border, and Indian officials "
                             "protested. Saudi state media reported the clash.", "2020-06-16")
    assert actor_at(doc, index, "Chinese troops").id == "CHN-MIL"
    assert actor_at(doc, index, "Indian officials").id == "IND-GOV"
    assert actor_at(doc, index, "Saudi state media").id == "SAU-MED"


def test_aliases_of_one_place(nlp):
    _, index = actors(nlp, "Japan calls the islands the Northern Territories; they are "
                             "known as Kurilskiye ostrova in Russian and the Kuril Islands in "
                             "English.", "2016-05-07")
    kurils = by_id(index, "place:kuril-islands")
    assert {"Northern Territories", "Kurilskiye ostrova"} <= set(kurils.aliases)
    assert len([a for a in index.actors if a.kind == "place"]) == 1


def test_short_name_joins_the_full_name(nlp):
    _, index = actors(nlp, "Jane Okafor, a local activist, spoke first. Okafor said the "
                             "plan would fail.", "2019-01-01")
    people = [a for a in index.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Jane Okafor"]
    assert len(people[0].mentions) == 2


def test_shared_surname_goes_to_the_person_named_first(nlp):
    doc, index = actors(nlp, "Hillary Clinton and Bill Clinton arrived in Ohio. Clinton said "
                             "she would win.", "2016-06-01")
    assert actor_at(doc, index, "Clinton said").id == "person:hillary-clinton"
    assert len([a for a in index.actors if a.kind == "person"]) == 2


def test_unknown_organisation_is_kept_with_country_from_context(nlp):
    doc, index = actors(nlp, "Acme Widgets, a Canadian company, said it would open a plant "
                             "in Ohio.", "2016-05-07")
    acme = actor_at(doc, index, "Acme Widgets")
    assert acme is not None and acme.kind == "organization"
    assert (acme.country, acme.sector) == ("CAN", "BUS")
    assert pronoun(doc, index, "it").id == acme.id


def test_ids_are_the_same_across_articles(nlp):
    _, first = actors(nlp, "Russian President Vladimir Putin met Xi Jinping.", "2019-06-05")
    _, second = actors(nlp, "Putin said Russia would not retreat.", "2022-03-01")
    assert {"person:vladimir-putin", "person:xi-jinping"} <= {a.id for a in first.actors}
    assert {"person:vladimir-putin", "RUS"} <= {a.id for a in second.actors}


# -- pronouns --------------------------------------------------------------------------


def test_pronoun_with_one_antecedent(nlp):
    doc, index = actors(nlp, "Russia says it wants to sign a peace treaty first.", "2016-05-07")
    assert pronoun(doc, index, "it").id == "RUS"
    assert index.actor_of_token(next(t for t in doc if t.text == "it")).id == "RUS"


def test_pronoun_with_two_candidates_stays_unknown(nlp):
    doc, index = actors(nlp, "Putin and Abe met in Sochi. He said the talks were useful.",
                        "2016-05-07")
    assert pronoun(doc, index, "He") is None


def test_pronoun_prefers_the_main_subject(nlp):
    doc, index = actors(nlp, "Boris Johnson said Britain would leave. Johnson said he was "
                             "confident.", "2019-09-01")
    assert pronoun(doc, index, "he").id == "person:boris-johnson"


def test_pleonastic_it_is_nobody(nlp):
    doc, index = actors(nlp, "It is expected that Russia will respond.", "2016-05-07")
    assert pronoun(doc, index, "It") is None


def test_span_without_a_name_resolves_its_pronoun_head(nlp):
    doc, index = actors(nlp, "Vladimir Putin spoke on Friday. He said relations were good.",
                        "2016-05-07")
    start = doc.text.index("He")
    assert index.at(start, start + 2).id == "person:vladimir-putin"


# -- the lexicon -----------------------------------------------------------------------


def test_lexicon_covers_every_country_and_is_loaded_once():
    lex = lexicon()
    assert lexicon() is lex
    assert {c.alpha_3 for c in pycountry.countries} <= set(lex.countries)


def test_leader_terms_are_well_formed():
    lex = lexicon()
    date = re.compile(r"^\d{4}-\d\d(-\d\d)?$")
    for name, terms in lex.terms.items():
        for t in terms:
            assert t.owner in lex.countries or t.owner in lex.orgs, (name, t.owner)
            assert t.office in {"hos", "hog", "vp", "fm", "sg"}, (name, t.office)
            assert date.match(t.start) and (not t.end or date.match(t.end)), name
            assert not t.end or t.start < t.end, name


def test_one_holder_per_office_per_day():
    lex = lexicon()
    for owner, terms in lex.by_owner.items():
        for day in ("2001-06-01", "2008-06-01", "2016-05-07", "2018-09-13", "2023-06-01"):
            for office in ("hos", "hog", "vp", "fm", "sg"):
                holders = {t.name for t in terms if t.office == office and t.active(day)}
                assert len(holders) <= 1, (owner, office, day, holders)


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Die Bundeskanzlerin sagte am Montag, dass die Gespräche in Berlin weitergehen würden.",
    "Президент России Владимир Путин заявил, что переговоры продолжатся.",
    "日本の首相は月曜日に東京で記者会見を開いた。",
    "RUSSIA SAYS IT WANTS PEACE TREATY WITH JAPAN AS WHO WARNS US AND EU " * 40,
    ", ".join(["Russia", "China", "Japan", "India", "France", "Germany", "Brazil", "Canada",
               "Italy", "Spain", "Mexico", "Turkey", "Iran", "Israel", "Egypt", "Kenya",
               "NATO", "the UN", "Putin", "Modi"]) + " all sent envoys, and they spoke.",
    "",
])
def test_bad_input_does_not_crash_and_stays_fast(nlp, text):
    doc = nlp(text)
    start = time.perf_counter()
    index = find_actors(doc, "2016-05-07")
    assert time.perf_counter() - start < 20  # a runaway guard, not a speed target
    for actor in index.actors:
        assert actor.id and actor.mentions
    for token in doc:
        index.actor_of_token(token)
    assert index.at(0, len(doc.text)) is None or index.at(0, len(doc.text)).id


def test_bad_dates_are_treated_as_no_date(nlp):
    doc = nlp("The US president spoke.")
    assert find_actors(doc, "yesterday").at(0, 17).id == "USA-GOV"


def test_unnamed_groups_are_actors_with_the_country_named_alone(nlp):
    doc, index = actors(nlp, "Iraq closed its border on Sunday. Police arrested three men.")
    police = actor_at(doc, index, "Police")
    assert police is not None and police.id == "IRQ-COP" and police.sector == "COP"
    doc, index = actors(nlp, "Iraq and Iran closed the border. Police arrested three men.")
    police = actor_at(doc, index, "Police")
    assert police is not None and police.id == "group:police" and police.country is None
    doc, index = actors(nlp, "The union rejected the offer from the company.")
    union = actor_at(doc, index, "union")
    assert union is not None and union.kind == "group" and union.sector == "LAB"


def test_a_name_particle_keeps_the_rest_of_the_name_from_the_gazetteer(nlp):
    doc, index = actors(nlp, "Mexican President Miguel de la Madrid met Peruvian leaders.",
                        "1987-03-26")
    assert "ESP-GOV" not in {a.id for a in index.actors}  # not the Spanish government
    named = actor_at(doc, index, "Madrid")
    assert named is not None and named.kind == "person"


def test_company_named_with_suffix_stays_a_company(nlp):
    # the tagger reads "Halliburton" alone as a place; "Halliburton Co" says what it is
    _, index = actors(nlp, "Halliburton Co said on Monday that it had followed the plan. "
                           "Halliburton denied wrongdoing on Monday, and Halliburton "
                           "engineers left the rig.", "2010-05-10")
    assert by_id(index, "org:halliburton").kind == "organization"
    assert not [a for a in index.actors if a.kind == "place"]


def test_company_name_the_tagger_missed_joins_the_company(nlp):
    doc, index = actors(nlp, "Transocean Ltd owned the rig. BP blamed Transocean for the "
                             "leak. Transocean rejected the claim.", "2010-05-10")
    assert actor_at(doc, index, "Transocean rejected").id == "org:transocean"


def test_group_in_a_country_belongs_to_it_but_troops_may_be_abroad(nlp):
    doc, index = actors(nlp, "Officials in Kenya met farmers. Troops in Somalia came under "
                             "fire.", "2012-03-01")
    assert actor_at(doc, index, "Officials in Kenya").id == "KEN-GOV"
    troops = actor_at(doc, index, "Troops")
    assert troops is None or troops.country != "SOM"


def test_city_takes_the_country_or_state_written_after_it(nlp):
    doc, index = actors(nlp, "Officials met in Birmingham, Alabama, and in Kingston, Jamaica.",
                        "2010-08-13")
    assert actor_at(doc, index, "Birmingham").country == "USA"
    assert actor_at(doc, index, "Kingston").country == "JAM"
    doc, index = actors(nlp, "Officials met in Birmingham on Monday.", "2010-08-13")
    assert actor_at(doc, index, "Birmingham").country == "GBR"  # the most populous


def test_leaders_are_a_group_and_their_leaders_are_nobody_s_government(nlp):
    doc, index = actors(nlp, "Russian leaders met union leaders in Moscow. Kenyan farmers "
                             "blocked roads before their leaders called a truce.", "2012-03-01")
    assert actor_at(doc, index, "Russian leaders").id == "RUS-GOV"
    assert actor_at(doc, index, "union leaders").sector == "LAB"
    theirs = actor_at(doc, index, "leaders called")
    assert theirs is None or theirs.id != "KEN-GOV"


def test_named_kinds_of_groups_are_groups_of_their_sector(nlp):
    doc, index = actors(nlp, "Kenyan rights groups and armed groups in the north met "
                             "business groups.", "2012-03-01")
    assert actor_at(doc, index, "Kenyan rights groups").id == "KEN-CVL"
    assert actor_at(doc, index, "armed groups").sector == "REB"
    assert actor_at(doc, index, "business groups").sector == "BUS"


def test_member_states_are_many_countries_not_one_government(nlp):
    doc, index = actors(nlp, "Ministers met in Luxembourg. There was no accord among the "
                             "bloc's 12 member states.", "1987-03-10")
    states = actor_at(doc, index, "member states")
    assert states is not None and states.id != "LUX-GOV" and states.name == "member states"
