//! Each report on a fixed history with known answers.

use super::*;
use crate::cadence::calendar::WorkWeek;
use chrono::{NaiveDate, TimeZone};

/// Now: Wednesday 2026-03-18, 12:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 18, 12, 0, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Milliseconds at a UTC date and hour.
fn at(m: u32, d: u32, h: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0)
        .unwrap()
        .timestamp_millis()
}

fn days_ago(n: i64) -> i64 {
    (now() - Duration::days(n)).timestamp_millis()
}

fn prospect(id: i64, created_at: i64) -> ProspectFacts {
    ProspectFacts {
        id,
        created_at,
        source: Source::Cold,
        stage: Stage::Contacted,
        status: Status::Active,
        paused: false,
        next_due_at: None,
    }
}

fn touch(prospect_id: i64, at: i64, channel: Channel, outcome: Outcome) -> TouchFact {
    TouchFact {
        prospect_id,
        at,
        channel,
        outcome,
        counts: channel.counts(),
        inbound: false,
        due_at: None,
    }
}

fn silent(prospect_id: i64, at: i64) -> TouchFact {
    touch(prospect_id, at, Channel::Email, Outcome::NoResponse)
}

/// The whole of 2026 so far, in UTC.
fn year() -> Filter {
    Filter {
        from: day(1, 1),
        to: day(3, 18),
        tag: None,
    }
}

fn run(history: &History, filter: &Filter, week: &WorkWeek) -> (Insights, Cells) {
    let cx = Context {
        now: now(),
        week,
        max_gap_days: 14,
    };
    let whole = insights(std::slice::from_ref(history), filter, &cx);
    for n in 2..=4 {
        assert_eq!(
            insights(&split(history, n), filter, &cx),
            whole,
            "the same reports from the book in {n} parts"
        );
    }
    whole
}

/// The weekly review, checked to come out the same from the book in parts.
fn review_of(history: &History, cx: &Context) -> (Review, Cells) {
    let whole = review(std::slice::from_ref(history), None, cx);
    for n in 2..=4 {
        assert_eq!(
            review(&split(history, n), None, cx),
            whole,
            "the same review from the book in {n} parts"
        );
    }
    whole
}

/// A book in `n` parts, as the store reads a large one: runs of prospects by id, each
/// with its own touches and changes (some parts may be empty).
fn split(history: &History, n: usize) -> Vec<History> {
    let size = history.prospects.len().div_ceil(n).max(1);
    let mut parts: Vec<History> = history
        .prospects
        .chunks(size)
        .map(|run| History {
            prospects: run.to_vec(),
            ..History::default()
        })
        .collect();
    parts.resize_with(n, History::default);
    // Each part runs up to the next part's first prospect.
    let firsts: Vec<i64> = parts
        .iter()
        .map(|p| p.prospects.first().map_or(i64::MAX, |f| f.id))
        .collect();
    let part_of = |id: i64| firsts.iter().rposition(|&f| f <= id).unwrap_or(0);
    for t in &history.touches {
        parts[part_of(t.prospect_id)].touches.push(t.clone());
    }
    for c in &history.changes {
        parts[part_of(c.prospect_id)].changes.push(c.clone());
    }
    parts
}

fn utc() -> WorkWeek {
    WorkWeek::standard(chrono_tz::UTC)
}

fn sorted(mut history: History) -> History {
    history.prospects.sort_by_key(|p| p.id);
    history.touches.sort_by_key(|t| (t.prospect_id, t.at));
    history.changes.sort_by_key(|c| (c.prospect_id, c.at));
    history
}

