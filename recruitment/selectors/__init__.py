"""Reads that are more than one QuerySet verb, one module per feature: ranked matches, the ranked-candidates
page, a candidate's own fit, the pipeline, the reports, what each party may see of an introduction."""
