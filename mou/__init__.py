"""mou: bilingual Thai/English memoranda of understanding from YAML records."""

__version__ = "0.1.0"
