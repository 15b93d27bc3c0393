//! Every write is checked here, in the core, before it reaches SQLite: the UI's own
//! checks are a convenience, not a guarantee. Validation also normalises (trims,
//! de-duplicates), so what is stored is what the user meant.

use crate::cadence::plan::Plan;
use crate::error::{Error, Result};
use crate::import::History;
use crate::limits::{self, too_long};
use crate::model::{Address, Channel, Outcome, ProspectInput, TouchInput, Weekday};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use email_address::{EmailAddress, Options};
use std::str::FromStr;

/// A prospect input that passed validation, normalised for storage.
#[derive(Debug, Clone)]
pub struct ValidProspect {
    pub input: ProspectInput,
    pub preferred_time: Option<NaiveTime>,
}

pub fn prospect(mut p: ProspectInput) -> Result<ValidProspect> {
    p.name = single_line("name", "Name", &p.name, limits::SHORT_TEXT)?;
    if p.name.is_empty() {
        return Err(Error::invalid("name", "A prospect needs a name."));
    }
    p.company = single_line("company", "Company", &p.company, limits::SHORT_TEXT)?;
    p.title = single_line("title", "Title", &p.title, limits::SHORT_TEXT)?;
    p.emails = emails(&p.emails)?;
    p.phones = phones(&p.phones)?;
    p.linkedin = url("linkedin", "LinkedIn", &p.linkedin)?;
    p.website = url("website", "Website", &p.website)?;
    p.address = address(p.address)?;
    p.status_reason = multi_line(
        "status_reason",
        "Reason",
        &p.status_reason,
        limits::STATUS_REASON,
    )?;
    if p.status.stops_follow_up() && p.status_reason.is_empty() {
        return Err(Error::invalid(
            "status_reason",
            format!(
                "Say why this prospect is \u{201c}{}\u{201d}, so whoever reads the file later knows.",
                p.status.label()
            ),
        ));
    }
    p.tags = tags("tags", &p.tags)?;
    p.notes = multi_line("notes", "Notes", &p.notes, limits::NOTES)?;
    p.time_zone = time_zone(&p.time_zone)?;
    p.preferred_days = weekdays(&p.preferred_days);
    let preferred_time = time_of_day(&p.preferred_time)?;
    p.preferred_time = preferred_time
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    Ok(ValidProspect {
        input: p,
        preferred_time,
    })
}

/// A checked prospect with one tag more (an import's), its tags checked again as the
/// form checks them: the extra tag may be one too many, or one it already has.
pub fn with_tag(mut valid: ValidProspect, tag: &str) -> Result<ValidProspect> {
    let mut all = std::mem::take(&mut valid.input.tags);
    all.push(tag.to_string());
    valid.input.tags = tags("tags", &all)?;
    Ok(valid)
}

/// A plan cleaned as every other text is (control characters out, one line where one
/// line is meant), then held to the plan's limits (`Plan::validate`).
pub fn plan(mut plan: Plan) -> Result<Plan> {
    plan.name = single_line("name", "The plan's name", &plan.name, limits::NAME)?;
    plan.description = multi_line(
        "description",
        "The description",
        &plan.description,
        limits::DETAIL,
    )?;
    if plan.steps.len() > limits::PLAN_STEPS {
        return Err(Error::invalid(
            "steps",
            format!("A plan can have at most {} steps.", limits::PLAN_STEPS),
        ));
    }
    for (i, s) in plan.steps.iter_mut().enumerate() {
        s.purpose = single_line(
            "steps",
            &format!("Step {}'s purpose", i + 1),
            &s.purpose,
            limits::SHORT_NOTE,
        )?;
    }
    plan.validate()?;
    Ok(plan)
}

