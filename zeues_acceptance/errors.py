"""The suite's exceptions, sorted by who is to blame: the product, the test or the environment.

allure-behave reports an AssertionError as "failed" and any other exception as "broken", so
the product's failures (a wrong answer, contract drift) are AssertionErrors and the rest are
not. Every message starts with its category, which the report's categories match.
"""


class SuiteError(Exception):
    """Base of the suite's own non-assertion errors."""


class RequestContractError(SuiteError):
    """The suite built a request that breaks the contract: a test defect."""


class ContractDriftError(AssertionError):
    """The API answered with a message outside every family the contract names."""


class ProductDefect(AssertionError):
    """The API answered within the contract's shapes, and the answer is wrong."""

    def __init__(self, sentence: str):
        super().__init__(f"Product defect: {sentence}")


class EnvironmentProblem(SuiteError):
    """The environment, not the product, stopped the test (Redis down, target unreachable)."""


class TargetUnreachable(EnvironmentProblem):
    """The API could not be reached at all (connection refused, DNS, timeout, a gateway)."""
