"""The real Learning Record Store for the learning record tests: Ralph, started by `make test` through
lms/local_services.py, which exports LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD (the test settings leave them off
for the rest of the suite). `python -m lms.local_services start ralph --export` starts it alone."""

from __future__ import annotations

import json
import os
import socket

import requests

from lms.learning_records import XAPI_VERSION, actor
from lms.models import Member

VARIABLES = ("LRS_ENDPOINT", "LRS_USERNAME", "LRS_PASSWORD")


def lrs_environment() -> dict[str, str]:
    missing = [name for name in VARIABLES if not os.environ.get(name)]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} unset: these tests need the LRS `make test` starts "
                           "(`python -m lms.local_services start ralph --export` starts it alone)")
    return {name: os.environ[name] for name in VARIABLES}


def closed_port() -> int:
    """A local port nothing listens on: an LRS that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(params: dict[str, str]) -> requests.Response:
    endpoint = os.environ["LRS_ENDPOINT"].rstrip("/") + "/statements"
    answer = requests.get(endpoint, params=params, auth=(os.environ["LRS_USERNAME"], os.environ["LRS_PASSWORD"]),
                          headers={"X-Experience-API-Version": XAPI_VERSION}, timeout=10)
    answer.raise_for_status()
    return answer


def statements_of(member: Member) -> list[dict]:
    """What the LRS holds about the member, asked the way an analyst would: GET /statements?agent=..."""
    agent = actor(member)
    found = _get({"agent": json.dumps({"account": agent["account"]}), "limit": "100"}).json()
    return found["statements"]


def statement(statement_id: str) -> dict:
    found = _get({"statementId": statement_id}).json()
    # xAPI answers the one statement; Ralph 5.1 wraps it in a result like any query's.
    return found["statements"][0] if "statements" in found else found