/// A dossier's history checked as the forms check the same things: each touch as a
/// logged touch, each skip's reason, the next step, the plan.
pub fn history(mut h: History, now: DateTime<Utc>) -> Result<History> {
    // What happened is in the past (with the same slack as a touch); what is planned is
    // at most as far ahead as a snooze or a next step set by hand: a dossier edited by
    // hand, or from a broken export, must not hide someone until the year 9999.
    let happened = |field, label: &str, at: DateTime<Utc>| -> Result<()> {
        if at > now + Duration::days(1) {
            return Err(Error::invalid(field, format!("{label} is in the future.")));
        }
        not_too_early(field, label, at)
    };
    let planned = |field, label: &str, at: DateTime<Utc>| -> Result<()> {
        if at > now + Duration::days(limits::AHEAD_DAYS as i64) {
            return Err(Error::invalid(
                field,
                format!(
                    "{label} is too far ahead (at most {} days from today).",
                    limits::AHEAD_DAYS
                ),
            ));
        }
        not_too_early(field, label, at)
    };
    happened("created_at", "The prospect's creation date", h.created_at)?;
    if let Some(at) = h.plan_started_at {
        happened("plan_started_at", "The plan's start", at)?;
    }
    for s in &h.skips {
        happened("skips", "A skip", s.at)?;
    }
    if let Some(at) = h.snoozed_until {
        planned("snoozed_until", "The snooze", at)?;
    }
    if let Some(step) = &h.next_step {
        planned("next_step", "The next step", step.at)?;
    }
    for t in &mut h.touches {
        t.channel = as_answered(t.channel, t.outcome);
        let (input, at) = touch(
            TouchInput {
                prospect_id: 0,
                at: Some(t.at),
                channel: t.channel,
                outcome: t.outcome,
                message: std::mem::take(&mut t.message),
                note: std::mem::take(&mut t.note),
                inbound: t.inbound,
                reason_id: None,
                confirm_stop: true,
            },
            now,
        )?;
        t.at = at;
        t.note = input.note;
        t.message = input.message;
    }
    for s in &mut h.skips {
        s.reason = single_line("reason", "A skip's reason", &s.reason, limits::SHORT_NOTE)?;
        if s.reason.is_empty() {
            s.reason = "Skipped".into();
        }
    }
    if let Some(step) = &mut h.next_step {
        step.note = multi_line("next_step", "The next step", &step.note, limits::NEXT_STEP)?;
    }
    h.plan = h.plan.map(plan).transpose()?;
    Ok(h)
}

/// Checks a touch and settles its instant (`now` when none was given).
pub fn touch(mut t: TouchInput, now: DateTime<Utc>) -> Result<(TouchInput, DateTime<Utc>)> {
    let at = t.at.unwrap_or(now);
    // A touch is something that happened. A little slack covers clock skew and a
    // date picker's rounding; anything further ahead is a typo, not a plan.
    if at > now + Duration::days(1) {
        return Err(Error::invalid(
            "at",
            "A touch can't be logged in the future. To plan one, set a next step instead.",
        ));
    }
    not_too_early("at", "That date", at)?;
    // A call that reached nobody has nothing come of it: a "conversation" or a "yes" on
    // it would count as an answer in the reports and move the prospect's status, while
    // the touch itself counts as no touch at all.
    if t.channel == Channel::CallNoMessage && t.outcome != Outcome::NoResponse {
        return Err(Error::invalid(
            "outcome",
            "A call with no message left reached nobody, so nothing came of it. To record \
             what was said, log it as a call.",
        ));
    }
    t.note = multi_line("note", "Note", &t.note, limits::NOTES)?;
    t.message = multi_line("message", "What was sent", &t.message, limits::NOTES)?;
    Ok((t, at))
}

/// The channel a touch recorded before "Call, no message left" had to have no answer is
/// read as: one with an answer (a conversation, a yes…) reached someone, so it was a
/// call. A dossier from an older book, a touch kept in Recently deleted and migration
/// 0011 all put such a touch right this way rather than refuse it.
pub fn as_answered(channel: Channel, outcome: Outcome) -> Channel {
    if channel == Channel::CallNoMessage && outcome != Outcome::NoResponse {
        Channel::Call
    } else {
        channel
    }
}

/// An instant from `limits::EARLIEST_YEAR` on.
fn not_too_early(field: &'static str, label: &str, at: DateTime<Utc>) -> Result<()> {
    let earliest = Utc.from_utc_datetime(&limits::earliest_date().and_time(NaiveTime::MIN));
    if at < earliest {
        return Err(Error::invalid(
            field,
            format!(
                "{label} is too far in the past (from {} on).",
                limits::EARLIEST_YEAR
            ),
        ));
    }
    Ok(())
}

pub(crate) fn single_line(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    // Newlines and tabs pasted into a one-line field become spaces; other control
    // characters are dropped, they only ever arrive by accident.
    let cleaned: String = value
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let cleaned = cleaned
        .split(' ')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.chars().count() > max {
        return Err(too_long(field, label, max));
    }
    Ok(cleaned)
}

pub(crate) fn multi_line(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    let cleaned: String = value
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.chars().count() > max {
        return Err(too_long(field, label, max));
    }
    Ok(cleaned)
}

fn emails(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in list {
        let Some(e) = email(raw)? else { continue };
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&e)) {
            out.push(e);
        }
        // Stops at once, so a pasted list of thousands is not checked one by one.
        if out.len() > limits::EMAILS {
            return Err(Error::invalid(
                "emails",
                format!("At most {} email addresses.", limits::EMAILS),
            ));
        }
    }
    Ok(out)
}

