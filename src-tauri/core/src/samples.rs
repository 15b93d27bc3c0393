//! The sample prospects a new user may start with: a handful of people at different
//! points of a follow-up, so the first Today has something in it and every part of the
//! app has an example to show. Data only: `store::welcome` writes them through the same
//! paths as the form and the touch log, so the cadence engine decides when each is due.
//!
//! Each carries the `sample` tag, and the store remembers their ids so they can be
//! removed together in one click.

use crate::model::{Address, Channel, Outcome, ProspectInput, Source, Stage, Status};

/// The tag every sample carries: it shows on the row and filters them in the sidebar.
pub const TAG: &str = "sample";

/// A touch in a sample's history, `days_ago` days before the first run.
pub struct SampleTouch {
    pub days_ago: u32,
    pub channel: Channel,
    pub outcome: Outcome,
    pub note: &'static str,
}

/// One sample person: who they are, how long ago they came in, and what happened since.
pub struct Sample {
    pub prospect: ProspectInput,
    pub added_days_ago: u32,
    pub touches: Vec<SampleTouch>,
}

fn touch(days_ago: u32, channel: Channel, outcome: Outcome, note: &'static str) -> SampleTouch {
    SampleTouch {
        days_ago,
        channel,
        outcome,
        note,
    }
}

#[allow(clippy::too_many_arguments)]
fn person(
    name: &str,
    company: &str,
    title: &str,
    email: &str,
    phone: &str,
    source: Source,
    stage: Stage,
    status: Status,
    notes: &str,
) -> ProspectInput {
    ProspectInput {
        name: name.into(),
        company: company.into(),
        title: title.into(),
        emails: vec![email.into()],
        phones: vec![phone.into()],
        source,
        stage,
        status,
        notes: notes.into(),
        tags: vec![TAG.into()],
        ..ProspectInput::default()
    }
}

/// The samples, in the order they are added. Addresses and numbers are the fictional
/// ranges (555-01xx, example.com), so nothing here reaches a real person.
pub fn samples() -> Vec<Sample> {
    use Channel::*;
    use Outcome::*;
    vec![
        // Came in through the website this morning: due at once (seed 003).
        Sample {
            prospect: person(
                "Dana Whitfield",
                "Harbor Roofing",
                "Owner",
                "dana@harbor-roofing.example.com",
                "+1 312 555 0142",
                Source::InboundWeb,
                Stage::New,
                Status::Active,
                "Asked for a quote through the website form. A sample prospect: remove \
                 the samples from the banner at the top when you are ready.",
            ),
            added_days_ago: 0,
            touches: vec![],
        },
        // One email a week and a half ago, nothing back: the weekly follow-up is overdue.
        Sample {
            prospect: person(
                "Marcus Okafor",
                "Summit Logistics",
                "Operations Manager",
                "marcus.okafor@summit-logistics.example.com",
                "+1 312 555 0117",
                Source::Referral,
                Stage::Contacted,
                Status::Active,
                "Referred by a client. Runs a fleet of 40 vans.",
            ),
            added_days_ago: 12,
            touches: vec![touch(
                9,
                Email,
                NoResponse,
                "Introduced myself, mentioned who referred me.",
            )],
        },
        // Three attempts over three weeks, one conversation: keep going (seed 004).
        Sample {
            prospect: ProspectInput {
                address: Address {
                    street: "480 Lake Shore Dr, Suite 210".into(),
                    city: "Chicago".into(),
                    region: "IL".into(),
                    postal_code: "60611".into(),
                    country: "USA".into(),
                },
                ..person(
                    "Priya Natarajan",
                    "Evergreen Dental",
                    "Practice Manager",
                    "priya@evergreen-dental.example.com",
                    "+1 312 555 0163",
                    Source::Networking,
                    Stage::Conversation,
                    Status::Active,
                    "Met at the chamber breakfast. Busy mornings: call after lunch.",
                )
            },
            added_days_ago: 24,
            touches: vec![
                touch(
                    23,
                    Voicemail,
                    NoResponse,
                    "Left a short message after the breakfast.",
                ),
                touch(16, Email, NoResponse, "Sent the one-page overview."),
                touch(
                    9,
                    Call,
                    Conversation,
                    "Interested, but their renewal is in the spring. Asked me to keep in touch.",
                ),
            ],
        },
        // A client since the summer, thanked and checked on: time to ask for a referral.
        Sample {
            prospect: ProspectInput {
                address: Address {
                    street: "15 Harbor Way".into(),
                    city: "Milwaukee".into(),
                    region: "WI".into(),
                    postal_code: "53202".into(),
                    country: "USA".into(),
                },
                ..person(
                    "Tom Brennan",
                    "Lakeside Realty",
                    "Broker",
                    "tom@lakeside-realty.example.com",
                    "+1 414 555 0188",
                    Source::Referral,
                    Stage::Won,
                    Status::Client,
                    "Signed in the summer. Likes a handwritten note more than an email.",
                )
            },
            added_days_ago: 130,
            touches: vec![
                touch(128, Call, MeetingSet, "Booked a first meeting."),
                touch(95, InPerson, Yes, "Signed for a year."),
                touch(88, Note, NoResponse, "Thank-you note for signing."),
                touch(
                    62,
                    Call,
                    Conversation,
                    "All going well. His partner is opening an office in Madison.",
                ),
            ],
        },
        // Added yesterday from a list, not contacted yet: a first contact.
        Sample {
            prospect: person(
                "Aisha Haddad",
                "Pioneer Insurance",
                "Office Director",
                "aisha.haddad@pioneer-insurance.example.com",
                "+1 312 555 0129",
                Source::Cold,
                Stage::New,
                Status::Active,
                "",
            ),
            added_days_ago: 1,
            touches: vec![],
        },
        // Said "not now" almost a month ago: nurture, monthly, never dropped (seed 004).
        Sample {
            prospect: person(
                "Kenji Tanaka",
                "Keystone Bakery",
                "Co-owner",
                "kenji@keystone-bakery.example.com",
                "+1 312 555 0175",
                Source::Cold,
                Stage::Contacted,
                Status::Active,
                "Opening a second shop next year.",
            ),
            added_days_ago: 46,
            touches: vec![
                touch(44, Call, NoResponse, ""),
                touch(
                    37,
                    Email,
                    NoResponse,
                    "Sent a case study from another bakery.",
                ),
                touch(
                    26,
                    Call,
                    No,
                    "Not now: too busy with the holiday season. Try again in the new year.",
                ),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    #[test]
    fn every_sample_passes_the_forms_checks_and_is_tagged() {
        for s in samples() {
            let valid = validate::prospect(s.prospect).expect("a sample is a valid prospect");
            assert_eq!(valid.input.tags, vec![TAG.to_string()]);
            // Histories run forward in time and start after the sample was added.
            let days: Vec<u32> = s.touches.iter().map(|t| t.days_ago).collect();
            assert!(days.windows(2).all(|w| w[0] > w[1]), "{days:?}");
            assert!(days.iter().all(|&d| d <= s.added_days_ago && d > 0));
        }
    }
}
