"""Site metadata from the asset database, cached for ten minutes."""
from dataclasses import dataclass
from typing import Optional

import psycopg
from cachetools import TTLCache


@dataclass(frozen=True)
class Site:
    site_id: str
    utility: str
    tariff_zone: str
    baseline_kw: float


class SiteDirectory:
    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._cache: TTLCache = TTLCache(maxsize=50_000, ttl=600)

    def lookup(self, site_id: str) -> Optional[Site]:
        if site_id in self._cache:
            return self._cache[site_id]
        with psycopg.connect(self._dsn) as conn:
            row = conn.execute(
                "select site_id, utility, tariff_zone, baseline_kw from sites where site_id = %s",
                (site_id,),
            ).fetchone()
        site = Site(*row) if row else None
        self._cache[site_id] = site
        return site