/// What the email address checks accept: a bare address (the display name is taken off
/// first, see `email`), a domain with a dot (the RFC allows dotless ones; a
/// salesperson's contacts never have one), and no `[192.0.2.1]` domain literals, which
/// mail apps handle badly and no business address uses.
fn email_options() -> Options {
    Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld()
}

/// One entry of the email list as stored: the bare address, or `None` for a blank line.
///
/// Addresses copied from a mail app come as `Jenny Lee <jenny@acme.com>`. That is
/// accepted, and only the address in the brackets is kept: the name is the prospect's
/// own and already on file, while a display name in the stored address would go into
/// every `mailto:` link (where mail apps disagree about it) and into duplicate checks.
/// Refusing it would only make the user retype what they meant. Everything else must be
/// an address by RFC 5321's lengths: 254 bytes in all, 64 before the `@`.
fn email(raw: &str) -> Result<Option<String>> {
    let e = raw.trim();
    if e.is_empty() {
        return Ok(None);
    }
    let bare = without_display_name(e);
    // Lengths first: a long paste is reported, not repeated back in the message.
    if bare.len() > limits::EMAIL {
        return Err(Error::invalid(
            "emails",
            format!(
                "An email address can be at most {} characters; one of these is longer.",
                limits::EMAIL
            ),
        ));
    }
    if bare
        .rsplit_once('@')
        .is_some_and(|(local, _)| local.len() > limits::EMAIL_LOCAL_PART)
    {
        return Err(Error::invalid(
            "emails",
            format!(
                "In \u{201c}{bare}\u{201d}, the part before the @ is too long (at most {} characters).",
                limits::EMAIL_LOCAL_PART
            ),
        ));
    }
    match EmailAddress::parse_with_options(bare, email_options()) {
        Ok(address) => Ok(Some(address.email())),
        Err(_) => Err(Error::invalid(
            "emails",
            format!("\u{201c}{bare}\u{201d} is not an email address (expected name@example.com)."),
        )),
    }
}

/// `Jenny Lee <jenny@acme.com>` (or `<jenny@acme.com>`) as the address in the brackets;
/// anything else as it is.
pub(crate) fn without_display_name(text: &str) -> &str {
    match text
        .trim()
        .strip_suffix('>')
        .and_then(|rest| rest.rsplit_once('<'))
    {
        Some((_name, inner)) => inner.trim(),
        None => text.trim(),
    }
}

/// A phone number written as a `tel:` URI (RFC 3966, as vCard 4.0 writes them) as
/// people write it: the number, and its `;ext=` as " ext. 5555" (what `phones` and a
/// dialling link read as the extension). Other parameters (`phone-context`, `isub`)
/// are dropped; anything that is not a `tel:` URI is returned as it is.
pub fn phone_from_uri(text: &str) -> String {
    let text = text.trim();
    let Some(uri) = text
        .get(..4)
        .filter(|scheme| scheme.eq_ignore_ascii_case("tel:"))
        .map(|_| &text[4..])
    else {
        return text.to_string();
    };
    let mut parts = uri.split(';');
    let mut number = parts.next().unwrap_or_default().trim().to_string();
    for param in parts {
        if let Some((name, value)) = param.split_once('=') {
            let ext: String = value.chars().filter(char::is_ascii_digit).collect();
            if name.trim().eq_ignore_ascii_case("ext") && !ext.is_empty() {
                number = format!("{number} ext. {ext}");
            }
        }
    }
    number
}

fn phones(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in list {
        let p = single_line(
            "phones",
            "A phone number",
            &phone_from_uri(raw),
            limits::PHONE,
        )?;
        if p.is_empty() {
            continue;
        }
        // Formats vary by country; we only insist on something dialable: digits with the
        // usual punctuation (the slash of "030/1234567" too), and an optional extension.
        let (number, ext) = match p.to_ascii_lowercase().find(['x', 'e']) {
            Some(i) => (p[..i].to_string(), p[i..].to_string()),
            None => (p.clone(), String::new()),
        };
        let digits = number.chars().filter(char::is_ascii_digit).count();
        let allowed = number
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        let ext_ok = ext.is_empty()
            || ext
                .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '.' || c == ' ')
                .chars()
                .all(|c| c.is_ascii_digit());
        if !allowed || !ext_ok || !(3..=20).contains(&digits) {
            return Err(Error::invalid(
                "phones",
                format!("\u{201c}{p}\u{201d} doesn't look like a phone number."),
            ));
        }
        if !out.contains(&p) {
            out.push(p);
        }
        if out.len() > limits::PHONES {
            return Err(Error::invalid(
                "phones",
                format!("At most {} phone numbers.", limits::PHONES),
            ));
        }
    }
    Ok(out)
}