#[test]
fn touches_to_a_result_count_touchpoints_up_to_the_first_meeting_and_win() {
    let mut touches = Vec::new();
    // 1: seven silent emails, a call with no message (not a touchpoint), then a call
    // that sets the meeting: eight touchpoints.
    for i in 0..7 {
        touches.push(silent(1, at(2, 1 + i, 10)));
    }
    touches.push(touch(
        1,
        at(2, 9, 10),
        Channel::CallNoMessage,
        Outcome::NoResponse,
    ));
    touches.push(touch(1, at(2, 10, 10), Channel::Call, Outcome::MeetingSet));
    // A second meeting later is not a first meeting.
    touches.push(touch(1, at(2, 20, 10), Channel::Call, Outcome::MeetingSet));
    // 2: they called us and set the meeting: one touch, theirs.
    touches.push(TouchFact {
        inbound: true,
        ..touch(2, at(2, 3, 10), Channel::Call, Outcome::MeetingSet)
    });
    // 3: a meeting last year is outside the period.
    touches.push(touch(
        3,
        at(1, 1, 0) - 1,
        Channel::Call,
        Outcome::MeetingSet,
    ));
    // 4: twenty touches, then a yes: the last bucket; ten touches in, a meeting.
    for i in 0..20 {
        let outcome = if i == 9 {
            Outcome::MeetingSet
        } else {
            Outcome::NoResponse
        };
        touches.push(touch(4, at(1, 2 + i, 10), Channel::Email, outcome));
    }
    touches.push(touch(4, at(1, 25, 10), Channel::InPerson, Outcome::Yes));
    let history = sorted(History {
        prospects: (1..=4)
            .map(|id| prospect(id, at(1, 1, 0) - 86_400_000 * 30))
            .collect(),
        touches,
        changes: Vec::new(),
    });
    let (r, cells) = run(&history, &year(), &utc());
    let m = &r.to_result;
    assert_eq!(m.meetings_total, 3);
    assert_eq!(m.meetings[0].count, 1, "prospect 2, one touch");
    assert_eq!(m.meetings[7].count, 1, "prospect 1, eight touchpoints");
    assert_eq!(m.meetings[9].count, 1, "prospect 4, ten");
    assert_eq!(m.meetings_median, Some(8.0));
    assert_eq!(m.meetings_in_range, 2);
    assert_eq!(m.won_total, 1);
    assert_eq!(m.won[14].label, "15+");
    assert_eq!(m.won[14].count, 1);
    assert_eq!(cells["meeting:8"], vec![1]);
    assert_eq!(cells["won:15"], vec![4]);
    assert!(!cells.contains_key("meeting:2"));
}

#[test]
fn persistence_counts_one_hit_wonders_and_early_stops_like_the_queues() {
    let mut p3 = prospect(3, days_ago(60));
    p3.status = Status::Nurture;
    let mut p5 = prospect(5, days_ago(60));
    p5.status = Status::DoNotContact;
    let history = sorted(History {
        prospects: vec![
            prospect(1, days_ago(60)),
            prospect(2, days_ago(60)),
            p3,
            prospect(4, days_ago(60)),
            p5,
            prospect(6, days_ago(60)),
        ],
        touches: vec![
            // 1: tried once ten days ago, no answer, still active: a one-hit wonder (not
            // yet past the two-week gap, so not stopped).
            silent(1, days_ago(10)),
            // 2: tried once three days ago: too soon to judge, but never answered.
            silent(2, days_ago(3)),
            // 3: three tries, then moved to nurture without an answer: stopped early.
            silent(3, days_ago(40)),
            silent(3, days_ago(33)),
            silent(3, days_ago(26)),
            // 4: answered on the second try.
            silent(4, days_ago(20)),
            touch(4, days_ago(19), Channel::Call, Outcome::Conversation),
            // 5: one try, then "do not contact" without an answer: stopped, not one-hit.
            silent(5, days_ago(12)),
            // 6: one try thirty days ago, still active: one-hit and stalled (stopped).
            silent(6, days_ago(30)),
        ],
        changes: Vec::new(),
    });
    let (r, cells) = run(&history, &year(), &utc());
    let p = &r.persistence;
    assert_eq!(p.tried, 5, "all but prospect 2, tried three days ago");
    assert_eq!(p.one_hit, 2);
    assert_eq!(p.one_hit_rate, Some(0.4));
    assert_eq!(cells["one_hit"], vec![1, 6]);
    assert_eq!(p.stopped_early, 3);
    assert_eq!(cells["stopped_early"], vec![3, 5, 6]);
    assert_eq!(p.quiet[0].count, 4, "1, 2, 5 and 6 were tried once");
    assert_eq!(p.quiet[2].count, 1);
    assert_eq!(cells["quiet:3"], vec![3]);
}

