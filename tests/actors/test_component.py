

def test_a_regions_adjective_is_not_a_states(pipeline):
    found = {(m.text, m.actor.code) for m in pipeline.analyze(
        "Latin American leaders met Central American and South American ministers, "
        "and North Korean and South African officials.").mentions}
    assert not any(code.startswith("USA") for _t, code in found)
    assert {c.split()[0] for _t, c in found} >= {"PRK", "ZAF"}
