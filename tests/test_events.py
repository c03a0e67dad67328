"""Event coding: types, parties, status, dates and places from general English rules."""

from __future__ import annotations

import time

import pytest

from storyline.extract.events import cameo_of, find_events, lexicon
from storyline.records import Event

from .conftest import seed

actors_mod = pytest.importorskip("storyline.extract.actors")
times_mod = pytest.importorskip("storyline.extract.times")


def code(nlp, text: str, published: str = "2016-05-07") -> list[Event]:
    doc = nlp(text)
    index = actors_mod.find_actors(doc, published)
    times = times_mod.find_times(doc, published)
    return find_events(
        doc, index, times, published,
        lambda s, e: times_mod.date_of(doc, s, e, times, published),
    )


def test_every_lexicon_entry_maps_to_a_cameo_code():
    lex = lexicon()
    for table in (lex.verbs, lex.nouns):
        for entries in table.values():
            for trig in entries:
                code_, score = cameo_of(trig.type, trig.mode)
                assert code_ is not None and score is not None, trig
    assert cameo_of("CONSULT", "visit") == ("042", 1.9)
    assert cameo_of("COERCE", "confiscate") == ("171", -9.2)


def test_meeting_is_consult_dated_by_its_clause_and_placed_in_the_city(nlp):
    events = code(nlp, "Japanese Prime Minister Shinzo Abe met Chinese President Xi Jinping "
                       "in Beijing on Friday.")
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "CONSULT" and ev.status == "asserted"
    assert ev.date.value == "2016-05-06" and not ev.date.fallback
    assert ev.location is not None and ev.location.name == "Beijing"
    assert ev.location.country == "CHN" and ev.location.lat is not None


def test_future_talks_between_two_countries_are_planned_and_reciprocal(nlp):
    events = code(nlp, "France and Germany will hold talks in June.")
    assert [e.type for e in events] == ["CONSULT"]
    ev = events[0]
    assert ev.status == "planned" and ev.reciprocal
    assert set(ev.actor) == {"FRA", "DEU"}
    assert ev.date.value == "2016-06"


def test_report_of_a_statement_is_not_an_event(nlp):
    assert code(nlp, "The French foreign minister said the economy was growing.") == []


def test_negation_and_condition_set_the_status(nlp):
    negated = code(nlp, "Germany did not sanction Iran.")
    assert [(e.type, e.status) for e in negated] == [("SANCTION", "negated")]
    hypothetical = code(nlp, "If Russia attacks Ukraine, Poland would protest.")
    assert ("ASSAULT", "hypothetical") in [(e.type, e.status) for e in hypothetical]


def test_event_long_before_publication_is_historical(nlp):
    events = code(nlp, "Soviet troops occupied the islands in 1945.")
    assert [(e.type, e.status, e.date.value) for e in events] == [
        ("COERCE", "historical", "1945")
    ]


def test_undated_event_falls_back_on_publication_date_marked(nlp):
    events = code(nlp, "Turkey accused Greece.")
    assert [e.type for e in events] == ["ACCUSE"]
    assert events[0].date.fallback and events[0].date.value == "2016-05-07"


def test_bad_input_gives_bounded_time_and_few_events(nlp):
    run_on = " ".join(["Russia met Japan and China attacked India"] * 40) + "."
    table = "\n".join(f"Russia | {i} | Japan | {i * 3} | talks" for i in range(60))
    shouting = "PUTIN MEETS ABE IN SOCHI AS RUSSIA AND JAPAN HOLD TALKS."
    crowd = ", ".join(["Russia", "Japan", "China", "India", "France", "Germany", "Italy",
                       "Spain", "Poland", "Turkey", "Iran", "Iraq", "Syria", "Egypt", "Kenya",
                       "Chile", "Peru", "Cuba", "Canada", "Mexico"]) + " met in Geneva."
    for text in (run_on, table, shouting, crowd):
        start = time.perf_counter()
        events = code(nlp, text)
        assert time.perf_counter() - start < 20  # a runaway guard, not a speed target
        sentences = len(list(nlp(text).sents))
        assert len(events) <= 4 * sentences
        for ev in events:
            assert len(ev.actor) <= 10 and 0 <= ev.confidence <= 1


def _find(events: list[Event], type_: str, trigger: str) -> Event:
    hits = [e for e in events if e.type == type_ and e.trigger.lower().startswith(trigger)]
    assert hits, [(e.type, e.trigger) for e in events]
    return hits[0]


def _country(actor_id: str) -> str:
    return actor_id.split("-")[0] if ":" not in actor_id else actor_id


