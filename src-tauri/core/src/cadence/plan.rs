//! Cadence plans are data: a list of steps, each an interval after the previous touch, a
//! suggested channel and a purpose. A plan may cycle from one step onwards forever; the
//! built-in ones do, because the seeds say never stop unless told "never" (004).

use crate::error::{Error, Result};
use crate::limits::{self, check_length};
use crate::model::{Channel, Source, Status};
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Time after the previous touch (or, for the first step, after the plan starts).
    pub after_days: u32,
    /// Extra hours, for the urgent early steps of an inbound lead.
    #[serde(default)]
    pub after_hours: u32,
    /// Whole business days instead of calendar time ("next business day").
    #[serde(default)]
    pub business_days: bool,
    pub channel: Channel,
    /// What this touch is for, shown on the due item: the seeds insist on a reason.
    pub purpose: String,
}

impl Step {
    pub fn interval(&self) -> Duration {
        Duration::days(self.after_days.into()) + Duration::hours(self.after_hours.into())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub builtin: bool,
    pub description: String,
    pub steps: Vec<Step>,
    /// After the last step, continue from this step again, forever. `None` ends the plan.
    pub repeat_from: Option<usize>,
}

impl Plan {
    /// The step for the `n`th touch of the plan (0-based), if the plan goes that far.
    pub fn step(&self, n: usize) -> Option<(usize, &Step)> {
        if n < self.steps.len() {
            return Some((n, &self.steps[n]));
        }
        let from = self.repeat_from?;
        let cycle = self.steps.len().checked_sub(from).filter(|&c| c > 0)?;
        let i = from + (n - self.steps.len()) % cycle;
        Some((i, &self.steps[i]))
    }

    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name", "A plan needs a name."));
        }
        check_length("name", "The plan's name", &self.name, limits::NAME)?;
        check_length(
            "description",
            "The description",
            &self.description,
            limits::DETAIL,
        )?;
        if self.steps.is_empty() {
            return Err(Error::invalid("steps", "A plan needs at least one step."));
        }
        if self.steps.len() > limits::PLAN_STEPS {
            return Err(Error::invalid(
                "steps",
                format!("A plan can have at most {} steps.", limits::PLAN_STEPS),
            ));
        }
        for (i, s) in self.steps.iter().enumerate() {
            if s.after_days as usize > limits::STEP_DAYS
                || s.after_hours as usize > limits::STEP_HOURS
            {
                return Err(Error::invalid(
                    "steps",
                    format!("Step {} waits too long (at most a year).", i + 1),
                ));
            }
            if s.purpose.chars().nth(limits::SHORT_NOTE).is_some() {
                return Err(Error::invalid(
                    "steps",
                    format!(
                        "Step {}'s purpose is too long (at most {} characters).",
                        i + 1,
                        limits::SHORT_NOTE
                    ),
                ));
            }
        }
        if let Some(from) = self.repeat_from {
            if from >= self.steps.len() {
                return Err(Error::invalid(
                    "repeat_from",
                    "The plan repeats from a step it doesn't have.",
                ));
            }
        }
        Ok(())
    }
}

/// The plan a prospect follows when none was chosen: by status, and for an inbound web
/// lead in active pursuit, the urgent inbound plan.
pub fn default_plan(status: Status, source: Source) -> i64 {
    match status {
        Status::Nurture => NURTURE,
        Status::Client => CLIENT_CARE,
        _ if source == Source::InboundWeb => INBOUND_LEAD,
        _ => NEW_PROSPECT,
    }
}

/// The plan a prospect follows among `plans`: the chosen one, or the default for its
/// status and source when none was chosen (or the chosen one is gone).
pub fn followed(
    plans: &[Plan],
    chosen: Option<i64>,
    status: Status,
    source: Source,
) -> Option<&Plan> {
    let find = |id| plans.iter().find(|p| p.id == id);
    chosen
        .and_then(find)
        .or_else(|| find(default_plan(status, source)))
}

/// Ids of the built-in plans; stable, written by the migration that seeds them.
pub const NEW_PROSPECT: i64 = 1;
pub const INBOUND_LEAD: i64 = 2;
pub const NURTURE: i64 = 3;
pub const CLIENT_CARE: i64 = 4;

fn step(days: u32, channel: Channel, purpose: &str) -> Step {
    Step {
        after_days: days,
        after_hours: 0,
        business_days: false,
        channel,
        purpose: purpose.into(),
    }
}

