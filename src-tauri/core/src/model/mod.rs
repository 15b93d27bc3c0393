//! The prospect database's vocabulary: what a prospect and a touch are, as the seeds
//! describe them. Plain data at the bottom of the core: this module imports nothing from
//! the rules (`cadence`, `validate`, `merge`, `cards`, `print`) or from `store`; they
//! import it. Rules live in those modules; read-models that combine several things (the
//! prospect detail, the vocabulary sent to the UI) are assembled above.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A closed set of values stored as short text in SQLite and sent as the same text over
/// IPC. One macro so every enum gets the same `as_str`/`parse`/`ALL`/`label`.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Its place in `ALL` (listed in declaration order), for tallies kept in arrays.
            pub fn index(self) -> usize {
                self as usize
            }

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Human label, shown in the UI.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// Every value with its label, for the UI's menus.
            pub fn choices() -> Vec<$crate::model::Choice> {
                Self::ALL.iter().map(|v| $crate::model::Choice { value: v.as_str(), label: v.label() }).collect()
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    // Reported to the user as unreadable stored data (see `error::BadValue`).
                    rusqlite::types::FromSqlError::Other(Box::new($crate::error::BadValue {
                        what: stringify!($name),
                        detail: format!("unknown value {text:?}"),
                    }))
                })
            }
        }
    };
}

// After the macro, so they can use it.
mod backup;
mod calendar;
mod export;
mod import;
mod notes;
mod schedule;
mod trash;

pub use backup::*;
pub use calendar::*;
pub use export::*;
pub use import::*;
pub use notes::*;
pub use schedule::*;
pub use trash::*;

/// A value and its label, as the UI's menus show them.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

text_enum!(
    /// Where the prospect came from. Inbound web leads are urgent (seed 003).
    Source {
        InboundWeb = "inbound_web": "Inbound web lead",
        Referral = "referral": "Referral",
        Networking = "networking": "Networking event",
        Cold = "cold": "Cold outreach",
        Other = "other": "Other",
    }
);

text_enum!(
    /// How far along the sale is.
    Stage {
        New = "new": "New",
        Contacted = "contacted": "Contacted",
        Conversation = "conversation": "In conversation",
        Meeting = "meeting": "Meeting set",
        Proposal = "proposal": "Proposal",
        Won = "won": "Won",
    }
);

text_enum!(
    /// Whether and how we keep following up. Seed 004: only stop for "never", a hand-off,
    /// or a prospect that cannot be helped; those three carry a reason.
    Status {
        Active = "active": "Active pursuit",
        Nurture = "nurture": "Nurture",
        Client = "client": "Client",
        DoNotContact = "do_not_contact": "Do not contact",
        HandedOff = "handed_off": "Handed off",
        Disqualified = "disqualified": "Disqualified",
    }
);

impl Status {
    /// Whether follow-up has stopped: nothing is due, nothing is drafted or mailed, and
    /// a reason is on file so the next person knows why.
    pub fn stops_follow_up(self) -> bool {
        matches!(
            self,
            Status::DoNotContact | Status::HandedOff | Status::Disqualified
        )
    }
}

text_enum!(
    /// The way a touch reached (or tried to reach) the prospect. The order is stored:
    /// a touch's `kind` (migration 0013) holds the place in `ALL`, so a new channel goes
    /// at the end, with a migration that defines `kind` again (store/kind.rs).
    Channel {
        Call = "call": "Call",
        Voicemail = "voicemail": "Voicemail",
        CallNoMessage = "call_no_message": "Call, no message left",
        Email = "email": "Email",
        Text = "text": "Text message",
        Note = "handwritten_note": "Handwritten note",
        LinkedIn = "linkedin": "LinkedIn",
        Social = "social": "Social",
        InPerson = "in_person": "In person",
        Gift = "gift": "Gift or mail",
    }
);

impl Channel {
    /// A touchpoint is something the prospect *received* (seed 004): a call where no
    /// message was left reached nobody, so it is logged as an attempt but not counted.
    pub fn counts(self) -> bool {
        !matches!(self, Channel::CallNoMessage)
    }

