"""The phone page's strings: every ``phone.*`` key in the catalog, and no other."""

from kollegial.i18n import CATALOG
from kollegial.serve.page import STRINGS


def test_the_page_carries_every_phone_string() -> None:
    assert sorted(STRINGS) == sorted(k for k in CATALOG if k.startswith("phone."))