#[test]
fn speed_to_lead_measures_arrival_to_our_first_touch() {
    let lead = |id, created| ProspectFacts {
        source: Source::InboundWeb,
        ..prospect(id, created)
    };
    let minutes = |n: i64| n * 60_000;
    let arrived = at(3, 2, 9); // Monday of the week of 2 March
    let history = sorted(History {
        prospects: vec![
            lead(1, arrived),
            lead(2, arrived),
            lead(3, arrived),
            prospect(4, arrived),
            lead(5, at(3, 10, 9)),
        ],
        touches: vec![
            // They wrote again before we answered: not our touch.
            TouchFact {
                inbound: true,
                ..touch(1, arrived + minutes(1), Channel::Email, Outcome::Replied)
            },
            touch(
                1,
                arrived + minutes(3),
                Channel::Call,
                Outcome::Conversation,
            ),
            touch(2, arrived + minutes(30), Channel::Call, Outcome::NoResponse),
            // Not a web lead: not counted however slow.
            touch(
                4,
                arrived + minutes(600),
                Channel::Call,
                Outcome::NoResponse,
            ),
            touch(
                5,
                at(3, 10, 9) + minutes(5),
                Channel::Call,
                Outcome::NoResponse,
            ),
        ],
        changes: Vec::new(),
    });
    let (r, cells) = run(&history, &year(), &utc());
    let s = &r.speed;
    assert_eq!((s.leads, s.waiting, s.within, s.late), (4, 1, 2, 1));
    assert_eq!(s.median_minutes, Some(5.0));
    assert_eq!(s.within_share, Some(2.0 / 3.0));
    assert_eq!(cells["leads_waiting"], vec![3]);
    assert_eq!(cells["leads_late"], vec![2]);
    let week = s.weeks.iter().find(|w| w.week == day(3, 2)).unwrap();
    assert_eq!(week.leads, 3);
    assert_eq!(week.median_minutes, Some(16.5));
    assert_eq!(week.within_share, Some(0.5));
}

#[test]
fn blocks_kept_sorts_each_due_into_on_time_late_or_overdue() {
    let mut overdue = prospect(3, days_ago(60));
    overdue.next_due_at = Some(at(3, 16, 9)); // Monday, two days ago
    let mut due_today = prospect(4, days_ago(60));
    due_today.next_due_at = Some(at(3, 18, 9)); // due today: not overdue yet
    let answered = |id, when, due| TouchFact {
        due_at: Some(due),
        ..silent(id, when)
    };
    let history = sorted(History {
        prospects: vec![
            prospect(1, days_ago(60)),
            prospect(2, days_ago(60)),
            overdue,
            due_today,
        ],
        touches: vec![
            answered(1, at(3, 9, 16), at(3, 9, 9)),  // the same day
            answered(1, at(3, 11, 8), at(3, 11, 9)), // early the same morning
            answered(2, at(3, 13, 9), at(3, 12, 9)), // a day late
            answered(2, at(3, 16, 9), at(3, 13, 9)), // due Friday, done Monday: late, week of 9 March
            silent(2, at(3, 17, 9)),                 // nothing was due
        ],
        changes: Vec::new(),
    });
    let (r, cells) = run(&history, &year(), &utc());
    let week = |d| r.blocks.iter().find(|w| w.week == d).unwrap().clone();
    assert_eq!(
        week(day(3, 9)),
        BlockWeek {
            week: day(3, 9),
            on_time: 2,
            late: 2,
            overdue: 0
        }
    );
    assert_eq!(
        week(day(3, 16)),
        BlockWeek {
            week: day(3, 16),
            on_time: 0,
            late: 0,
            overdue: 1
        }
    );
    assert_eq!(cells["overdue:2026-03-16"], vec![3]);
    assert_eq!(cells["late:2026-03-09"], vec![2, 2]);
}

