"""The pack's tender fields (VAT treatment, clarification deadline, per-question minimum score and whether
failing it disqualifies) survive the tender file and the store, and a bad value is named."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from store_helpers import full_tender

from sv_desktop.model.tender_file import TenderFileError, parse_tender_json, tender_to_dict, tender_to_json


def pack_tender():
    tender = full_tender("PACK-FIELDS")
    tender.vat_treatment = "exempt"
    tender.clarification_deadline = dt.date(2027, 3, 12)
    tender.kpi_targets_are_minimums = False
    tender.questions[0].min_score = Decimal("2.5")
    tender.questions[0].min_score_disqualifies = True
    return tender


def test_tender_file_round_trip_keeps_the_pack_fields():
    tender = pack_tender()
    back = parse_tender_json(tender_to_json(tender))
    assert back.vat_treatment == "exempt"
    assert back.clarification_deadline == dt.date(2027, 3, 12)
    assert back.kpi_targets_are_minimums is False
    assert back.questions[0].min_score == Decimal("2.5") and back.questions[0].min_score_disqualifies
    assert back.questions[1].min_score is None and not back.questions[1].min_score_disqualifies


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d.update(vat_treatment="zero"), "vat_treatment"),
    (lambda d: d["questions"][0].update(min_score=101), "questions[0].min_score"),
    (lambda d: d["questions"][0].update(min_score_disqualifies="yes"), "questions[0].min_score_disqualifies"),
    (lambda d: d.update(clarification_deadline="12/03/2027"), "clarification_deadline"),
])
def test_bad_pack_fields_are_named(change, key):
    data = tender_to_dict(pack_tender())
    change(data)
    with pytest.raises(TenderFileError) as error:
        parse_tender_json(json.dumps(data))
    assert key in str(error.value)


def test_store_round_trip_keeps_the_pack_fields(store):
    store.create(pack_tender())
    back = store.get("PACK-FIELDS")
    assert back.vat_treatment == "exempt"
    assert back.clarification_deadline == dt.date(2027, 3, 12)
    assert back.kpi_targets_are_minimums is False
    assert back.questions[0].min_score == Decimal("2.5") and back.questions[0].min_score_disqualifies is True
    assert back.questions[1].min_score is None and back.questions[1].min_score_disqualifies is False


def test_exempt_and_zero_rated_contracts_add_no_vat():
    tender = pack_tender()
    tender.value_excl_vat_gbp, tender.vat_rate_pct = Decimal(1000), Decimal(20)
    assert tender.whole_life_value_incl_vat == Decimal(1000)
    tender.vat_treatment = "zero_rated"
    assert tender.whole_life_value_incl_vat == Decimal(1000)
    tender.vat_treatment = "standard"
    assert tender.whole_life_value_incl_vat == Decimal(1200)