/// The built-in plans, written from the seeds.
pub fn builtin_plans() -> Vec<Plan> {
    use Channel::*;
    vec![
        Plan {
            id: NEW_PROSPECT,
            name: "New prospect".into(),
            builtin: true,
            description: "Weekly for the first weeks, then every two weeks, then monthly, then \
                quarterly forever. It takes 8–12 touches to get a first meeting; never stop \
                unless they say never."
                .into(),
            steps: vec![
                step(0, Call, "Introduce yourself, and say when you'll follow up"),
                step(7, Email, "Send something useful: an article, a case study"),
                step(7, Call, "Bring a reason: news from their industry"),
                step(7, LinkedIn, "Connect with a personal note"),
                step(7, Note, "A handwritten note: short, personal, a next step"),
                step(14, Call, "Bring a reason: a price change or a new product"),
                step(14, Email, "Share market data that matters to them"),
                step(14, Call, "Ask when they'd prefer you to follow up"),
                step(30, Note, "A handwritten note with something of value"),
                step(30, Call, "Check in with news they can use"),
                step(30, Email, "A useful article or invitation"),
                step(91, Call, "Quarterly check-in: what's changed for them?"),
            ],
            repeat_from: Some(11),
        },
        Plan {
            id: INBOUND_LEAD,
            name: "Inbound lead".into(),
            builtin: true,
            description: "Due the moment it arrives (a web lead answered within 5 minutes is \
                nine times likelier to convert), then retried with urgency until you connect; \
                then it continues as a new prospect."
                .into(),
            steps: vec![
                step(0, Call, "Call now: they just asked"),
                Step {
                    after_days: 0,
                    after_hours: 3,
                    business_days: false,
                    channel: Call,
                    purpose: "Try again the same day".into(),
                },
                Step {
                    after_days: 1,
                    after_hours: 0,
                    business_days: true,
                    channel: Email,
                    purpose: "Next business day: email and call".into(),
                },
                Step {
                    after_days: 1,
                    after_hours: 0,
                    business_days: true,
                    channel: Call,
                    purpose: "Keep trying until you connect".into(),
                },
                step(3, Text, "A short text with a clear next step"),
                step(7, Call, "Weekly until you connect"),
            ],
            repeat_from: Some(5),
        },
        Plan {
            id: NURTURE,
            name: "Nurture".into(),
            builtin: true,
            description: "No means not now: monthly, then quarterly forever, each touch \
                bringing something of value."
                .into(),
            steps: vec![
                step(30, Email, "Something of value, no ask"),
                step(30, Call, "A reason to call: what's new for them"),
                step(30, Note, "A handwritten note"),
                step(91, Call, "Quarterly: bring news, ask what's changed"),
            ],
            repeat_from: Some(3),
        },
        Plan {
            id: CLIENT_CARE,
            name: "Client care".into(),
            builtin: true,
            description: "Regular check-ins for clients, with referral asks on the calendar \
                (91% would give one; 11% of sellers ask)."
                .into(),
            steps: vec![
                step(7, Note, "Thank-you note"),
                step(30, Call, "Check in: how is it going?"),
                step(60, Call, "Ask for a referral"),
                step(91, Call, "Quarterly check-in"),
                step(91, InPerson, "Visit, and ask who else you could help"),
            ],
            repeat_from: Some(3),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_plans_are_valid_and_never_end() {
        for p in builtin_plans() {
            p.validate().unwrap();
            assert!(p.step(1_000).is_some(), "{} must go on forever", p.name);
        }
    }

    #[test]
    fn new_prospect_widens_weekly_biweekly_monthly_quarterly() {
        let plan = &builtin_plans()[0];
        let gaps: Vec<u32> = (1..16)
            .map(|n| plan.step(n).unwrap().1.after_days)
            .collect();
        assert_eq!(
            gaps,
            [7, 7, 7, 7, 14, 14, 14, 30, 30, 30, 91, 91, 91, 91, 91]
        );
    }

    #[test]
    fn cycles_repeat_from_the_given_step() {
        let plan = &builtin_plans()[3];
        let idx: Vec<usize> = (0..9).map(|n| plan.step(n).unwrap().0).collect();
        assert_eq!(idx, [0, 1, 2, 3, 4, 3, 4, 3, 4]);
        let finite = Plan {
            repeat_from: None,
            ..plan.clone()
        };
        assert!(finite.step(5).is_none());
    }

    #[test]
    fn bad_plans_are_refused() {
        let mut p = builtin_plans()[0].clone();
        p.repeat_from = Some(99);
        assert_eq!(p.validate().unwrap_err().field(), Some("repeat_from"));
        p.steps.clear();
        assert_eq!(p.validate().unwrap_err().field(), Some("steps"));
    }
}
