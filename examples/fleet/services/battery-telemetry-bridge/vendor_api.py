"""Polls the battery vendor's fleet API for state of charge and power, one page of sites at a time."""
import os
from typing import Iterator

import httpx
from tenacity import retry, stop_after_attempt, wait_exponential

VENDOR_URL = os.environ.get("VENDOR_URL", "https://api.battery-vendor.example.com/v3")


@retry(stop=stop_after_attempt(5), wait=wait_exponential(multiplier=1, max=30))
def _page(client: httpx.Client, cursor: str | None) -> dict:
    params = {"limit": 500}
    if cursor:
        params["cursor"] = cursor
    res = client.get(f"{VENDOR_URL}/telemetry/latest", params=params)
    res.raise_for_status()
    return res.json()


def latest_telemetry() -> Iterator[dict]:
    headers = {"authorization": f"Bearer {os.environ['VENDOR_TOKEN']}"}
    with httpx.Client(headers=headers, timeout=20.0) as client:
        cursor = None
        while True:
            page = _page(client, cursor)
            yield from page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return
