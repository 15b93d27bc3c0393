//! What a logged touch does to a prospect's follow-up, as a pure rule: the store reads
//! the prospect, asks `effect`, and writes what it says in the touch's transaction.
//!
//! From the seeds: "no" means not now, so the prospect moves to slower nurture; only
//! "never" stops follow-up (004); "yes" makes a client, who gets referral asks (003); an
//! inbound lead that connects carries on as a new prospect (002, 003). A touch the
//! prospect received fulfils the agreed next step and ends a snooze.
//!
//! What a touch changed is kept with it (`Change`), so removing the touch puts the
//! prospect back as it was (`carry`), and restoring the touch does it again.

use super::plan;
use crate::model::{NextStep, Outcome, Source, Stage, Status, Touch};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

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

/// The prospect's fields an outcome can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followup {
    pub status: Status,
    pub status_reason: String,
    pub stage: Stage,
    pub plan_id: Option<i64>,
    pub plan_started_at: Option<DateTime<Utc>>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub next_step: Option<NextStep>,
}

/// What a touch changed: the prospect's follow-up just before and just after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub before: Followup,
    pub after: Followup,
}

impl Effect {
    /// `f` with this effect applied.
    pub fn apply(&self, f: &Followup) -> Followup {
        let mut out = f.clone();
        if let Some(status) = self.status {
            out.status = status;
        }
        if let Some(reason) = &self.status_reason {
            out.status_reason.clone_from(reason);
        }
        if let Some(stage) = self.stage {
            out.stage = stage;
        }
        if let Some(plan) = self.plan {
            out.plan_id = plan.plan_id;
            out.plan_started_at = Some(plan.started_at);
        }
        if self.clear_snooze {
            out.snoozed_until = None;
        }
        if self.clear_next_step {
            out.next_step = None;
        }
        out
    }
}

/// Moves `current` from `from` to `to`, field by field, wherever it still reads as
/// `from`: removing a touch carries its prospect from the change's `after` back to its
/// `before`; restoring the touch carries it forward again. A field changed since (the
/// user set another status, a later touch moved the plan) is left as it is now: undoing
/// one touch never undoes something else.
pub fn carry(current: &Followup, from: &Followup, to: &Followup) -> Followup {
    fn pick<T: PartialEq + Clone>(now: &T, from: &T, to: &T) -> T {
        if now == from { to } else { now }.clone()
    }
    // The plan and when it started move together: they are one choice.
    let (plan_id, plan_started_at) = pick(
        &(current.plan_id, current.plan_started_at),
        &(from.plan_id, from.plan_started_at),
        &(to.plan_id, to.plan_started_at),
    );
    Followup {
        status: pick(&current.status, &from.status, &to.status),
        status_reason: pick(
            &current.status_reason,
            &from.status_reason,
            &to.status_reason,
        ),
        stage: pick(&current.stage, &from.stage, &to.stage),
        plan_id,
        plan_started_at,
        snoozed_until: pick(
            &current.snoozed_until,
            &from.snoozed_until,
            &to.snoozed_until,
        ),
        next_step: pick(&current.next_step, &from.next_step, &to.next_step),
    }
}

/// Seed 002: 48% of sellers stop after one attempt; make at least five.
pub const MIN_TOUCHPOINTS: u32 = 5;

/// Whether moving from `from` to `to` stops following up early, and if so the question
/// to ask before doing it: stopping is allowed, but only when the user confirms it. The
/// same rule for a status set in the form and an outcome (never) that sets it.
pub fn early_stop(from: Status, to: Status, touchpoints: u32) -> Option<String> {
    let stops = to.stops_follow_up() && !from.stops_follow_up();
    (stops && touchpoints < MIN_TOUCHPOINTS).then(|| {
        format!(
            "Only {touchpoints} touch{} so far, and it usually takes at least five. Stop following up anyway?",
            if touchpoints == 1 { "" } else { "es" }
        )
    })
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
    // They reached out: whatever the snooze was waiting for, they are awake (and a
    // reply owed must not wait for it).
    if touch.inbound {
        e.clear_snooze = true;
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
            message: String::new(),
            counts: channel.is_touchpoint(inbound),
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

    fn followup(status: Status) -> Followup {
        Followup {
            status,
            status_reason: String::new(),
            stage: Stage::Contacted,
            plan_id: Some(7),
            plan_started_at: Some(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()),
            snoozed_until: Some(Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()),
            next_step: None,
        }
    }

    #[test]
    fn removing_a_touch_carries_back_only_what_it_changed_and_nothing_since() {
        let t = touch(Outcome::Never, Channel::Call, false);
        let before = followup(Status::Active);
        let after = effect(&t, &before_of(&before)).apply(&before);
        assert_eq!(after.status, Status::DoNotContact);
        assert_eq!(after.snoozed_until, None);
        assert_eq!(after.plan_id, Some(7), "never leaves the plan alone");
        // Nothing changed since: removing the touch puts everything back.
        assert_eq!(carry(&after, &after, &before), before);
        // Restoring it does it again.
        assert_eq!(carry(&before, &before, &after), after);
        // The user changed the stage since: the stage stays, the rest goes back.
        let mut now = after.clone();
        now.stage = Stage::Meeting;
        let back = carry(&now, &after, &before);
        assert_eq!(back.stage, Stage::Meeting);
        assert_eq!(back.status, Status::Active);
        assert_eq!(back.snoozed_until, before.snoozed_until);
    }

    fn before_of(f: &Followup) -> Before {
        Before {
            status: f.status,
            source: Source::Cold,
            plan_id: f.plan_id,
            next_step_at: f.next_step.as_ref().map(|s| s.at),
        }
    }

    #[test]
    fn stopping_before_five_touchpoints_asks_first() {
        let ask = early_stop(Status::Active, Status::DoNotContact, 1).unwrap();
        assert!(ask.starts_with("Only 1 touch so far"), "{ask}");
        assert!(early_stop(Status::Nurture, Status::Disqualified, 4).is_some());
        assert_eq!(early_stop(Status::Active, Status::HandedOff, 5), None);
        assert_eq!(
            early_stop(Status::HandedOff, Status::DoNotContact, 0),
            None,
            "already stopped"
        );
        assert_eq!(early_stop(Status::Active, Status::Nurture, 0), None);
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
        // Their email doesn't do our step; it does wake them from a snooze.
        assert_eq!(
            effect(&touch(Outcome::NoResponse, Channel::Email, true), &b),
            Effect {
                clear_snooze: true,
                ..Effect::default()
            }
        );
    }
}
