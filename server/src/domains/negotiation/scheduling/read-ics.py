# Reads an iCalendar stream on stdin with the independent `icalendar` library (Debian
# python3-icalendar) and prints what a calendar client would take from it, as JSON:
# each event's text fields and people, and the UTC instants of its occurrences computed twice:
#   - "vtimezone": with the VTIMEZONE the stream carries (icalendar's to_tz),
#   - "iana":      with the Olson data of pytz, as a client that ignores the VTIMEZONE would.
# Recurrences are expanded with dateutil.rrule on the local wall clock, as RFC 5545 says.
import json
import sys
from datetime import datetime, timezone

import dateutil.rrule
import icalendar
import pytz


def utc_text(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def localize(tz, naive):
    # RFC 5545 §3.3.10: a local time that a gap skips is read with the offset before the gap
    # (is_dst=False there); of two equal wall times, the first (the one before clocks fall back).
    try:
        return tz.localize(naive, is_dst=None)
    except pytz.exceptions.NonExistentTimeError:
        return tz.localize(naive, is_dst=False)
    except pytz.exceptions.AmbiguousTimeError:
        return tz.localize(naive, is_dst=True)


def main():
    raw = sys.stdin.buffer.read()
    cal = icalendar.Calendar.from_ical(raw)
    zones = {}
    for tzc in cal.walk("VTIMEZONE"):
        zones[str(tzc["TZID"])] = tzc.to_tz()
    out = {
        "method": str(cal.get("METHOD")) if cal.get("METHOD") is not None else None,
        "prodid": str(cal.get("PRODID")),
        "version": str(cal.get("VERSION")),
        "calname": str(cal.get("X-WR-CALNAME")) if cal.get("X-WR-CALNAME") is not None else None,
        "tzids": sorted(zones.keys()),
        "events": [],
    }
    for ev in cal.walk("VEVENT"):
        start = ev["DTSTART"]
        tzid = start.params.get("TZID")
        naive_start = start.dt.replace(tzinfo=None)
        naive_end = ev["DTEND"].dt.replace(tzinfo=None)
        if "RRULE" in ev:
            rule = dict(ev["RRULE"])
            until = rule.pop("UNTIL", None)
            text = icalendar.prop.vRecur(rule).to_ical().decode()
            naive = list(dateutil.rrule.rrulestr(text, dtstart=naive_start, cache=False)[:5000]) if ("COUNT" in rule or until) else list(dateutil.rrule.rrulestr(text + ";COUNT=60", dtstart=naive_start))
            if until:
                u = until[0]
                naive = [n for n in naive if localize(zones[tzid], n) <= u.astimezone(timezone.utc)]
        else:
            naive = [naive_start]
        ex = set()
        exdates = ev.get("EXDATE")
        if exdates is not None:
            for group in exdates if isinstance(exdates, list) else [exdates]:
                for d in group.dts:
                    ex.add(d.dt.replace(tzinfo=None))
        naive = [n for n in naive if n not in ex]
        iana = pytz.timezone(tzid)
        attendees = ev.get("ATTENDEE") or []
        if not isinstance(attendees, list):
            attendees = [attendees]
        out["events"].append({
            "uid": str(ev["UID"]),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS")) if ev.get("STATUS") is not None else None,
            "summary": str(ev.get("SUMMARY")),
            "description": str(ev.get("DESCRIPTION")) if ev.get("DESCRIPTION") is not None else None,
            "location": str(ev.get("LOCATION")) if ev.get("LOCATION") is not None else None,
            "url": str(ev.get("URL")) if ev.get("URL") is not None else None,
            "tzid": tzid,
            "rrule": ev["RRULE"].to_ical().decode() if "RRULE" in ev else None,
            "durationSeconds": int((naive_end - naive_start).total_seconds()),
            "organizer": {"value": str(ev["ORGANIZER"]), "cn": ev["ORGANIZER"].params.get("CN")} if "ORGANIZER" in ev else None,
            "attendees": [{"value": str(a), **{k: str(v) for k, v in a.params.items()}} for a in attendees],
            "vtimezone": [utc_text(localize(zones[tzid], n)) for n in naive],
            "iana": [utc_text(localize(iana, n)) for n in naive],
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
