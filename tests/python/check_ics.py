"""Reads a .ics file with Python's icalendar (a calendar library independent of the
app's own writer) and prints, as JSON, what each event says: its UID, summary and
description, its start and end as UTC instants, whether it is busy, and its alarms.
The Rust calendar test compares them with the app's due instants."""

import datetime
import json
import sys

import icalendar


def utc(prop):
    when = prop.dt
    if not isinstance(when, datetime.datetime):
        raise SystemExit(f"{prop.to_ical()!r} is a date, not a time")
    if when.tzinfo is None:
        raise SystemExit(f"{prop.to_ical()!r} is a floating time, not an instant")
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def alarm_fields(alarm):
    trigger = alarm.get("trigger")
    return {
        "action": str(alarm.get("action", "")),
        "description": str(alarm.get("description", "")),
        # A relative trigger, in seconds from the event's start.
        "trigger_seconds": trigger.dt.total_seconds()
        if isinstance(trigger.dt, datetime.timedelta)
        else None,
        "related": str(trigger.params.get("RELATED", "START")),
    }


def event_fields(event):
    return {
        "uid": str(event.get("uid", "")),
        "summary": str(event.get("summary", "")),
        "description": str(event.get("description", "")),
        "start": utc(event["dtstart"]),
        "end": utc(event["dtend"]),
        "stamp": utc(event["dtstamp"]),
        "transp": str(event.get("transp", "")),
        "alarms": [alarm_fields(a) for a in event.walk("VALARM")],
    }


def main(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    events = [event_fields(e) for e in calendar.walk("VEVENT")]
    json.dump(
        {
            "version": str(calendar.get("version", "")),
            "prodid": str(calendar.get("prodid", "")),
            "events": events,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1])
