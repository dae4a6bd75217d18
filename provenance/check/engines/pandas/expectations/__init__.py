"""Custom Great Expectations 1.x expectations; importing this package registers them.

One expectation per module, each with its pandas condition (a ``MulticolumnMapMetric``)
so a suite JSON can name it by its snake-case type, e.g.
``expect_quantity_claims_to_agree_across_sources``. GX maintainers call this class-based
route unsupported: great-expectations is pinned and ``tests/test_expectations.py`` keeps
it exercised. ``categorical_metrics`` makes GX's built-in regex metric match a
categorical column once per category.
"""

from .categorical_metrics import (
    ColumnValuesMatchRegexPerCategory,
)
from .expect_claim_spans_to_match_source_text import (
    ExpectClaimSpansToMatchSourceText,
)
from .expect_date_claims_to_agree_across_sources import (
    ExpectDateClaimsToAgreeAcrossSources,
)
from .expect_duration_claims_to_agree_across_sources import (
    ExpectDurationClaimsToAgreeAcrossSources,
)
from .expect_numeric_claims_to_be_close_across_sources import (
    ExpectNumericClaimsToBeCloseAcrossSources,
)
from .expect_past_dates_to_precede_publication import (
    ExpectPastDatesToPrecedePublication,
)
from .expect_quantity_claims_to_agree_across_sources import (
    ExpectQuantityClaimsToAgreeAcrossSources,
)
from .expect_relative_dates_to_have_known_publication import (
    ExpectRelativeDatesToHaveKnownPublication,
)
from .expect_text_claims_to_agree_across_sources import (
    ExpectTextClaimsToAgreeAcrossSources,
)

__all__ = [
    "ColumnValuesMatchRegexPerCategory",
    "ExpectClaimSpansToMatchSourceText",
    "ExpectDateClaimsToAgreeAcrossSources",
    "ExpectDurationClaimsToAgreeAcrossSources",
    "ExpectNumericClaimsToBeCloseAcrossSources",
    "ExpectPastDatesToPrecedePublication",
    "ExpectQuantityClaimsToAgreeAcrossSources",
    "ExpectRelativeDatesToHaveKnownPublication",
    "ExpectTextClaimsToAgreeAcrossSources",
]
