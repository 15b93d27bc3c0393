//! What a logged touch does to a prospect's follow-up, as a pure rule: the store reads
//! the prospect, asks `effect`, and writes what it says in the touch's transaction.
//!
//! From the seeds: "no" means not now, so the prospect moves to slower nurture; only
//! "never" stops follow-up (004); "yes" makes a client, who gets referral asks (003); an
//! inbound lead that connects carries on as a new prospect (002, 003). A touch the
//! prospect received fulfils the agreed next step and ends a snooze.

use super::plan;
use crate::model::{Outcome, Source, Stage, Status, Touch};
use chrono::{DateTime, Duration, Utc};

/// What the rule needs to know about the prospect before the touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Before {
    pub status: Status,
    pub source: Source,
    pub plan_id: Option<i64>,
    pub next_step_at: Option<DateTime<Utc>>,
}

/// A change of plan: the plan (`None`: the default for the new status) and when it
/// starts, which is when its steps start counting touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanChange {
    pub plan_id: Option<i64>,
    pub started_at: DateTime<Utc>,
}

/// What to change. Everything `None`/`false` leaves the prospect as it was.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effect {
    pub status: Option<Status>,
    /// Set with a stopping status, so whoever takes the file over knows why.
    pub status_reason: Option<String>,
    pub stage: Option<Stage>,
    pub plan: Option<PlanChange>,
    pub clear_snooze: bool,
    pub clear_next_step: bool,
}

/// A step agreed for next month is not done by today's email: only a touch on or after
/// the day before it counts.
const NEXT_STEP_EARLY: Duration = Duration::days(1);

pub fn effect(touch: &Touch, before: &Before) -> Effect {
    let mut e = Effect::default();
    // The plan a status change starts is anchored just after the touch that caused it:
    // the touch itself is not one of the new plan's steps.
    let just_after = touch.at + Duration::milliseconds(1);
    match touch.outcome {
        Outcome::Never => {
            e.status = Some(Status::DoNotContact);
            e.status_reason = Some(format!("Said never ({}).", touch.at.format("%Y-%m-%d")));
            e.clear_snooze = true;
            e.clear_next_step = true;
        }
        Outcome::No if matches!(before.status, Status::Active | Status::Client) => {
            e.status = Some(Status::Nurture);
            e.plan = Some(PlanChange {
                plan_id: None,
                started_at: just_after,
            });
        }
        Outcome::Yes => {
            e.status = Some(Status::Client);
            e.stage = Some(Stage::Won);
            e.plan = Some(PlanChange {
                plan_id: None,
                started_at: just_after,
            });
        }
        Outcome::Replied | Outcome::Conversation | Outcome::MeetingSet
            if before.source == Source::InboundWeb
                && before.status == Status::Active
                && before.plan_id.is_none_or(|p| p == plan::INBOUND_LEAD) =>
        {
            e.plan = Some(PlanChange {
                plan_id: Some(plan::NEW_PROSPECT),
                // The conversation itself was the introduction, the plan's first step.
                started_at: touch.at - Duration::milliseconds(1),
            });
        }
        _ => {}
    }
    // A touch of ours that they received fulfils the agreed next step and ends a snooze.
    if !touch.inbound && touch.counts {
        e.clear_snooze = true;
        if before
            .next_step_at
            .is_some_and(|at| at <= touch.at + NEXT_STEP_EARLY)
        {
            e.clear_next_step = true;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;
    use chrono::TimeZone;

    fn touch(outcome: Outcome, channel: Channel, inbound: bool) -> Touch {
        Touch {
            id: 1,
            prospect_id: 1,
            at: Utc.with_ymd_and_hms(2026, 3, 4, 15, 0, 0).unwrap(),
            channel,
            outcome,
            note: String::new(),
            counts: channel.counts(),
            inbound,
        }
    }

    fn before(status: Status, source: Source) -> Before {
        Before {
            status,
            source,
            plan_id: None,
            next_step_at: None,
        }
    }

    #[test]
    fn no_moves_active_prospects_and_clients_to_nurture_only() {
        let t = touch(Outcome::No, Channel::Call, false);
        let e = effect(&t, &before(Status::Active, Source::Cold));
        assert_eq!(e.status, Some(Status::Nurture));
        assert!(e
            .plan
            .is_some_and(|p| p.plan_id.is_none() && p.started_at > t.at));
        assert_eq!(
            effect(&t, &before(Status::Nurture, Source::Cold)).status,
            None
        );
        assert_eq!(
            effect(&t, &before(Status::Client, Source::Cold)).status,
            Some(Status::Nurture)
        );
    }

    #[test]
    fn never_stops_with_a_reason_yes_makes_a_client() {
        let e = effect(
            &touch(Outcome::Never, Channel::Email, false),
            &before(Status::Nurture, Source::Cold),
        );
        assert_eq!(e.status, Some(Status::DoNotContact));
        assert_eq!(e.status_reason.as_deref(), Some("Said never (2026-03-04)."));
        assert!(e.clear_next_step && e.clear_snooze);
        let e = effect(
            &touch(Outcome::Yes, Channel::InPerson, false),
            &before(Status::Active, Source::Cold),
        );
        assert_eq!(
            (e.status, e.stage),
            (Some(Status::Client), Some(Stage::Won))
        );
    }

    #[test]
    fn an_inbound_lead_that_connects_carries_on_as_a_new_prospect() {
        let t = touch(Outcome::Conversation, Channel::Call, false);
        let e = effect(&t, &before(Status::Active, Source::InboundWeb));
        assert_eq!(e.plan.map(|p| p.plan_id), Some(Some(plan::NEW_PROSPECT)));
        let mut chosen = before(Status::Active, Source::InboundWeb);
        chosen.plan_id = Some(99);
        assert_eq!(
            effect(&t, &chosen).plan,
            None,
            "a plan the user chose stays"
        );
        assert_eq!(
            effect(&t, &before(Status::Active, Source::Referral)).plan,
            None
        );
    }

    #[test]
    fn only_a_received_touch_of_ours_fulfils_the_next_step_when_close_to_it() {
        let mut b = before(Status::Active, Source::Cold);
        let t = touch(Outcome::NoResponse, Channel::Email, false);
        b.next_step_at = Some(t.at + Duration::hours(20));
        let e = effect(&t, &b);
        assert!(e.clear_next_step && e.clear_snooze);
        b.next_step_at = Some(t.at + Duration::days(30));
        assert!(
            !effect(&t, &b).clear_next_step,
            "next month's step isn't done today"
        );
        b.next_step_at = Some(t.at);
        assert_eq!(
            effect(
                &touch(Outcome::NoResponse, Channel::CallNoMessage, false),
                &b
            ),
            Effect::default()
        );
        assert_eq!(
            effect(&touch(Outcome::NoResponse, Channel::Email, true), &b),
            Effect::default()
        );
    }
}
