import json
import pathlib

from bridge import to_reading


def test_discharge_is_negative_load():
    page = json.loads(pathlib.Path("testdata/telemetry-page.json").read_text())
    reading = to_reading(page["items"][0])
    assert reading["kw"] == -4.8
    assert reading["meter_id"] == "bat-PW3-00981"