pub(crate) fn url(field: &'static str, label: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    limits::check_length(field, label, v, limits::URL)?;
    // People paste "linkedin.com/in/jenny" without a scheme; that is what they meant.
    let with_scheme = if v.contains("://") {
        v.to_string()
    } else {
        format!("https://{v}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| h.contains('.')) =>
        {
            Ok(u.to_string())
        }
        _ => Err(Error::invalid(
            field,
            format!("{label}: \u{201c}{v}\u{201d} is not a web address."),
        )),
    }
}

fn address(a: Address) -> Result<Address> {
    Ok(Address {
        // The street is the form's "address" field; the other parts have their own.
        street: multi_line("address", "Street", &a.street, limits::STREET)?,
        city: single_line("city", "City", &a.city, limits::SHORT_TEXT)?,
        region: single_line("region", "Region", &a.region, limits::SHORT_TEXT)?,
        postal_code: single_line(
            "postal_code",
            "Postal code",
            &a.postal_code,
            limits::POSTAL_CODE,
        )?,
        country: single_line("country", "Country", &a.country, limits::SHORT_TEXT)?,
    })
}

/// Tags for the form field `field` ("tags" on a prospect, "reason_tags" on a reason).
pub(crate) fn tags(field: &'static str, list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in list {
        let t = single_line(field, "A tag", raw, limits::TAG)?;
        let t = t.trim_start_matches('#').trim().to_string();
        if t.is_empty() {
            continue;
        }
        if t.contains(',') {
            return Err(Error::invalid(field, "Tags can't contain commas."));
        }
        // Tags compare case-insensitively: "Dental" and "dental" are one tag.
        if !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
        if out.len() > limits::TAGS {
            return Err(Error::invalid(
                field,
                format!("At most {} tags.", limits::TAGS),
            ));
        }
    }
    Ok(out)
}

fn time_zone(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    if v.chars().nth(limits::TIME_ZONE).is_some() {
        return Err(Error::invalid(
            "time_zone",
            "That is not a known time zone (expected a name like America/Chicago).",
        ));
    }
    chrono_tz::Tz::from_str(v).map(|tz| tz.name().to_string()).map_err(|_| {
        Error::invalid(
            "time_zone",
            format!("\u{201c}{v}\u{201d} is not a known time zone (expected a name like America/Chicago)."),
        )
    })
}

fn weekdays(days: &[Weekday]) -> Vec<Weekday> {
    Weekday::ALL
        .iter()
        .copied()
        .filter(|d| days.contains(d))
        .collect()
}

