"""Reporting the suite's own calls to Locust, which makes no HTTP requests of its own here."""


class UnexpectedAnswer(Exception):
    """A call answered, but not with the success its step needs."""

    def __init__(self, status: int, detail: str):
        super().__init__(f"{status} {detail[:200]}")


def fire_request(environment, name: str, started: float, response_time_ms: float,
                 response_length: int, exception: Exception | None,
                 request_type: str = "POST") -> None:
    """One call into Locust's stats: its count, failures and response times per name."""
    environment.events.request.fire(
        request_type=request_type,
        name=name,
        response_time=response_time_ms,
        response_length=response_length,
        response=None,
        context={},
        exception=exception,
        start_time=started,
        url=None,
    )