    /// Whether a touch on this channel is a touchpoint: received by the prospect. A
    /// message they sent us is not: it neither moves their plan on nor counts toward 5
    /// and 12 (what the `counts` column of `touches` holds).
    pub fn is_touchpoint(self, inbound: bool) -> bool {
        self.counts() && !inbound
    }
}

text_enum!(
    /// What came of a touch. The order is stored, as `Channel`'s is.
    Outcome {
        NoResponse = "no_response": "No response",
        Replied = "replied": "Replied",
        Conversation = "conversation": "Conversation",
        MeetingSet = "meeting_set": "Meeting set",
        Yes = "yes": "Yes",
        No = "no": "No (not now)",
        Maybe = "maybe": "Maybe",
        Never = "never": "Never",
    }
);

text_enum!(
    Weekday {
        Mon = "mon": "Monday",
        Tue = "tue": "Tuesday",
        Wed = "wed": "Wednesday",
        Thu = "thu": "Thursday",
        Fri = "fri": "Friday",
        Sat = "sat": "Saturday",
        Sun = "sun": "Sunday",
    }
);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// Street lines, newline-separated.
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl Address {
    /// The address as it goes on an envelope, one line each, blank parts left out.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .street
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let region_postal = [self.region.trim(), self.postal_code.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let town = [self.city.trim(), region_postal.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if !town.is_empty() {
            out.push(town);
        }
        if !self.country.trim().is_empty() {
            out.push(self.country.trim().to_string());
        }
        out
    }

    /// Whether a letter could reach it: a street (or PO box) line, and the town or the
    /// postcode it goes to. A city alone is where someone is, not an address.
    pub fn can_be_mailed(&self) -> bool {
        let has = |s: &str| !s.trim().is_empty();
        has(&self.street) && (has(&self.city) || has(&self.postal_code))
    }

    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.city,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// What the user types into the prospect form, before validation. Every field has a
/// default so a partial payload from the UI is still well-formed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ProspectInput {
    pub name: String,
    pub company: String,
    pub title: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub linkedin: String,
    pub website: String,
    pub address: Address,
    pub source: Source,
    pub stage: Stage,
    pub status: Status,
    pub status_reason: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// IANA zone name, e.g. "America/Chicago"; empty means "same as mine".
    pub time_zone: String,
    pub preferred_channel: Option<Channel>,
    pub preferred_days: Vec<Weekday>,
    /// "HH:MM", local to the prospect's zone; empty for no preference.
    pub preferred_time: String,
    /// Stopping follow-up before five touches needs the user's say-so (seed 002).
    pub confirm_stop: bool,
    /// The prospect's `version` when the form was opened: a save over a newer version
    /// is refused (`Error::Conflict`). `None` (a new prospect, an import) checks nothing.
    pub version: Option<i64>,
}

impl Default for ProspectInput {
    fn default() -> Self {
        ProspectInput {
            name: String::new(),
            company: String::new(),
            title: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            linkedin: String::new(),
            website: String::new(),
            address: Address::default(),
            source: Source::Other,
            stage: Stage::New,
            status: Status::Active,
            status_reason: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            time_zone: String::new(),
            preferred_channel: None,
            preferred_days: Vec::new(),
            preferred_time: String::new(),
            confirm_stop: false,
            version: None,
        }
    }
}

/// A stored prospect, with the figures derived from its touches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prospect {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub title: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub linkedin: String,
    pub website: String,
    pub address: Address,
    /// The address as envelope lines (`Address::lines`), so the UI never re-derives them.
    pub address_lines: Vec<String>,
    /// `Address::can_be_mailed`, for the same reason.
    pub mailable: bool,
    pub source: Source,
    pub stage: Stage,
    pub status: Status,
    pub status_reason: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub time_zone: String,
    pub preferred_channel: Option<Channel>,
    pub preferred_days: Vec<Weekday>,
    pub preferred_time: Option<NaiveTime>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub stats: TouchStats,
    pub next_due_at: Option<DateTime<Utc>>,
    /// The chosen plan; `None` follows the default for the status.
    pub plan_id: Option<i64>,
    pub next_step: Option<NextStep>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub paused: bool,
    /// Bumped by every write to the prospect (see migration 0006); the edit form sends it
    /// back so a stale save is refused.
    pub version: i64,
}