fn time_of_day(value: &str) -> Result<Option<NaiveTime>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(v, "%H:%M")
        .map(Some)
        .map_err(|_| Error::invalid("preferred_time", "Preferred time must look like 09:30."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn named(name: &str) -> ProspectInput {
        ProspectInput {
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_call_that_reached_nobody_has_no_answer() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap();
        let input = |channel, outcome| TouchInput::new(1, channel, outcome);
        assert!(touch(input(Channel::CallNoMessage, Outcome::NoResponse), now).is_ok());
        assert!(touch(input(Channel::Call, Outcome::Conversation), now).is_ok());
        for outcome in Outcome::ALL
            .iter()
            .copied()
            .filter(|&o| o != Outcome::NoResponse)
        {
            let err = touch(input(Channel::CallNoMessage, outcome), now).unwrap_err();
            assert_eq!(err.field(), Some("outcome"), "{outcome:?}");
        }
    }

    #[test]
    fn empty_name_is_refused() {
        let err = prospect(named("   ")).unwrap_err();
        assert_eq!(err.field(), Some("name"));
    }

    #[test]
    fn names_are_trimmed_and_newlines_folded() {
        let v = prospect(named("  Jenny\n  Lee ")).unwrap();
        assert_eq!(v.input.name, "Jenny Lee");
    }

    #[test]
    fn malformed_email_is_refused_and_named() {
        let mut p = named("Jenny");
        p.emails = vec!["jenny@acme.com".into(), "not-an-email".into()];
        let err = prospect(p).unwrap_err();
        assert_eq!(err.field(), Some("emails"));
        assert!(err.to_string().contains("not-an-email"));
    }

    #[test]
    fn emails_are_deduplicated_case_insensitively() {
        let mut p = named("Jenny");
        p.emails = vec!["J@acme.com".into(), "j@ACME.com".into(), "".into()];
        assert_eq!(prospect(p).unwrap().input.emails, vec!["J@acme.com"]);
    }

    #[test]
    fn phones_accept_common_formats_and_refuse_words() {
        let mut p = named("Jenny");
        p.phones = vec!["+1 (555) 010-2030".into(), "555.0100 ext. 12".into()];
        assert_eq!(prospect(p.clone()).unwrap().input.phones.len(), 2);
        p.phones = vec!["call me".into()];
        assert_eq!(prospect(p).unwrap_err().field(), Some("phones"));
    }

    #[test]
    fn phones_take_a_slash_and_a_tel_uris_extension() {
        let mut p = named("Jenny");
        p.phones = vec![
            "030/1234567".into(),
            "tel:+1-555-555-5555;ext=5555".into(),
            "TEL:+1-555-555-0100;phone-context=example.com".into(),
        ];
        assert_eq!(
            prospect(p).unwrap().input.phones,
            [
                "030/1234567",
                "+1-555-555-5555 ext. 5555",
                "+1-555-555-0100"
            ]
        );
        assert_eq!(phone_from_uri("+1 555 0100 x12"), "+1 555 0100 x12");
    }

    #[test]
    fn unknown_zone_is_refused() {
        let mut p = named("Jenny");
        p.time_zone = "Mars/Olympus".into();
        assert_eq!(prospect(p.clone()).unwrap_err().field(), Some("time_zone"));
        p.time_zone = "America/Chicago".into();
        assert_eq!(prospect(p).unwrap().input.time_zone, "America/Chicago");
    }

    #[test]
    fn urls_get_a_scheme_and_junk_is_refused() {
        let mut p = named("Jenny");
        p.linkedin = "linkedin.com/in/jenny".into();
        assert_eq!(
            prospect(p.clone()).unwrap().input.linkedin,
            "https://linkedin.com/in/jenny"
        );
        p.linkedin = "javascript:alert(1)".into();
        assert_eq!(prospect(p).unwrap_err().field(), Some("linkedin"));
    }

    #[test]
    fn a_tag_added_later_is_checked_as_if_it_had_been_there() {
        let mut p = named("Jenny");
        p.tags = vec!["Dental".into()];
        for tag in ["Expo 2026", "#dental", "a,b"] {
            let mut whole = p.clone();
            whole.tags.push(tag.into());
            let later = with_tag(prospect(p.clone()).unwrap(), tag).map(|v| v.input.tags);
            let at_once = prospect(whole).map(|v| v.input.tags);
            assert_eq!(format!("{later:?}"), format!("{at_once:?}"), "{tag}");
        }
        p.tags = (0..limits::TAGS).map(|i| format!("t{i}")).collect();
        let full = prospect(p).unwrap();
        assert_eq!(
            with_tag(full, "one more").unwrap_err().field(),
            Some("tags")
        );
    }

    #[test]
    fn stopping_statuses_need_a_reason() {
        let mut p = named("Jenny");
        p.status = Status::HandedOff;
        assert_eq!(
            prospect(p.clone()).unwrap_err().field(),
            Some("status_reason")
        );
        p.status_reason = "Territory moved to Sam".into();
        assert!(prospect(p).is_ok());
    }

    #[test]
    fn tags_are_cleaned_and_deduplicated() {
        let mut p = named("Jenny");
        p.tags = vec![
            "#Dental".into(),
            "dental".into(),
            " ".into(),
            "Chicago".into(),
        ];
        assert_eq!(prospect(p).unwrap().input.tags, vec!["Dental", "Chicago"]);
    }

    #[test]
    fn preferred_time_must_be_a_clock_time() {
        let mut p = named("Jenny");
        p.preferred_time = "9:30".into();
        assert_eq!(prospect(p.clone()).unwrap().input.preferred_time, "09:30");
        p.preferred_time = "after lunch".into();
        assert_eq!(prospect(p).unwrap_err().field(), Some("preferred_time"));
    }

    #[test]
    fn touches_in_the_far_future_are_refused() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let t = TouchInput {
            at: Some(now + Duration::days(30)),
            ..TouchInput::new(
                1,
                crate::model::Channel::Email,
                crate::model::Outcome::NoResponse,
            )
        };
        assert_eq!(touch(t.clone(), now).unwrap_err().field(), Some("at"));
        let (_, at) = touch(TouchInput { at: None, ..t }, now).unwrap();
        assert_eq!(at, now);
    }
}
