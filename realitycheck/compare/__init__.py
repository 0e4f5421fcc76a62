"""Baseline vs boosted: columns, target, pipelines, scoring, statistics, costs, explanations."""
