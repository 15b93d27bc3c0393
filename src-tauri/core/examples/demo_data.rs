//! Fills a data folder with a dozen realistic prospects and their touches, through the
//! same public API the app uses; handy for trying the app and for screenshots.
//! `cargo run -p followthrough-core --example demo_data -- DIR`

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::Duration;
use followthrough_core::model::*;
use followthrough_core::store::{reasons::Reason, templates::Profile, Seed};
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::PathBuf;

/// Days ago, channel, outcome, note.
type DemoTouch = (i64, Channel, Outcome, &'static str);
/// Name, company, title, status, stage, tags, touches.
type Person = (
    &'static str,
    &'static str,
    &'static str,
    Status,
    Stage,
    &'static [&'static str],
    &'static [DemoTouch],
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: demo_data DIR")?);
    // Seeded like the app's own first run: this machine's zone, now.
    let seed = Seed {
        zone: clock::local_zone(),
        now: clock::now(),
    };
    let mut store = Store::open_seeded(&dir.join(DB_FILE), seed)?;
    let now = clock::now();
    let people: &[Person] = &[
        (
            "Jenny Lee",
            "Northwind Dental",
            "Office manager",
            Status::Active,
            Stage::Conversation,
            &["dental", "chicago"],
            &[
                (
                    2,
                    Channel::Voicemail,
                    Outcome::NoResponse,
                    "Left a message about the new hygiene scheduling module.",
                ),
                (
                    9,
                    Channel::Email,
                    Outcome::Replied,
                    "Sent the case study from Lakeside Dental; she asked for pricing.",
                ),
                (
                    16,
                    Channel::Call,
                    Outcome::Conversation,
                    "Talked for 10 minutes. Busy season ends in March.",
                ),
                (
                    23,
                    Channel::Note,
                    Outcome::NoResponse,
                    "Thank-you card after the open house.",
                ),
            ],
        ),
        (
            "Marcus Okafor",
            "Acme Logistics",
            "VP Operations",
            Status::Active,
            Stage::Meeting,
            &["logistics", "warm"],
            &[
                (
                    1,
                    Channel::InPerson,
                    Outcome::MeetingSet,
                    "Demo booked for Thursday 10:00.",
                ),
                (
                    8,
                    Channel::LinkedIn,
                    Outcome::Replied,
                    "Connected; he liked the fleet article.",
                ),
            ],
        ),
        (
            "Priya Patel",
            "Bluebird Bakery",
            "Owner",
            Status::Nurture,
            Stage::Contacted,
            &["food"],
            &[(
                40,
                Channel::Call,
                Outcome::No,
                "Not this year; revisit after the second location opens.",
            )],
        ),
        (
            "Tom Nguyen",
            "Summit Roofing",
            "Estimator",
            Status::Active,
            Stage::New,
            &["referral"],
            &[(3, Channel::CallNoMessage, Outcome::NoResponse, "")],
        ),
        (
            "Hannah Schmidt",
            "Evergreen Insurance",
            "Agency principal",
            Status::Client,
            Stage::Won,
            &["insurance", "renewal"],
            &[
                (
                    12,
                    Channel::Gift,
                    Outcome::Replied,
                    "Sent the anniversary basket.",
                ),
                (
                    60,
                    Channel::InPerson,
                    Outcome::Yes,
                    "Signed the annual plan.",
                ),
            ],
        ),
        (
            "Diego Garcia",
            "Harbor Realty",
            "Broker",
            Status::Active,
            Stage::Contacted,
            &["realty", "warm"],
            &[
                (
                    5,
                    Channel::Text,
                    Outcome::Replied,
                    "He'll be back from Denver on the 2nd.",
                ),
                (12, Channel::Email, Outcome::NoResponse, ""),
            ],
        ),
        (
            "Olivia Brown",
            "Keystone Legal",
            "Managing partner",
            Status::Active,
            Stage::Proposal,
            &["legal"],
            &[(
                4,
                Channel::Email,
                Outcome::Maybe,
                "Proposal sent; partners meet on the 15th.",
            )],
        ),
        (
            "Kenji Tanaka",
            "Ironwood Fitness",
            "Founder",
            Status::DoNotContact,
            Stage::Contacted,
            &[],
            &[(
                30,
                Channel::Call,
                Outcome::Never,
                "Asked not to be contacted again.",
            )],
        ),
        (
            "Grace Murphy",
            "Maple Studios",
            "Producer",
            Status::Active,
            Stage::New,
            &["networking"],
            &[],
        ),
        (
            "Samuel Rossi",
            "Granite Motors",
            "General manager",
            Status::HandedOff,
            Stage::Conversation,
            &["auto"],
            &[(
                20,
                Channel::Call,
                Outcome::Conversation,
                "Territory moved to Sam K.",
            )],
        ),
    ];
    for (name, company, title, status, stage, tags, touches) in people {
        let p = store.create_prospect(
            ProspectInput {
                name: (*name).into(),
                company: (*company).into(),
                title: (*title).into(),
                emails: vec![format!(
                    "{}@{}.example.com",
                    name.split(' ').next().unwrap_or("hello").to_lowercase(),
                    company.split(' ').next().unwrap_or("mail").to_lowercase()
                )],
                phones: vec!["+1 312 555 0142".into()],
                status: *status,
                status_reason: if status.stops_follow_up() {
                    "See the last call.".into()
                } else {
                    String::new()
                },
                stage: *stage,
                tags: tags.iter().map(|t| (*t).to_string()).collect(),
                time_zone: "America/Chicago".into(),
                preferred_channel: Some(Channel::Call),
                preferred_days: vec![Weekday::Tue, Weekday::Thu],
                preferred_time: "09:30".into(),
                address: Address {
                    street: "220 W Kinzie St".into(),
                    city: "Chicago".into(),
                    region: "IL".into(),
                    postal_code: "60654".into(),
                    country: "USA".into(),
                },
                notes: "Met at the Chamber of Commerce breakfast.".into(),
                ..Default::default()
            },
            now - Duration::days(90),
        )?;
        for (days, channel, outcome, note) in touches.iter() {
            store.log_touch(
                TouchInput {
                    at: Some(now - Duration::days(*days) - Duration::hours(3)),
                    note: (*note).into(),
                    confirm_stop: true,
                    ..TouchInput::new(p.id, *channel, *outcome)
                },
                now,
            )?;
        }
    }
    // A new client, owed a thank-you note: the Client care plan's first touch.
    store.create_prospect(
        ProspectInput {
            name: "Dana Whitfield".into(),
            company: "Harbor Dental".into(),
            title: "Practice owner".into(),
            emails: vec!["dana@harbor.example.com".into()],
            status: Status::Client,
            stage: Stage::Won,
            tags: vec!["dental".into()],
            address: Address {
                street: "18 Harbor Way".into(),
                city: "Portland".into(),
                region: "OR".into(),
                postal_code: "97201".into(),
                country: String::new(),
            },
            ..Default::default()
        },
        now - Duration::days(10),
    )?;
    store.save_profile(Profile {
        my_name: "Sam Rivera".into(),
        my_company: "Brightline Supply".into(),
        signature: "Sam Rivera\nBrightline Supply \u{b7} 312 555 0100".into(),
        return_address: "2 Side St\nChicago, IL 60610".into(),
    })?;
    let today = now.date_naive();
    for (title, detail, tags) in [
        (
            "Delta Dental fee schedule changes 1 March",
            "Cleanings and X-rays move to the new schedule; practices should check their PPO mix.",
            vec!["dental"],
        ),
        (
            "New hygiene scheduling module",
            "Fills cancelled hygiene slots from the waiting list automatically.",
            vec!["dental"],
        ),
        (
            "Commercial auto rates up 9% this quarter",
            "Renewals from January will show it; worth reviewing fleet coverage now.",
            vec!["insurance"],
        ),
        (
            "Small-business survey: 61% plan to hire in spring",
            "Regional chamber survey, useful for any owner planning the year.",
            vec![],
        ),
    ] {
        store.save_reason(
            Reason {
                id: 0,
                title: title.into(),
                detail: detail.into(),
                link: String::new(),
                dated: Some(today),
                expires_on: Some(today + Duration::days(60)),
                tags: tags.into_iter().map(String::from).collect(),
            },
            now,
        )?;
    }
    println!("demo data written to {}", dir.display());
    Ok(())
}
