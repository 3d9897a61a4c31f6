"""sv-desktop: build social value into NHS tenders, following the Trust's policy P238."""

__version__ = "0.1.0"
APP_NAME = "sv-desktop"
