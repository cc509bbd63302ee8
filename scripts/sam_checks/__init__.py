"""The building blocks of scripts/template_checks.py: the template under test, condition evaluation and the
assertions on the SAM-transformed template."""