#[test]
fn what_connects_rates_channels_and_local_hours() {
    let chicago = WorkWeek::standard(chrono_tz::America::Chicago);
    let history = sorted(History {
        prospects: vec![prospect(1, days_ago(90)), prospect(2, days_ago(90))],
        touches: vec![
            // Monday 2 March, 15:00 UTC = 09:00 in Chicago (CST).
            touch(1, at(3, 2, 15), Channel::Call, Outcome::Conversation),
            touch(1, at(3, 3, 15), Channel::Call, Outcome::NoResponse),
            touch(2, at(3, 2, 15), Channel::Email, Outcome::Replied),
            touch(2, at(3, 4, 20), Channel::Email, Outcome::NoResponse),
            touch(2, at(3, 5, 20), Channel::Email, Outcome::NoResponse),
            TouchFact {
                inbound: true,
                ..touch(2, at(3, 6, 20), Channel::Email, Outcome::Replied)
            },
        ],
        changes: Vec::new(),
    });
    let (r, _) = run(&history, &year(), &chicago);
    let c = &r.connects;
    assert_eq!((c.attempts, c.connects), (5, 2));
    assert_eq!(
        c.by_channel[0].channel,
        Channel::Email,
        "most attempts first"
    );
    assert_eq!(c.by_channel[0].rate, Some(1.0 / 3.0));
    assert_eq!(c.by_channel[1].rate, Some(0.5));
    let monday_nine = c
        .heat
        .iter()
        .find(|h| h.weekday == 0 && h.hour == 9)
        .unwrap();
    assert_eq!((monday_nine.attempts, monday_nine.connects), (2, 2));
    assert_eq!(c.heat.iter().map(|h| h.attempts).sum::<u32>(), 5);
}

#[test]
fn the_pipeline_is_drawn_as_it_stood_each_week() {
    let weeks = Filter {
        from: day(2, 2),
        to: day(3, 1),
        tag: None,
    };
    let mut won = prospect(1, at(1, 5, 9));
    (won.stage, won.status) = (Stage::Won, Status::Client);
    let mut stalling = prospect(2, at(1, 5, 9));
    stalling.stage = Stage::Contacted;
    let history = sorted(History {
        prospects: vec![won, stalling, prospect(3, at(2, 20, 9))],
        touches: vec![silent(2, at(2, 3, 9))],
        changes: vec![
            ChangeFact {
                prospect_id: 1,
                at: at(2, 11, 9),
                before: (Stage::Contacted, Status::Active),
                after: (Stage::Meeting, Status::Active),
            },
            ChangeFact {
                prospect_id: 1,
                at: at(2, 18, 9),
                before: (Stage::Meeting, Status::Active),
                after: (Stage::Won, Status::Client),
            },
        ],
    });
    let (r, cells) = run(&history, &weeks, &utc());
    let w = &r.pipeline.weeks;
    assert_eq!(w.len(), 4);
    let stage =
        |i: usize, s: Stage| w[i].by_stage[Stage::ALL.iter().position(|&x| x == s).unwrap()];
    let status =
        |i: usize, s: Status| w[i].by_status[Status::ALL.iter().position(|&x| x == s).unwrap()];
    assert_eq!(
        (stage(0, Stage::Contacted), stage(0, Stage::Meeting)),
        (2, 0)
    );
    assert_eq!(
        (stage(1, Stage::Meeting), status(1, Status::Active)),
        (1, 2)
    );
    assert_eq!((stage(2, Stage::Won), status(2, Status::Client)), (1, 1));
    assert_eq!(status(2, Status::Active), 2, "prospect 3 arrived in week 3");
    // Prospect 2's only touch was on 3 February: stalled from the 17th (two weeks on).
    assert_eq!(
        w.iter().map(|w| w.stalled).collect::<Vec<_>>(),
        vec![0, 0, 1, 1]
    );
    assert_eq!(cells["stalled"], vec![2]);
    assert_eq!(cells["status:client"], vec![1]);
}

#[test]
fn a_period_must_run_forwards_and_not_too_long() {
    let reversed = Filter {
        from: day(3, 2),
        to: day(3, 1),
        tag: None,
    };
    assert!(check(&reversed).is_err());
    let long = Filter {
        from: day(1, 1) - Duration::days(MAX_PERIOD_DAYS),
        to: day(1, 1),
        tag: None,
    };
    assert!(check(&long).is_err());
    assert!(check(&year()).is_ok());
}

#[test]
fn a_touch_answers_the_due_of_its_day_and_no_later_one() {
    let week = utc();
    let t = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap();
    let due = t(at(3, 18, 9));
    assert_eq!(
        answered(Some(due), t(at(3, 18, 8)), false, &week),
        Some(due)
    );
    assert_eq!(
        answered(Some(due), t(at(3, 19, 8)), false, &week),
        Some(due)
    );
    assert_eq!(answered(Some(due), t(at(3, 17, 23)), false, &week), None);
    assert_eq!(answered(Some(due), t(at(3, 18, 10)), true, &week), None);
    assert_eq!(answered(None, t(at(3, 18, 10)), false, &week), None);
}