def test_seed_000_meetings_plans_seizure_and_accepted_invitation(nlp):
    path = seed("000")
    events = code(nlp, path.read_text(encoding="utf-8"), "2016-05-07")
    sochi = _find(events, "CONSULT", "met")
    assert sochi.date.value == "2016-W18-WE"
    assert sochi.location is not None and sochi.location.name == "Sochi"
    assert "org:rosneft" in sochi.recipient
    friday = [e for e in events if e.type == "CONSULT" and e.date.value == "2016-05-06"]
    assert friday and "person:vladimir-putin" in friday[0].actor
    june = _find(events, "CONSULT", "consultations")
    assert june.status == "planned" and june.date.value == "2016-06"
    seized = _find(events, "COERCE", "seized")
    assert seized.status == "historical" and seized.date.value == "1945-SU"
    assert seized.location is not None and "Kuril" in seized.location.name
    discussed = [e for e in events if e.trigger == "discussed" and len(e.actor) == 2]
    assert discussed and all(e.reciprocal for e in discussed)
    accepted = _find(events, "AGREE", "accepted")
    assert accepted.actor == ["person:vladimir-putin"]
    assert "person:shinzo-abe" in accepted.recipient
    visit = _find(events, "CONSULT", "visit")
    assert visit.status == "planned" and visit.date.value == "FUTURE_REF"


def test_seed_002_proposal_and_its_rejection(nlp):
    path = seed("002")
    events = code(nlp, path.read_text(encoding="utf-8"), "2018-09-13")
    proposal = _find(events, "AGREE", "suggested")
    assert proposal.status == "proposed"
    assert proposal.date.value.startswith("2018-09")
    assert proposal.recipient, "the offer is addressed to Japan"
    rejects = [e for e in events if e.type == "REJECT"]
    assert rejects
    for ev in rejects:
        assert {_country(a) for a in ev.actor} <= {"JPN"}
        assert ev.recipient == ["person:vladimir-putin"] or "RUS" in ev.recipient
        assert ev.date.value.startswith("2018-09")


# --- events named by nouns, unnamed doers, generic groups ------------------------------------


def types(events: list[Event]) -> list[str]:
    return sorted(e.type for e in events)


def test_talks_that_will_resume_are_planned_and_dated_by_their_verb(nlp):
    events = code(nlp, "Talks between the two unions will resume on Monday.")
    assert types(events) == ["CONSULT"]
    assert events[0].status == "planned" and events[0].date.value == "2016-05-09"


@pytest.mark.parametrize("text, expected", [
    ("After the raid, the government imposed a curfew.", ["ASSAULT", "COERCE"]),
    ("A tanker was attacked in the Gulf.", ["ASSAULT"]),
    ("The ministers ended six hours of talks in Brussels.", ["CONSULT"]),
    ("Canada will receive 50 million dollars in aid.", ["AID"]),
])
def test_event_nouns_and_passives_report_events_without_a_named_doer(nlp, text, expected):
    assert types(code(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    "The ambassador declined to comment on the dispute.",
    "The senator talked about tax reform.",
    "The company said three executives had resigned.",
    "The candidate did not meet the polling threshold.",
    "Shares fell after the annual meeting.",
])
def test_look_alike_words_are_not_events(nlp, text):
    assert code(nlp, text) == []


def test_unnamed_groups_act_and_undergo(nlp):
    ev = code(nlp, "Police arrested dozens of protesters.")
    assert types(ev) == ["COERCE"]
    assert ev[0].actor == ["group:police"] and ev[0].recipient == ["group:protesters"]
    strike = code(nlp, "The union struck the company after talks collapsed.")
    assert "PROTEST" in types(strike)


def test_attacks_between_politicians_and_protests_by_states_are_accusations(nlp):
    ev = code(nlp, "Senator Elizabeth Warren attacked Donald Trump over his tax returns.")
    assert types(ev) == ["ACCUSE"]
    assert types(code(nlp, "China protested the arms sale to Taiwan.")) == ["ACCUSE"]


def test_a_rejected_accusation_keeps_its_author(nlp):
    ev = code(nlp, "Germany rejected charges by France that it broke the treaty.")
    assert types(ev) == ["ACCUSE", "REJECT"]
    assert next(e for e in ev if e.type == "ACCUSE").actor == ["FRA"]


