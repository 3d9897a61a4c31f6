"""Passwords never shown: the one function that hides them in any text (a database URL, an error message
from a driver, a line of the doctor's report, a log record).

A database address can carry a password in several forms, and each is masked:

- the userinfo of a URL, `postgresql://alice:PASSWORD@server/db` (the password may itself hold `@` or `:`);
- a query parameter, `?password=PASSWORD` or `&password=PASSWORD` (also `sslpassword`, `passwd`, `pwd`);
- a libpq key=value connection string, `host=db password=PASSWORD` or `password = 'PASS WORD'`;
- any of these percent-encoded, once or more (`password%3DPASSWORD`, `p%61ssword=`, `%3Apass%40`).

Masking errs on the side of hiding: when it is unsure where a password ends, it hides more.
Nothing but the standard library, so the log and the doctor can use it anywhere.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote

MASK = "***"

_KEYS = r"(?:ssl)?password|passwd|pwd"


@cache
def _patterns(space: str, padding: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The userinfo and key=value patterns, with `space` as what ends an address. In plain text that is
    whitespace; in a percent-decoded token nothing is (the token was one unbroken address when encoded,
    and its decoded password may hold spaces), so a password found there runs to the token's end."""
    # userinfo: scheme://user:PASSWORD@ with the password running to the last "@" of the address.
    userinfo = re.compile(rf"(?P<head>(?:[a-z][a-z0-9+.\-]*:)?//[^\s:/@?#]*:)(?P<secret>(?:(?!{space}).)*)@"
                          rf"(?=(?:(?!{space})[^@])*(?:{space}|$))", re.IGNORECASE | re.DOTALL)
    # key=value in a query string or a libpq connection string; a quoted value may hold spaces, and whatever
    # follows its closing quote up to the end of the address is hidden with it ('""0' is a password too).
    # Unquoted, the value runs to the end of the address (a query's "&..." after it is hidden too: hiding more
    # is safe).
    pair = re.compile(
        rf"(?P<head>(?<![a-z0-9])(?:{_KEYS}){padding}={padding})"
        rf"(?P<secret>(?:'(?:[^'\\]|\\.)*(?:'|$)|\"(?:[^\"\\]|\\.)*(?:\"|$))(?:(?!{space}).)*"
        rf"|(?:(?!{space}).)*)",
        re.IGNORECASE | re.DOTALL)
    return userinfo, pair


# Compiled on first use (not at import, which the app does before its window shows).
_PLAIN = (r"\s", r"[ \t]*")  # libpq allows spaces around "="
_DECODED = (r"(?!)", "")  # a decoded URL's value starts right after "="
_ENCODED = "%[0-9a-fA-F]{2}"


def _mask_plain(text: str, kind: tuple[str, str] = _PLAIN) -> str:
    userinfo, pair = _patterns(*kind)
    text = userinfo.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    return pair.sub(lambda m: f"{m.group('head')}{MASK}", text)


def _mask_encoded(token: str) -> str:
    """Percent-decode the token one level at a time (an address may be encoded twice); at the first level
    that shows a password, that level is returned with it masked. Otherwise the token is unchanged."""
    current = token
    for _ in range(4):
        decoded = unquote(current)
        if decoded == current:
            break
        hidden = _mask_plain(decoded, _DECODED)
        if hidden != decoded:
            return hidden
        current = decoded
    return token


def mask_secrets(text: str) -> str:
    """`text` with every password it holds replaced by ***; text without one comes back unchanged.

    Percent-encoded parts are decoded before looking (a key or a separator may be encoded): a token that
    hides a password only when decoded is shown decoded, with the password masked."""
    if not text:
        return text
    masked = _mask_plain(text)
    if not re.search(_ENCODED, masked):
        return masked
    return "".join(_mask_encoded(token) if re.search(_ENCODED, token) else token
                   for token in re.split(r"(\s+)", masked))
