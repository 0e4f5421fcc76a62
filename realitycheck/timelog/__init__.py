"""The time log: categories, durations, summaries, standup, rules and importers."""
