"""Every limit the monitor judges by, in one place; docs/monitor.md gives the reasons and the sources."""

from __future__ import annotations

# Population stability index bands (Siddiqi, credit scoring practice): under 0.1 stable, 0.1-0.25 a moderate shift
# worth a look, 0.25 and over a major shift.
PSI_MODERATE = 0.1
PSI_MAJOR = 0.25
PSI_BINS = 10  # deciles of the reference
PSI_FLOOR = 1e-4  # an empty bin counts as this share, so the logarithm stays finite (Evidently's choice)
TOP_CATEGORIES = 20  # categories beyond the reference's 20 most frequent are pooled, so rare ones do not add noise

# Significance: every test of one run (distributions and missing rates) is corrected together with Holm's method,
# so the chance of any false alarm on unchanged data stays at or under ALPHA.
ALPHA = 0.05
MIN_ROWS_PER_SIDE = 30  # fewer present values than this on either side: the column is not tested

# A missing-rate change counts when it is significant and at least 5 points (0.02 -> 0.07).
MISSING_POINTS = 0.05
# A category the reference never had counts when, in one column, it covers at least 1 % of current rows beyond
# what the reference's own singletons predict (Good-Turing estimate of the unseen share).
NEW_CATEGORY_SHARE = 0.01
# Only in columns with at most 50 distinct reference values: in a high-cardinality column new values arrive all the
# time and come in clusters, so their share swings far beyond the estimate (measured on random halves of flights).
NEW_CATEGORY_MAX_CARDINALITY = 50
VANISHED_MIN_SHARE = 0.01  # a reference category with at least this share that no current row holds

# Multivariate check: a classifier that tells reference rows from current rows with a cross-validated ROC-AUC of
# 0.6 or more has found a shift (0.5 is chance); rows per side it trains on, folds and boosting rounds (kept small:
# a strong shift is found in a few rounds, and the check must stay cheap beside the univariate tests).
DOMAIN_AUC = 0.6
DOMAIN_ROWS = 4_000
DOMAIN_FOLDS = 3
DOMAIN_TREES = 60
DOMAIN_TOP_FEATURES = 5

# Model quality: worse beyond both bootstrap intervals and by at least 5 % of the reference value.
METRIC_TOLERANCE = 0.05
BOOTSTRAP_RESAMPLES = 200

# Time windows: a window needs this many rows; each feature's PSI is taken above the noise the window's size explains.
WINDOW_MIN_ROWS = 200
SUDDEN_JUMP = 0.25  # one feature's PSI stepping up by the major band, staying there (a step fits better than a line)
GRADUAL_RISE = 0.1  # one feature's PSI rising by the moderate band from first to last window, steadily (rank
GRADUAL_CORRELATION = 0.6  # correlation with time of at least 0.6): gradual drift

# Exit code of `--fail-on` when it finds what it was asked to fail on (0 otherwise, 2 bad input).
FAIL_EXIT_CODE = 3
