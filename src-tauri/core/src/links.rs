//! The links that hand a drafted touch to the user's own apps: `mailto:` with subject and
//! body for the mail client, `tel:` for calls, `sms:` for texts. Nothing is ever sent
//! from here; the user's app opens with the draft and the user sends it.

use crate::error::{Error, Result};
use crate::limits;
use crate::model::Channel;
use crate::validate::without_display_name;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Everything but unreserved characters is escaped (RFC 6068 asks for `%20`, not `+`,
/// and mail clients disagree about anything looser).
const COMPONENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The address itself keeps its `@` (some mail clients do not decode `%40` there).
const ADDRESS: &AsciiSet = &COMPONENT.remove(b'@');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Line breaks as CRLF, which RFC 6068 asks for in a mailto body.
fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// A phone number as a `tel:` URI keeps only what dials: digits, a leading `+`, and
/// `*`/`#`. "ext." and the like are dropped (the user can dial it by hand).
fn dial(phone: &str) -> String {
    let main = phone
        .split(|c: char| c.is_alphabetic())
        .next()
        .unwrap_or("");
    // A `+` before the first digit is the international prefix, however it is written
    // ("(+44) 20 …", " +1 …"); anywhere else it is noise.
    let mut out = String::new();
    for c in main.chars() {
        let leading_plus = c == '+' && out.is_empty();
        if c.is_ascii_digit() || c == '*' || c == '#' || leading_plus {
            out.push(c);
        }
    }
    out
}

/// The first phone number on file, ready for a URI: only what dials, and `#` written
/// %23, since it would otherwise start a fragment (RFC 3966).
fn first_number(phones: &[String], verb: &str) -> Result<String> {
    phones
        .first()
        .map(|p| dial(p).replace('#', "%23"))
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                "phones",
                format!("No phone number on file: add one to {verb} from here."),
            )
        })
}

/// The link `build` makes with a draft in it, if the draft fits in a link whole (see
/// `limits::LINK` for why the limit is what it is). The draft is measured before it is
/// encoded, so a long paste is never encoded at all (no draft longer than the limit
/// survives encoding); then the link itself, since accents and symbols take several
/// characters each once encoded.
fn with_draft(app: &str, draft: &[&str], build: impl FnOnce() -> String) -> Result<String> {
    let chars: usize = draft
        .iter()
        .map(|t| t.chars().take(limits::LINK + 1).count())
        .sum();
    if chars > limits::LINK {
        return Err(too_long_for_link(app, None));
    }
    let link = build();
    if link.len() > limits::LINK {
        return Err(too_long_for_link(app, Some(link.len())));
    }
    Ok(link)
}

fn too_long_for_link(app: &str, needs: Option<usize>) -> Error {
    let needs = needs.map_or(String::new(), |n| {
        format!(", and this one needs {}", limits::thousands(n))
    });
    Error::invalid(
        "body",
        format!(
            "This draft is too long to open in your {app}: a link holds about {} characters{needs}. \
             Copy the text and paste it into a new message instead, or shorten it.",
            limits::thousands(limits::LINK)
        ),
    )
}

/// The link that opens the right app for this channel with the draft in it, or a clear
/// message when the prospect has no address for it or the draft is too long for a link.
pub fn for_channel(
    channel: Channel,
    emails: &[String],
    phones: &[String],
    subject: &str,
    body: &str,
) -> Result<String> {
    match channel {
        Channel::Email => {
            let to = emails.first().ok_or_else(|| {
                Error::invalid(
                    "emails",
                    "No email address on file: add one, or copy the text instead.",
                )
            })?;
            // An address saved with its display name by an older version still opens
            // to the address alone.
            let to = without_display_name(to);
            with_draft("mail app", &[subject, body], || {
                format!(
                    "mailto:{}?subject={}&body={}",
                    utf8_percent_encode(to, ADDRESS),
                    enc(subject),
                    enc(&crlf(body))
                )
            })
        }
        Channel::Call | Channel::Voicemail | Channel::CallNoMessage => {
            Ok(format!("tel:{}", first_number(phones, "call")?))
        }
        Channel::Text => {
            let number = first_number(phones, "text")?;
            with_draft("messaging app", &[body], || {
                format!("sms:{number}?body={}", enc(body))
            })
        }
        _ => Err(Error::invalid(
            "channel",
            "This kind of touch has no app to open: copy the text instead.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_carries_subject_and_body_escaped() {
        let link = for_channel(
            Channel::Email,
            &["dana+work@harbor.example.com".into()],
            &[],
            "Fees & you?",
            "Hi Dana,\n\n50% off <today>",
        )
        .unwrap();
        assert_eq!(
            link,
            "mailto:dana%2Bwork@harbor.example.com?subject=Fees%20%26%20you%3F&body=Hi%20Dana%2C%0D%0A%0D%0A50%25%20off%20%3Ctoday%3E"
        );
    }

    #[test]
    fn phone_links_keep_only_what_dials() {
        let phones = vec!["+1 (312) 555-0100 ext. 12".to_string()];
        assert_eq!(
            for_channel(Channel::Call, &[], &phones, "", "").unwrap(),
            "tel:+13125550100"
        );
        assert_eq!(
            for_channel(Channel::Text, &[], &phones, "", "See you at 3").unwrap(),
            "sms:+13125550100?body=See%20you%20at%203"
        );
        let slashed = vec!["030/1234567".to_string()];
        assert_eq!(
            for_channel(Channel::Call, &[], &slashed, "", "").unwrap(),
            "tel:0301234567"
        );
    }

    #[test]
    fn the_international_prefix_survives_brackets_and_spaces() {
        for written in [
            "(+44) 20 7946 0958",
            " +44 20 7946 0958",
            "+44-20-7946-0958",
        ] {
            let link = for_channel(Channel::Call, &[], &[written.to_string()], "", "").unwrap();
            assert!(link.starts_with("tel:+44"), "{written} → {link}");
            assert_eq!(link.matches('+').count(), 1, "{written} → {link}");
        }
    }

    #[test]
    fn a_hash_in_a_number_is_escaped() {
        let phones = vec!["*67 312 555 0100#".to_string()];
        assert_eq!(
            for_channel(Channel::Call, &[], &phones, "", "").unwrap(),
            "tel:*673125550100%23"
        );
    }

    #[test]
    fn an_address_saved_with_its_name_opens_to_the_address_alone() {
        let emails = vec!["Jenny Lee <jenny@acme.com>".to_string()];
        assert_eq!(
            for_channel(Channel::Email, &emails, &[], "", "").unwrap(),
            "mailto:jenny@acme.com?subject=&body="
        );
    }

    #[test]
    fn no_address_is_a_clear_message() {
        let err = for_channel(Channel::Email, &[], &[], "", "").unwrap_err();
        assert_eq!(err.field(), Some("emails"));
        assert!(for_channel(Channel::Note, &[], &[], "", "").is_err());
    }
}
