"""Sentence boundaries at line breaks: titles and datelines stand alone, but
a hard-wrapped text (a PDF, a transcript) is read across its line ends."""

from __future__ import annotations

WRAPPED = (
    "Allow me to recall the work of our delegation at the Second\n"
    "Regional Conference on the Rivers of the Marrow\n"
    "Valley, which met in Korvane last spring and adopted\n"
    "a programme of action for the water of the whole basin.\n"
    "Ostravia has contributed engineers, boats and funds to\n"
    "that programme, and it will do more in the coming\n"
    "years, together with the Kingdom of Velmaria and with\n"
    "the organisations of the Marrow Valley. We also welcome\n"
    "the report of the Joint Commission on the Upper Varn\n"
    "Declaration, which reminds us of the value of\n"
    "patient diplomacy.\n"
)

TITLED = (
    "Press Release\n"
    "Ministry of Foreign Affairs of Ostravia\n"
    "The Ministry rejects the statement made by Velmaria on 3 June 2024.\n"
)


def sentences(analysis) -> list[str]:
    return [" ".join(analysis.statement.text[s.start:s.end].split()) for s in analysis.sentences]


def test_a_wrapped_text_is_read_across_capitalised_line_ends(fictional):
    found = sentences(fictional.analyze(WRAPPED))
    assert any(s.startswith("Allow me to recall") and s.endswith("whole basin.") for s in found), found
    assert any(s.startswith("We also welcome") and s.endswith("patient diplomacy.") for s in found), found
    assert not any(s.startswith(("Regional", "Valley", "Declaration")) for s in found), found


def test_titles_and_datelines_still_stand_alone(fictional):
    found = sentences(fictional.analyze(TITLED))
    assert found[-1] == "The Ministry rejects the statement made by Velmaria on 3 June 2024.", found
    assert not any(s.startswith("Press Release") and "rejects" in s for s in found), found
