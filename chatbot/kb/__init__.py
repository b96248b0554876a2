"""The guideline as data: its sections, its rules, and the checks that tie them together."""
