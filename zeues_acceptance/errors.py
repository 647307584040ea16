"""The suite's exceptions, sorted by who is to blame: the test, the product or the environment.

allure-behave reports an AssertionError as "failed" (a product defect) and any
other exception as "broken" (a test or environment defect), so only
ContractDriftError is an AssertionError.
"""


class SuiteError(Exception):
    """Base of the suite's own non-assertion errors."""


class RequestContractError(SuiteError):
    """The suite built a request that breaks the contract: a test defect."""


class ContractDriftError(AssertionError):
    """The API answered with a message that breaks the contract: a product failure."""


class EnvironmentProblem(SuiteError):
    """The environment, not the product's logic, stopped the test."""


class TargetUnreachable(EnvironmentProblem):
    """The API could not be reached at all (connection refused, DNS, timeout)."""


class RedisUnavailable(EnvironmentProblem):
    """The API answered 503 REDIS_UNAVAILABLE where the scenario needs a healthy Redis."""

    def __init__(self, request_line: str, message: str):
        super().__init__(
            f"Environment: Redis unavailable (503 REDIS_UNAVAILABLE) on {request_line}: {message}"
        )