def test_wanting_another_to_act_is_a_request_and_possible_sanctions_are_hypothetical(nlp):
    ev = code(nlp, "France wants Germany to accept the plan.")
    assert types(ev) == ["REQUEST"] and ev[0].actor == ["FRA"]
    ev = code(nlp, "Possible sanctions against Iran were discussed.")
    assert types(ev) == ["SANCTION"]
    assert ev[0].status == "hypothetical" and ev[0].recipient == ["IRN"]


def test_wire_copy_wrapped_at_a_fixed_width_is_not_noise(nlp):
    text = ("The two ministers met in Geneva on Monday\nto discuss the dispute over fishing "
            "rights\nin the North Atlantic, officials said\nafter the talks ended late.")
    ev = code(nlp, text)
    assert "CONSULT" in types(ev)
    assert any(e.trigger == "met" and e.date.value == "2016-05-02" for e in ev)


def _parties(events: list[Event]) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, e.actor, e.recipient) for e in events]


def test_saying_another_actor_misled_or_broke_a_duty_is_an_accusation(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis said the Finance Ministry misled investors.")
    assert ev.type == "ACCUSE" and ev.recipient and ev.actor
    (ev,) = code(nlp, "German Chancellor Helmut Kohl said France had not complied with the "
                      "treaty.")
    assert (ev.type, ev.recipient) == ("ACCUSE", ["FRA"])
    (ev,) = code(nlp, "Senator Mary Hollis said Governor Tom Reyes's negligence was responsible "
                      "for the deaths.")
    assert ev.type == "ACCUSE"


def test_blame_words_said_of_oneself_or_of_no_one_make_no_accusation(nlp):
    assert code(nlp, "Analysts said the merger failed to win approval.") == []
    assert code(nlp, "The company did not disclose its results, a spokesman said.") == []
    assert code(nlp, "Senator Mary Hollis said the Finance Ministry complied with the rules.") \
        == []


def test_calling_someone_a_champion_or_a_fraud_is_praise_or_criticism(nlp):
    praise = code(nlp, "Senator Mary Hollis called Governor Tom Reyes a champion of workers.")
    assert [e.type for e in praise] == ["SUPPORT"] and praise[0].recipient
    blame = code(nlp, "Senator Mary Hollis called the governor's plan a cynical ploy.")
    assert [e.type for e in blame] == ["ACCUSE"]


def test_providing_a_country_with_loans_is_aid_to_it(nlp):
    (ev,) = code(nlp, "The World Bank is providing Peru with $300m in loans.")
    assert ev.type == "AID" and ev.recipient == ["PER"]


def test_coordinated_verbs_share_a_passive_subject(nlp):
    events = code(nlp, "Senator Mary Hollis was named envoy to Peru and sends food aid there.")
    assert [e.type for e in events] == ["AID"] and events[0].actor


def test_saying_another_actor_should_act_is_an_appeal_to_it(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis said Japan should open its market to American rice.")
    assert (ev.type, ev.recipient) == ("REQUEST", ["JPN"])
    assert code(nlp, "Analysts said rates should fall.") == []


def test_a_warning_is_a_threat_only_when_aimed_at_someone(nlp):
    assert code(nlp, "Washington has warned the flu may yet claim American lives.") == []
    (ev,) = code(nlp, "Iran warned it would retaliate against any attack.")
    assert ev.type == "THREATEN"
    (ev,) = code(nlp, "Israel warned Syria against moving troops to the border.")
    assert ev.type == "THREATEN" and ev.recipient == ["SYR"]


def test_regret_and_apology_are_concessions(nlp):
    (ev,) = code(nlp, "The Japanese government apologized to South Korea for the remarks.")
    assert ev.type == "CONCEDE" and ev.cameo == "055"


def test_drawing_criticism_or_facing_calls_makes_the_subject_the_target(nlp):
    (ev,) = code(nlp, "Governor Tom Reyes faced calls from opposition parties to resign.")
    assert ev.type == "REQUEST" and ev.recipient and not ev.actor


def test_a_quoted_sentence_that_blames_someone_is_its_speakers_accusation(nlp):
    from storyline.extract import extract
    from storyline.records import Article

    text = ('Senator Mary Hollis spoke in Lima on Tuesday. "The Finance Ministry misled '
            'investors," she said.')
    article = Article(id="t", text=text, published="2016-05-07")
    analysis = extract(nlp(text), article)
    accused = [e for e in analysis.events if e.type == "ACCUSE"]
    names = {a.id: a.name for a in analysis.actors}
    assert [names[i] for e in accused for i in e.actor] == ["Mary Hollis"]
    assert [names[i] for e in accused for i in e.recipient] == ["Finance Ministry"]


def test_generic_or_predictive_should_is_no_appeal(nlp):
    assert code(nlp, "Senator Mary Hollis said a president must be ready on day one.") == []
    assert code(nlp, "Senator Mary Hollis said Governor Tom Reyes should win the primary.") \
        == []


def test_who_is_asked_to_act_in_a_that_clause_is_the_requests_recipient(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis demanded that the Finance Ministry release the report.")
    assert ev.type == "REQUEST" and len(ev.recipient) == 1


def test_a_protest_and_its_purpose_are_one_event(nlp):
    events = code(nlp, "About 500 farmers began a hunger strike on Monday to protest against "
                       "the government of Peru.")
    assert [e.type for e in events] == ["PROTEST"] and events[0].recipient


def test_cutting_part_of_an_aid_programme_is_a_sanction(nlp):
    (ev,) = code(nlp, "The United States suspended part of a military aid program for Peru.")
    assert ev.type == "SANCTION" and ev.actor == ["USA"]


def test_a_preposition_is_no_particle_of_a_phrasal_verb(nlp):
    events = code(nlp, "North Korea must be given security guarantees in exchange for steps "
                       "towards denuclearization.")
    assert "CONCEDE" not in [e.type for e in events]


def test_verbs_the_lemmatiser_misses_are_still_known(nlp):
    events = code(nlp, "Thousands of students staged rallies in Lima.")
    assert [e.type for e in events] == ["PROTEST"]


def test_clashes_are_fighting_between_forces_and_words_between_politicians(nlp):
    (ev,) = code(nlp, "Rebels clashed with government troops near the border on Monday.")
    assert ev.type == "ASSAULT" and ev.reciprocal
    (ev,) = code(nlp, "Jeb Bush clashed with Donald Trump at the debate.")
    assert ev.type == "ACCUSE"


def test_deployed_troops_are_no_recipient(nlp):
    (ev,) = code(nlp, "Iraq massed troops on the Kuwaiti border.")
    assert (ev.type, ev.actor, ev.recipient) == ("MOBILIZE", ["IRQ"], [])


def test_an_unnamed_body_that_urges_is_still_a_speaker_but_a_threatening_slick_is_not(nlp):
    events = code(nlp, "A letter from the committee urged Peru to free the journalists.")
    assert [(e.type, e.recipient) for e in events if e.type == "REQUEST"] == [("REQUEST", ["PER"])]
    assert code(nlp, "A growing slick is threatening an environmental disaster.") == []


def test_portraying_someone_as_a_criminal_and_a_critical_frame_are_accusations(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis portrayed the Finance Ministry officials as thieves "
                      "and frauds.")
    assert ev.type == "ACCUSE" and ev.recipient
    assert code(nlp, "Analysts described the market as volatile.") == []
    (ev,) = code(nlp, "In a sharp rebuke, Senator Mary Hollis said the plan would not work.")
    assert ev.type == "ACCUSE" and ev.actor


def test_it_as_the_subject_of_a_meeting_or_refusal_is_a_body_named_before(nlp):
    assert [e.type for e in code(nlp, "It rejected the offer on Monday.")] == ["REJECT"]
    assert code(nlp, "It hit a record high on Monday.") == []


def test_agreeing_with_a_view_is_no_agreement(nlp):
    assert code(nlp, "Analysts agreed it was still a top-heavy plan.") == []
    assert [e.type for e in code(nlp, "Japan agreed to open its rice market.")] == ["AGREE"]


def test_the_subject_of_ready_or_eager_does_what_follows(nlp):
    (ev,) = code(nlp, "Japan is ready to sign the treaty.")
    assert (ev.type, ev.actor, ev.status) == ("AGREE", ["JPN"], "planned")


def test_criticism_that_someone_failed_is_aimed_at_them(nlp):
    events = code(nlp, "There is growing criticism that the Finance Ministry should have "
                       "done more.")
    assert [e.type for e in events] == ["ACCUSE"] and events[0].recipient


def test_a_that_clause_misparsed_as_relative_clause_of_the_hearer_is_still_reported(nlp):
    events = code(nlp, "Oil company executives told a congressional hearing that BP had not "
                       "adhered to industry standards.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_hostile_acts_announced_on_a_condition_are_threats(nlp):
    events = code(nlp, "Brazil will impose tariffs on Canadian wheat if Canada does not open "
                       "its market, the Brazilian trade minister said.")
    assert ("THREATEN", ["CAN"]) in [(e.type, e.recipient) for e in events]
    assert "SANCTION" not in types(events)
    (ev,) = code(nlp, "Norway vowed to keep up its raids on rebel camps.")
    assert ev.type == "THREATEN"
    events = code(nlp, "Officials of the European Union did not rule out retaliatory measures.")
    assert types(events) == ["THREATEN"]
    assert code(nlp, "Police did not rule out foul play.") == []
    assert types(code(nlp, "Japan did not rule out retaliation against Brazil.")) == ["THREATEN"]


def test_denying_a_fault_rejects_the_charge_and_a_position_is_no_act(nlp):
    (ev,) = code(nlp, "The Finance Ministry said it had not misled investors.")
    assert ev.type == "REJECT"
    assert code(nlp, "The Finance Ministry is opposed to the new tax.") == []
    assert types(code(nlp, "The new tax was opposed by Japan.")) == ["REJECT"]


def test_votes_and_prepositional_verbs_check_their_prepositional_object(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis voted for Governor Tom Reyes.")
    assert ev.type == "SUPPORT" and ev.recipient
    (ev,) = code(nlp, "Several senators rallied behind the president.")
    assert ev.type == "SUPPORT"  # not the protest "rallied"


def test_a_states_boycott_is_an_embargo_and_a_crowd_march_a_protest(nlp):
    assert types(code(nlp, "Sweden began a trade boycott of South Africa.")) == ["SANCTION"]
    assert types(code(nlp, "Thousands of people marched through the capital.")) == ["PROTEST"]
    (ev,) = code(nlp, "Dock workers went on strike on Monday.")
    assert (ev.type, ev.status) == ("PROTEST", "asserted")


def test_an_attack_repelled_is_still_the_attackers(nlp):
    (ev,) = code(nlp, "Iraq said its troops repelled an attack by Iranian forces near Basra.")
    assert ev.type == "ASSAULT" and _country(ev.actor[0]) == "IRN"


def test_blame_for_harm_caused_and_praise_of_a_named_actor(nlp):
    (ev,) = code(nlp, "Senator Mary Hollis said Governor Tom Reyes caused the disaster.")
    assert ev.type == "ACCUSE" and ev.recipient
    (ev,) = code(nlp, "Senator Mary Hollis said Governor Tom Reyes was absolutely right.")
    assert ev.type == "SUPPORT" and ev.recipient
    assert code(nlp, "President Tom Reyes defended his response to the flood.") == []


def test_an_event_noun_is_dated_by_its_own_phrase(nlp):
    events = code(nlp, "Ministers are preparing for the OECD meeting in May.", "1987-03-22")
    (ev,) = [e for e in events if e.type == "CONSULT"]
    assert ev.date is not None and ev.date.value == "1987-05"


def test_a_participle_names_the_doer_of_the_act_it_describes(nlp):
    boycott = code(nlp, "The boycott, proposed by the Norwegian government, gives companies "
                        "six months to cut their ties with South Africa.")
    assert [(e.type, e.actor) for e in boycott] == [("SANCTION", ["NOR-GOV"])]
    # condemning a tariff someone imposed reports the tariff as well as the condemnation
    tariff = code(nlp, "The Senate condemned the tariff imposed by Canada on corn imports.")
    assert {(e.type, tuple(e.actor)) for e in tariff} >= {("SANCTION", ("CAN",))}
    assert "ACCUSE" in {e.type for e in tariff}


def test_coming_under_attack_for_what_one_did_is_criticism(nlp):
    events = code(nlp, "The agency came under attack from scientists for allowing the "
                       "company to spray chemicals on the slick.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_a_refusal_on_a_condition_is_a_demand_that_it_be_met(nlp):
    events = code(nlp, "Japan will not sign a peace treaty unless Russia returns the islands.")
    demand = [e for e in events if e.type == "REQUEST"]
    assert [(e.actor, e.recipient, e.status) for e in demand] == [(["JPN"], ["RUS"], "asserted")]
    assert any(e.type == "SUPPORT" and e.status == "negated" for e in events)
    # no one demands anything of the market
    assert code(nlp, "Prices will not recover unless demand picks up.") == []


def test_attacks_on_a_policy_are_words_and_attacks_on_positions_force(nlp):
    words = code(nlp, "The opposition stepped up its attacks on the government's budget plan.")
    assert [e.type for e in words] == ["ACCUSE"]
    force = code(nlp, "Rebels launched attacks on army positions near the border.")
    assert [e.type for e in force] == ["ASSAULT"]


def test_a_conference_of_parties_is_consult_but_a_news_conference_is_not(nlp):
    met = code(nlp, "Delegates from 40 countries attended a conference on Haiti in New York.")
    assert [e.type for e in met] == ["CONSULT"]
    assert code(nlp, "The minister told a news conference that the yen was too strong.") == []
    assert code(nlp, "The company said in a conference call with analysts that sales rose.") == []


def test_general_verbs_of_refusal_cooperation_and_pleading_guilty(nlp):
    assert [e.type for e in code(nlp, "Iran spurned the European offer on Monday.")] == [
        "REJECT"]
    teamed = code(nlp, "Toyota teamed up with General Motors to build cars in California.")
    assert [e.type for e in teamed] == ["COOPERATE"]
    # pleading guilty answers a charge; it asks nothing of anyone
    assert code(nlp, "The former aide pleaded guilty to fraud charges.") == []
    assert code(nlp, "He pleaded not guilty to all charges.") == []


def test_a_call_asks_only_with_what_it_asks_and_things_do_not_threaten(nlp):
    assert code(nlp, "His assistant described a frantic call from Dr Conrad Murray.") == []
    asked = code(nlp, "Obama renewed his call on Congress to act.")
    assert [e.type for e in asked] == ["REQUEST"] and asked[0].recipient  # of Congress
    assert code(nlp, "The disaster, which threatens to swamp his agenda, grew worse.") == []
    assert [e.type for e in code(nlp, "The Iranian government threatened to close the "
                                      "strait.")] == ["THREATEN"]
    # "taking charge" is an idiom, not a charge
    assert code(nlp, "The president should show leadership by taking charge of the "
                     "clean-up.") == []


def test_striking_workers_protest_and_agreeing_with_someone_is_an_opinion(nlp):
    struck = code(nlp, "Workers struck the Ford plant in Detroit on Monday.")
    assert [e.type for e in struck] == ["PROTEST"]
    assert [e.type for e in code(nlp, "Israeli jets struck targets in southern Lebanon.")] == [
        "ASSAULT"]
    assert code(nlp, "Many Republicans agree with Trump.") == []
    differ = code(nlp, "The Senate does not agree with Trump.")
    assert [(e.type, e.status) for e in differ] == [("ACCUSE", "asserted")]
    deal = code(nlp, "Japan agreed with Russia to hold talks next month.")
    assert "AGREE" in {e.type for e in deal}


def test_workers_on_strike_strike_whether_or_not_they_are_named(nlp):
    for text in ("The terminal was closed because of a strike by technical staff.",
                 "Up to 30,000 seamen were still on strike."):
        assert [e.type for e in code(nlp, text)] == ["PROTEST"], text
    # a month is not a march
    assert code(nlp, "The accord takes effect on March 1.") == []


def test_a_promised_refusal_is_a_planned_rejection(nlp):
    veto = code(nlp, "The Obama administration has promised a veto of the bill.")
    assert [(e.type, e.status) for e in veto] == [("REJECT", "planned")]
    assert [e.type for e in code(nlp, "Japan promised to open its market.")] == ["AGREE"]


def test_whose_proposal_is_rejected_is_the_recipient_and_a_boycott_of_x_targets_x(nlp):
    rejected = code(nlp, "The union rejected a contract proposal by General Motors.")
    refusal = [e for e in rejected if e.type == "REJECT"]
    assert len(refusal) == 1 and refusal[0].recipient
    veto = code(nlp, "President Reagan said he would veto any tax increases voted by Congress.")
    assert [e.type for e in veto] == ["REJECT"] and veto[0].recipient
    boycott = code(nlp, "Sweden said its trade boycott of South Africa would take effect "
                        "on July 1.")
    assert [e.recipient for e in boycott if e.type == "SANCTION"] == [["ZAF"]]


def test_the_one_blamed_for_doing_something_did_it(nlp):
    events = code(nlp, "Japan blamed Russia for attacking the ship.")
    attack = [e for e in events if e.type == "ASSAULT"]
    assert [e.actor for e in attack] == [["RUS"]]
    quarantine = code(nlp, "Mexico accused China of quarantining its citizens.")
    assert [e.actor for e in quarantine if e.type == "COERCE"] == [["CHN"]]
    # killing animals is no assault on anyone
    assert [e.type for e in code(nlp, "Greens urged Washington to prosecute BP for killing "
                                      "endangered species.")
            if e.type == "ASSAULT"] == []


def test_deals_struck_or_entered_into_and_talks_by_phone_have_their_parties(nlp):
    deal = code(nlp, "Japan struck a deal with Russia on fishing rights.")
    assert [(e.type, e.actor, e.recipient) for e in deal] == [("AGREE", ["JPN"], ["RUS"])]
    entered = code(nlp, "The unions came to an agreement with the employers.")
    assert [e.type for e in entered] == ["AGREE"] and entered[0].actor
    call = code(nlp, "Obama spoke with Putin by telephone on Friday.")
    assert [(e.type, e.date.value) for e in call] == [("CONSULT", "2016-05-06")]
    assert code(nlp, "The minister spoke to reporters after the ceremony.") == []


def test_backing_an_attack_supports_the_attacker_and_reports_the_attack(nlp):
    events = code(nlp, "Britain backed the United States' attack on an Iranian oil platform.")
    assert {(e.type, tuple(e.recipient)) for e in events} >= {("SUPPORT", ("USA",))}
    assert "ASSAULT" in {e.type for e in events}
    offer = code(nlp, "The employers offered a 3 pct pay rise.")
    assert [(e.type, e.status) for e in offer] == [("AGREE", "proposed")]


def test_calling_for_someone_to_act_and_attacks_that_are_not_words(nlp):
    called = code(nlp, "Trump called for Obama to resign.")
    request = [e for e in called if e.type == "REQUEST"]
    assert len(request) == 1 and request[0].recipient
    assert all(e.status != "asserted" for e in called if e.type == "RETREAT")
    # a text "calls for" what it provides; no one asks anything
    assert [e.type for e in code(nlp, "His amendment called for the government to sell "
                                      "gold coins.") if e.type == "REQUEST"] == []
    murder = code(nlp, "Omar Mateen carried out his murderous attack on club goers in Orlando.")
    assert [e.type for e in murder] == ["ASSAULT"]
    label = code(nlp, 'Transocean called it a "self-serving" attempt by BP to escape blame.')
    assert [e.type for e in label] == ["ACCUSE"]


def test_evidence_suggests_nothing_and_bids_are_business(nlp):
    evidence = code(nlp, "The trade figures suggest the six countries have tamed "
                         "the markets and that next month's talks will build on it.")
    assert "AGREE" not in {e.type for e in evidence}
    assert code(nlp, "The committee accepted bids from traders to export the butter.") == []


def test_going_somewhere_to_talk_is_consult_with_the_hosts(nlp):
    went = code(nlp, "The Iranian oil minister is in the United Arab Emirates to discuss oil "
                     "prices, officials said.")
    assert [(e.type, e.recipient) for e in went] == [("CONSULT", ["ARE"])]
    summit = code(nlp, "President Reagan, preparing to depart for the Venice economic summit, "
                       "said the allies must act.")
    assert any(e.type == "CONSULT" and e.status == "planned" for e in summit)
    assert code(nlp, "He went to the bank to discuss a loan.") == []


def test_pointing_the_finger_blames_and_defending_against_charges_rejects_them(nlp):
    blamed = code(nlp, "Japan pointed the finger at Russia for the collision.")
    assert [(e.type, e.recipient) for e in blamed] == [("ACCUSE", ["RUS"])]
    assert code(nlp, "The minister pointed at the map.") == []
    defend = code(nlp, "BP plans to defend itself against the lawsuits.")
    assert [(e.type, e.status) for e in defend if e.type == "REJECT"] == [("REJECT", "planned")]


def test_a_bomb_that_goes_off_is_an_attack_but_a_bomb_programme_is_not(nlp):
    assert [e.type for e in code(nlp, "A car bomb exploded outside the embassy on Monday.")] == [
        "ASSAULT"]
    planted = code(nlp, "Rebels planted a bomb at the station.")
    assert [(e.type, bool(e.actor)) for e in planted] == [("ASSAULT", True)]
    assert code(nlp, "Iran's bomb programme worries its neighbours.") == []


def test_target_of_sanctions_and_attacks_is_the_owner_of_the_things_hit(nlp):
    # my own sentences; the target is named through its goods or property
    ev = code(nlp, "The U.S. tariffs announced last week against Argentine shoes took effect "
                   "on Monday.", "1999-04-20")
    assert [(e.type, e.actor, e.recipient) for e in ev] == [("SANCTION", ["USA"], ["ARG"])]
    ev = code(nlp, "Officials doubt Chile can avoid the imposition of Peruvian tariffs on its "
                   "copper exports.", "1999-04-20")
    assert [(e.type, e.actor, e.recipient) for e in ev] == [("SANCTION", ["PER"], ["CHL"])]
    ev = code(nlp, "Turkish warships attacked two of Greece's fishing boats on Monday.",
              "1999-04-20")
    assert [(e.type, e.recipient) for e in ev] == [("ASSAULT", ["GRC"])]
    # "200 of its soldiers killed": the soldiers are the victims, not the attackers
    ev = code(nlp, "The rebels said the army was routed and 200 of its soldiers killed or "
                   "wounded.", "1999-04-20")
    assert all(not e.actor for e in ev if e.type == "ASSAULT")


def test_an_agreement_to_do_something_is_with_the_party_of_the_deed(nlp):
    ev = code(nlp, "Nigeria has agreed to lend Ghana two million barrels of oil.", "1999-04-20")
    agree = [e for e in ev if e.type == "AGREE"]
    assert agree and agree[0].actor == ["NGA"] and agree[0].recipient == ["GHA"]
    ev = code(nlp, "The allies agreed to sanction Iran.", "1999-04-20")
    agree = [e for e in ev if e.type == "AGREE"]
    assert agree and agree[0].recipient == []
    assert [e.recipient for e in ev if e.type == "SANCTION"] == [["IRN"]]
    ev = code(nlp, "Finance Minister Ana Costa has offered to resign from her post.",
              "1999-04-20")
    assert all(not e.recipient for e in ev)


def test_on_behalf_of_names_no_target(nlp):
    ev = code(nlp, "On behalf of Kenya's farmers, we urge you to cancel the levy.")
    assert [e.type for e in ev] == ["REQUEST"] and ev[0].recipient == []


def test_what_someone_is_charged_with_names_no_party(nlp):
    ev = code(nlp, "Months later, the nurse was charged with Tom Baker's death.", "1999-04-20")
    assert [e.type for e in ev] == ["ACCUSE"] and ev[0].recipient == []
    ev = code(nlp, "Prosecutors charged two executives with defrauding investors.", "1999-04-20")
    assert [e.type for e in ev] == ["ACCUSE"] and ev[0].recipient  # the executives


def test_dateline_taken_out_by_cleaning_still_places_the_events(nlp):
    doc = nlp("Alabama sued the company on Friday.")
    index = actors_mod.find_actors(doc, "2010-08-13")
    times = times_mod.find_times(doc, "2010-08-13")
    ev = find_events(doc, index, times, "2010-08-13",
                     lambda s, e: times_mod.date_of(doc, s, e, times, "2010-08-13"),
                     dateline="BIRMINGHAM, Alabama (Reuters)")
    assert [e.type for e in ev] == ["ACCUSE"]
    assert ev[0].location is not None and ev[0].location.country == "USA"
    assert ev[0].location.name == "Birmingham"


def test_analysis_places_events_at_the_wire_dateline(nlp):
    from storyline.pipeline import analyze_text

    analysis = analyze_text("KINGSTON, Jamaica, May 6 (Reuters) - The opposition sued the "
                            "electricity company on Friday over the price of power in the "
                            "capital.", published="2016-05-07")
    assert analysis.article.dateline is not None
    assert [(e.type, e.location.name if e.location else None,
             e.location.country if e.location else None) for e in analysis.events] == [
        ("ACCUSE", "Kingston", "JAM")]


def test_who_speaks_after_talks_took_part_in_them(nlp):
    ev = code(nlp, "Paul Okoro said after four days of talks with Chinese officials that he "
                   "was pleased.", "1999-04-20")
    consult = [e for e in ev if e.type == "CONSULT"]
    assert consult and consult[0].actor == ["person:paul-okoro"]
    # her meeting, not the speaker's
    ev = code(nlp, "After her meeting with Obama, the White House announced new aid.",
              "2016-09-16")
    consult = [e for e in ev if e.type == "CONSULT"]
    assert consult and "USA-GOV" not in consult[0].actor
    ev = code(nlp, "Stock prices rose sharply during the talks.", "1999-04-20")
    assert all(not e.actor for e in ev)


def test_a_package_of_sanctions_is_its_owner_s(nlp):
    ev = code(nlp, "Norway announced its promised package of economic sanctions against "
                   "Zimbabwe.", "1999-04-20")
    assert [(e.type, e.actor, e.recipient) for e in ev] == [("SANCTION", ["NOR"], ["ZWE"])]


def test_what_comes_from_someone_is_theirs(nlp):
    ev = code(nlp, "The arrest followed complaints from Westpac and Kleinwort Benson.",
              "1999-04-20")
    accuse = [e for e in ev if e.type == "ACCUSE"]
    assert accuse and len(accuse[0].actor) == 2 and accuse[0].recipient == []
    ev = code(nlp, "The withdrawal from Iraq will be completed in May.", "1999-04-20")
    assert [(e.type, e.recipient) for e in ev] == [("RETREAT", ["IRQ"])]