#[test]
fn the_weekly_review_puts_weeks_side_by_side_and_names_one_thing() {
    let week = utc();
    let cx = Context {
        now: now(),
        week: &week,
        max_gap_days: 14,
    };
    let mut overdue = prospect(3, days_ago(60));
    overdue.next_due_at = Some(at(3, 16, 9));
    let mut history = sorted(History {
        prospects: vec![
            prospect(1, days_ago(20)),
            prospect(2, at(3, 16, 9)),
            overdue,
        ],
        touches: vec![
            silent(1, days_ago(20)),                                    // one-hit wonder
            touch(2, at(3, 17, 9), Channel::Call, Outcome::MeetingSet), // this week
            touch(3, at(3, 10, 9), Channel::Call, Outcome::Conversation),
        ],
        changes: Vec::new(),
    });
    let (r, cells) = review_of(&history, &cx);
    assert_eq!(r.weeks.len(), 5);
    assert_eq!(r.weeks[0].week, day(3, 16));
    assert_eq!(
        (
            r.weeks[0].attempts,
            r.weeks[0].meetings,
            r.weeks[0].new_prospects
        ),
        (1, 1, 1)
    );
    assert_eq!(r.weeks[1].attempts, 1);
    assert_eq!(r.next.cell.as_deref(), Some("review:overdue"));
    assert!(
        r.next.text.starts_with("1 follow-up is overdue"),
        "{}",
        r.next.text
    );
    assert_eq!(cells["review:overdue"], vec![3]);

    // With nothing overdue, the one-hit wonder of this month is next.
    history.prospects[2].next_due_at = None;
    let (r, cells) = review_of(&history, &cx);
    assert_eq!(r.next.cell.as_deref(), Some("one_hit"));
    assert!(
        r.next.text.contains("stopped at 1 attempt this month"),
        "{}",
        r.next.text
    );
    assert_eq!(cells["one_hit"], vec![1]);
}

/// Each cell's slot is its place in the list of all cells, and no two cells share a key.
#[test]
fn every_cell_has_its_own_slot_and_key() {
    use super::cells::Cell;
    let weeks: Vec<NaiveDate> = (0..5).map(|w| day(1, 5) + Duration::days(7 * w)).collect();
    let mut keys = std::collections::BTreeSet::new();
    for (i, cell) in Cell::all(weeks.len()).enumerate() {
        assert_eq!(cell.slot(weeks.len()), i, "{cell:?}");
        assert!(keys.insert(cell.key(&weeks)), "{cell:?}");
    }
    assert_eq!(Cell::Late(1).key(&weeks), "late:2026-01-12");
    assert_eq!(Cell::Status(Status::Active).key(&weeks), "status:active");
}

/// The pipeline as first written: every prospect looked at in every week of the period.
/// The walk counts runs of weeks instead; this is what it must agree with.
fn pipeline_week_by_week(
    history: &History,
    filter: &Filter,
    cx: &Context,
) -> (Vec<PipelineWeek>, Cells) {
    use super::build::{per_prospect, stalled_at};
    use super::days::day_start;
    let zone = cx.week.zone;
    let now = cx.now.timestamp_millis();
    let end = day_start(zone, filter.to + Duration::days(1));
    let gap = i64::from(cx.max_gap_days) * 86_400_000;
    let mut weeks = Vec::new();
    let mut w = week_of(filter.from);
    while w <= filter.to {
        weeks.push(w);
        w += Duration::days(7);
    }
    let mut out: Vec<PipelineWeek> = weeks
        .iter()
        .map(|&week| PipelineWeek {
            week,
            by_status: vec![0; Status::ALL.len()],
            by_stage: vec![0; Stage::ALL.len()],
            stalled: 0,
        })
        .collect();
    let mut cells = Cells::new();
    for (p, touches, changes) in per_prospect(history) {
        for (i, &week) in weeks.iter().enumerate() {
            let at = day_start(zone, week + Duration::days(7)).min(end).min(now);
            if p.created_at > at {
                continue;
            }
            let mut state = changes.first().map_or((p.stage, p.status), |c| c.before);
            for c in changes.iter().take_while(|c| c.at <= at) {
                state = c.after;
            }
            let (stage, status) = state;
            let last = touches
                .iter()
                .filter(|t| t.at <= at && t.counts)
                .map(|t| t.at)
                .next_back();
            let stalled = stalled_at(status, p.paused, last, at, gap);
            out[i].by_status[status.index()] += 1;
            out[i].by_stage[stage.index()] += 1;
            out[i].stalled += u32::from(stalled);
            if i + 1 == weeks.len() {
                let mut name = |key: String| cells.entry(key).or_default().push(p.id);
                name(format!("status:{}", status.as_str()));
                name(format!("stage:{}", stage.as_str()));
                if stalled {
                    name("stalled".into());
                }
            }
        }
    }
    (out, cells)
}

