"""Reads a .vcf file with vobject (an address-book library independent of the app's
own vCard code) and prints, as JSON, what each card says: the fields a contact's
export must carry. The Rust export test compares them with what it wrote."""

import json
import sys

import vobject


def values(card, name):
    return [line.value for line in card.contents.get(name, [])]


def text(card, name):
    found = values(card, name)
    return found[0] if found else ""


def card_fields(card):
    org = text(card, "org")
    adr = values(card, "adr")
    address = None
    if adr:
        a = adr[0]
        address = {
            "street": a.street if isinstance(a.street, str) else "\n".join(a.street),
            "city": a.city,
            "region": a.region,
            "postal_code": a.code,
            "country": a.country,
        }
    name = values(card, "n")
    categories = []
    for value in values(card, "categories"):
        categories.extend(value)
    return {
        "version": text(card, "version"),
        "fn": text(card, "fn"),
        "family": name[0].family if name else "",
        "given": name[0].given if name else "",
        # ORG is a list of units; the company is the first.
        "org": org[0] if isinstance(org, list) and org else org,
        "title": text(card, "title"),
        "emails": values(card, "email"),
        "phones": values(card, "tel"),
        "address": address,
        "url": text(card, "url"),
        "linkedin": text(card, "x-socialprofile"),
        "note": text(card, "note"),
        "categories": categories,
        "uid": text(card, "uid"),
    }


def main(path):
    with open(path, encoding="utf-8", newline="") as f:
        cards = [card_fields(c) for c in vobject.readComponents(f.read())]
    json.dump(cards, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
