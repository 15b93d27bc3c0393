//! `add` and `log`: a prospect added and a touch logged through the same store calls as
//! the app's form and log buttons (`Store::create_prospect`, `Store::log_touch`), so
//! the same checks, outcome rules and cadence apply.

use super::failure::Failure;
use super::open;
use super::values::{self, closed_set, At, AT_FORMATS};
use clap::Args;
use followthrough_core::model::{Channel, Outcome, ProspectInput, Source, TouchInput};
use followthrough_core::{clock, Error};
use std::path::Path;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their full name
    pub name: String,
    #[arg(long)]
    pub company: Option<String>,
    /// Their job title
    #[arg(long)]
    pub title: Option<String>,
    /// An email address (repeat for more)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Vec<String>,
    /// A phone number (repeat for more)
    #[arg(long, value_name = "NUMBER")]
    pub phone: Vec<String>,
    /// A tag, such as a territory (repeat for more)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Where they came from (an inbound web lead is due at once)
    #[arg(long, value_parser = values::source(), default_value = Source::Other.as_str())]
    pub source: Source,
    /// Print the new prospect's number and name
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Who: a prospect's number, an email address of theirs, or a name only they have
    pub prospect: String,
    /// How the touch went out
    #[arg(value_parser = closed_set(Channel::ALL, Channel::as_str, Channel::label))]
    pub channel: Channel,
    /// What came of it
    #[arg(value_parser = closed_set(Outcome::ALL, Outcome::as_str, Outcome::label))]
    pub outcome: Outcome,
    /// A note on the touch
    #[arg(long)]
    pub note: Option<String>,
    /// When it happened [default: now]
    #[arg(long, value_name = "WHEN", value_parser = values::at, long_help = format!("When it happened [default: now]: {AT_FORMATS}"))]
    pub at: Option<At>,
    /// They reached out to you (a returned call, an email): a reply is owed
    #[arg(long)]
    pub inbound: bool,
    /// Go ahead when the outcome stops follow-up before five touches (the app asks first)
    #[arg(long)]
    pub yes: bool,
    /// Print what was logged and what is due next
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn add(dir: &Path, args: &AddArgs) -> Result<(), Failure> {
    let input = ProspectInput {
        name: args.name.clone(),
        company: args.company.clone().unwrap_or_default(),
        title: args.title.clone().unwrap_or_default(),
        emails: args.email.clone(),
        phones: args.phone.clone(),
        tags: args.tag.clone(),
        source: args.source,
        ..ProspectInput::default()
    };
    let (mut store, _lock) = open(dir)?;
    let added = store.create_prospect(input, clock::now())?;
    if args.verbose {
        println!("Added #{} {}", added.id, added.name);
    }
    Ok(())
}

pub fn log(dir: &Path, args: &LogArgs) -> Result<(), Failure> {
    let (mut store, _lock) = open(dir)?;
    let who = store.find_prospect(&args.prospect)?;
    let now = clock::now();
    // A wall-clock time is the user's, in the zone the app (and -v below) shows times in.
    let zone = store.settings()?.week.zone;
    let at = match args.at {
        Some(at) => Some(at.in_zone(zone).map_err(Failure::Refused)?),
        None => None,
    };
    let input = TouchInput {
        prospect_id: who.id,
        at,
        channel: args.channel,
        outcome: args.outcome,
        message: String::new(),
        note: args.note.clone().unwrap_or_default(),
        inbound: args.inbound,
        reason_id: None,
        confirm_stop: args.yes,
    };
    let touch = store.log_touch(input, now).map_err(|e| match e {
        Error::Confirm { message } => Failure::Refused(format!(
            "{message} Nothing was logged; add --yes to go ahead."
        )),
        e => Failure::from(e),
    })?;
    if args.verbose {
        println!(
            "Logged {} ({}) for #{} {}, {}",
            touch.channel.label().to_lowercase(),
            touch.outcome.label().to_lowercase(),
            who.id,
            who.name,
            touch.at.with_timezone(&zone).format("%a %-d %b %Y %H:%M")
        );
        match store.prospect(who.id)?.next_due_at {
            Some(next) => println!(
                "Next due {}",
                next.with_timezone(&zone).format("%a %-d %b %Y %H:%M")
            ),
            None => println!("Nothing more is due for them"),
        }
    }
    Ok(())
}