mod any_history {
    use super::*;
    use proptest::prelude::*;

    /// A moment between 2025-12-01 and 2026-04-10, in ms (`now` is 2026-03-18).
    fn moment() -> impl Strategy<Value = i64> {
        let from = at(1, 1, 0) - 31 * 86_400_000;
        (from..at(4, 10, 0)).prop_map(|ms| ms - ms % 3_600_000)
    }

    fn history() -> impl Strategy<Value = History> {
        let p = (
            moment(),
            0..Status::ALL.len(),
            0..Stage::ALL.len(),
            any::<bool>(),
        );
        let t = (1..=6i64, moment(), any::<bool>(), any::<bool>());
        let state = (0..Stage::ALL.len(), 0..Status::ALL.len());
        let c = (1..=6i64, moment(), state.clone(), state);
        (
            prop::collection::vec(p, 0..=6),
            prop::collection::vec(t, 0..30),
            prop::collection::vec(c, 0..8),
        )
            .prop_map(|(ps, ts, cs)| {
                sorted(History {
                    prospects: ps
                        .into_iter()
                        .enumerate()
                        .map(|(i, (created_at, status, stage, paused))| ProspectFacts {
                            status: Status::ALL[status],
                            stage: Stage::ALL[stage],
                            paused,
                            ..prospect(i as i64 + 1, created_at)
                        })
                        .collect(),
                    touches: ts
                        .into_iter()
                        .map(|(id, at, counts, answered)| TouchFact {
                            counts,
                            ..touch(
                                id,
                                at,
                                Channel::Email,
                                if answered {
                                    Outcome::Conversation
                                } else {
                                    Outcome::NoResponse
                                },
                            )
                        })
                        .collect(),
                    changes: cs
                        .into_iter()
                        .map(|(id, at, before, after)| ChangeFact {
                            prospect_id: id,
                            at,
                            before: (Stage::ALL[before.0], Status::ALL[before.1]),
                            after: (Stage::ALL[after.0], Status::ALL[after.1]),
                        })
                        .collect(),
                })
            })
    }

    fn period() -> impl Strategy<Value = Filter> {
        (0..100i64, 0..120i64).prop_map(|(start, days)| {
            let from = day(1, 1) + Duration::days(start - 30);
            Filter {
                from,
                to: from + Duration::days(days),
                tag: None,
            }
        })
    }

    proptest! {
        /// Counting runs of weeks gives the week-by-week pipeline, and the reports come out
        /// the same from the book in parts (`run` checks that).
        #[test]
        fn the_pipeline_agrees_with_counting_every_week(history in history(), filter in period()) {
            let week = utc();
            let cx = Context { now: now(), week: &week, max_gap_days: 14 };
            let (insights, cells) = run(&history, &filter, &week);
            let (weeks, expected) = pipeline_week_by_week(&history, &filter, &cx);
            prop_assert_eq!(insights.pipeline.weeks, weeks);
            let pipeline_cells: Cells = cells
                .into_iter()
                .filter(|(k, _)| k.starts_with("status:") || k.starts_with("stage:") || k == "stalled")
                .collect();
            prop_assert_eq!(pipeline_cells, expected);
        }

        /// Galloping from an index finds what a binary search from there finds.
        #[test]
        fn a_gallop_finds_what_a_binary_search_finds(
            mut sorted in prop::collection::vec(0..200i64, 0..60),
            from in 0..70usize,
            value in -5..205i64,
        ) {
            sorted.sort_unstable();
            let from = from.min(sorted.len());
            let expected = from + sorted[from..].partition_point(|&v| v < value);
            prop_assert_eq!(super::build::first_from(&sorted, from, |v| v >= value), expected);
        }
    }
}
