"""Versions and issue dates of supplier documents: a pack or brief whose content is unchanged since its
last issue keeps that issue's version and date; changed content is a new version issued today.

The content is compared as the document model built with a neutral date and version, so only what the
document says counts, never when it was exported. A DRAFT document is never recorded as an issue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace

from .. import store
from ..export.context import PackContext
from ..i18n import N_, _

NEUTRAL_DATE = dt.date(2000, 1, 1)
DRAFT_VERSION = N_("Draft")


def content_hash(ctx: PackContext, build: Callable[[PackContext], object]) -> str:
    probe = replace(ctx, issue_date=NEUTRAL_DATE, version_label="")
    return hashlib.sha256(repr(build(probe)).encode("utf-8")).hexdigest()


def issued_context(tender_store: store.TenderStore, ctx: PackContext, kind: str,
                   build: Callable[[PackContext], object], draft: bool) -> PackContext:
    """`ctx` with the version and issue date of this content, recording a new issue when it changed."""
    if draft:
        return replace(ctx, version_label=_(DRAFT_VERSION))
    try:
        issue = tender_store.issue_document(ctx.tender.reference, kind, content_hash(ctx, build), ctx.issue_date)
    except store.NotFoundError:  # a tender not saved yet: nothing to number it against
        return replace(ctx, version_label=_(DRAFT_VERSION))
    return replace(ctx, version_label=str(issue.version), issue_date=issue.issued_on)
