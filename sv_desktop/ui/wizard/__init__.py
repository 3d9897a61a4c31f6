"""The tender wizard: one module per page, a base page, page ids, the sidebar and the panels."""
