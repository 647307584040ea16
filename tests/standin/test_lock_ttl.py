"""Locks last the TTL set at start-up (3600 s by default); after it lapses the former holder
gets 410 and anyone may take the spool, which still shows the old holder until then."""

import time
import uuid

from redis import Redis

from standin.locks import spool_lock_key
from standin.runner import running_standin

from .conftest import Api, detail


def test_the_default_lock_is_an_hour_and_names_its_holder(api, standin, spool):
    api.tomar(spool, 93)
    with Redis.from_url(standin.redis.url, decode_responses=True) as redis:
        value = redis.get(spool_lock_key(spool))
        assert 3590 <= redis.ttl(spool_lock_key(spool)) <= 3600
    worker_id, token = value.split(":", 1)
    assert worker_id == "93" and uuid.UUID(token).version == 4
    api.pausar(spool, 93)
    with Redis.from_url(standin.redis.url) as redis:
        assert not redis.exists(spool_lock_key(spool))


def test_after_a_short_ttl_lapses_the_holder_gets_410_and_another_worker_takes_it():
    with running_standin(testing=True, env={"ZEUES_REDIS_LOCK_TTL_SECONDS": "1"}) as standin:
        api = Api(standin.base_url)
        tag = api.fresh_spool()
        api.tomar(tag, 93)
        assert detail(api.pausar(tag, 94))[0] == 403
        time.sleep(1.5)
        assert detail(api.pausar(tag, 93))[0] == 410
        assert detail(api.completar(tag, 93))[0] == 410
        board = {e["tag_spool"]: e for e in api.get("/api/dashboard/occupied").json()}
        assert board[tag]["worker_nombre"] == "MR(93)"  # the sheet still shows the old holder
        assert api.tomar(tag, 94).status_code == 200
        held = api.listed("/api/spools/completar?operacion=ARM&worker_nombre=x", tag)
        assert (held["armador"], held["ocupado_por"]) == ("MR(93)", "JP(94)")
        assert api.completar(tag, 94).status_code == 200


def test_a_lock_value_left_by_another_writer_is_just_another_holder(api, standin, spool):
    with Redis.from_url(standin.redis.url) as redis:
        redis.set(spool_lock_key(spool), "someone-else")
        assert detail(api.tomar(spool, 93))[0] == 409
        api.fresh_spool(spool)
        api.tomar(spool, 93)
        redis.set(spool_lock_key(spool), "x:y")
        assert detail(api.pausar(spool, 93)) == (
            403, f"Solo Worker x puede completar PAUSAR en '{spool}' (él/ella la inició). "
                 "Tú eres MR(93).")