impl Prospect {
    /// The prospect's fields as the form holds them, unchanged (no version: a caller that
    /// saves over it says which version it read).
    pub fn input(&self) -> ProspectInput {
        ProspectInput {
            name: self.name.clone(),
            company: self.company.clone(),
            title: self.title.clone(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
            linkedin: self.linkedin.clone(),
            website: self.website.clone(),
            address: self.address.clone(),
            source: self.source,
            stage: self.stage,
            status: self.status,
            status_reason: self.status_reason.clone(),
            tags: self.tags.clone(),
            notes: self.notes.clone(),
            time_zone: self.time_zone.clone(),
            preferred_channel: self.preferred_channel,
            preferred_days: self.preferred_days.clone(),
            preferred_time: self
                .preferred_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            confirm_stop: false,
            version: None,
        }
    }
}

/// Derived from the touch log, never typed in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TouchStats {
    /// Every logged attempt, counted or not.
    pub attempts: u32,
    /// Touches the prospect received (seed 004's touchpoints).
    pub touchpoints: u32,
    pub last_touch_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TouchInput {
    pub prospect_id: i64,
    /// When it happened; defaults to now.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    pub channel: Channel,
    pub outcome: Outcome,
    /// What happened, in the user's words: what was said, what comes next.
    #[serde(default)]
    pub note: String,
    /// What was sent, when the touch was written in the app (an email's words, a call's
    /// script, a note's text): kept apart from the note, which templates quote.
    #[serde(default)]
    pub message: String,
    /// They reached out to us (a returned call, an email): we owe a reply.
    #[serde(default)]
    pub inbound: bool,
    /// The reason from the library this touch gave (see `store::reasons`).
    #[serde(default)]
    pub reason_id: Option<i64>,
    /// An outcome that stops follow-up before five touchpoints needs the user's say-so,
    /// as a status change does (seed 002).
    #[serde(default)]
    pub confirm_stop: bool,
}

impl TouchInput {
    /// A touch on `channel` with `outcome`, logged now, with nothing else said: the
    /// start of a struct update for anything more.
    pub fn new(prospect_id: i64, channel: Channel, outcome: Outcome) -> TouchInput {
        TouchInput {
            prospect_id,
            at: None,
            channel,
            outcome,
            note: String::new(),
            message: String::new(),
            inbound: false,
            reason_id: None,
            confirm_stop: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Touch {
    pub id: i64,
    pub prospect_id: i64,
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub outcome: Outcome,
    pub note: String,
    /// What was sent (see `TouchInput::message`).
    pub message: String,
    /// Whether this touch counts as a touchpoint (see `Channel::counts`).
    pub counts: bool,
    pub inbound: bool,
}

/// A due touch the user chose to skip, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skip {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// A reason from the library, given on a touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GivenReason {
    pub touch_id: i64,
    pub reason_id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanRef {
    pub id: i64,
    pub name: String,
    pub chosen: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Name,
    /// Most recently touched first; never-touched last.
    LastTouch,
    /// Soonest due first; nothing due last.
    NextDue,
}

/// One page of the prospect list: what the search box, filters and sort ask for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub text: String,
    pub status: Option<Status>,
    pub stage: Option<Stage>,
    pub tag: Option<String>,
    pub sort: Sort,
    pub offset: u32,
    pub limit: u32,
}

/// A row of the list: only what the list shows, so a page is cheap to read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProspectRow {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub title: String,
    pub stage: Stage,
    pub status: Status,
    pub touchpoints: u32,
    pub last_touch_at: Option<DateTime<Utc>>,
    pub next_due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProspectPage {
    /// How many prospects match the query in all.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<ProspectRow>,
}

/// Counts for the filter sidebar.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overview {
    pub total: u32,
    pub by_status: Vec<(Status, u32)>,
    pub tags: Vec<(String, u32)>,
    /// Sample prospects from the first run still in the book (a banner offers to remove them).
    pub samples: u32,
    /// A new book whose first-run screen was never done with: show it.
    pub welcome: bool,
}
