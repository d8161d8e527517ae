"""`advisor monitor`: compare new data with the data a model was built on, and turn the drift into facts.

Modules, each one concept: `thresholds` (every limit, with why), `statistics` (per-feature tests and effect sizes),
`inputs` (reading and aligning the two files), `multivariate` (a classifier telling the two apart), `model_check`
(prediction drift and quality with labels), `windows` (drift over time), `facts` (the `monitoring.*` facts),
`plots`, `render` and `run` (the whole job, written atomically). pandas, scipy, scikit-learn and matplotlib are
imported inside functions only, so registering the command costs nothing at start-up.
"""
