"""The PySide6 desktop interface: main window, tender wizard, dialogs. Talks only to the service."""
