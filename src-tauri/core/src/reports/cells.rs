//! The cells a walk names people in (see `Cells`), kept by slot while it walks: a
//! cell's text key is made once, when the walk is finished, not for every person named.

use super::{Cells, ATTEMPT_BUCKETS, TOUCH_BUCKETS};
use crate::model::{Stage, Status};
use chrono::NaiveDate;

/// A cell a walk names people in, by what it counts (see `Cells` for the text keys).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cell {
    /// Met after this many touchpoints (a bucket of `TOUCH_BUCKETS`).
    Meeting(u32),
    /// Won after this many touchpoints.
    Won(u32),
    /// Never answered after this many attempts (a bucket of `ATTEMPT_BUCKETS`).
    Quiet(u32),
    OneHit,
    StoppedEarly,
    LeadsWaiting,
    LeadsLate,
    Stalled,
    Status(Status),
    Stage(Stage),
    /// Answered late a follow-up due in this week of the period (its index).
    Late(usize),
    /// A follow-up due in this week and not answered yet.
    Overdue(usize),
}

impl Cell {
    /// Every cell of a period of `weeks` weeks, in the order of their slots.
    pub(super) fn all(weeks: usize) -> impl Iterator<Item = Cell> {
        (1..=TOUCH_BUCKETS)
            .map(Cell::Meeting)
            .chain((1..=TOUCH_BUCKETS).map(Cell::Won))
            .chain((1..=ATTEMPT_BUCKETS).map(Cell::Quiet))
            .chain([
                Cell::OneHit,
                Cell::StoppedEarly,
                Cell::LeadsWaiting,
                Cell::LeadsLate,
                Cell::Stalled,
            ])
            .chain(Status::ALL.iter().map(|&s| Cell::Status(s)))
            .chain(Stage::ALL.iter().map(|&s| Cell::Stage(s)))
            .chain((0..weeks).map(Cell::Late))
            .chain((0..weeks).map(Cell::Overdue))
    }

    /// Its place in `all(weeks)`, worked out rather than looked up: this is called for
    /// every person a walk names.
    pub(super) fn slot(self, weeks: usize) -> usize {
        let touches = TOUCH_BUCKETS as usize;
        let singles = 2 * touches + ATTEMPT_BUCKETS as usize;
        let statuses = singles + 5;
        let stages = statuses + Status::ALL.len();
        let late = stages + Stage::ALL.len();
        // Buckets count from 1.
        match self {
            Cell::Meeting(n) => n as usize - 1,
            Cell::Won(n) => touches + n as usize - 1,
            Cell::Quiet(n) => 2 * touches + n as usize - 1,
            Cell::OneHit => singles,
            Cell::StoppedEarly => singles + 1,
            Cell::LeadsWaiting => singles + 2,
            Cell::LeadsLate => singles + 3,
            Cell::Stalled => singles + 4,
            Cell::Status(s) => statuses + s.index(),
            Cell::Stage(s) => stages + s.index(),
            Cell::Late(w) => late + w,
            Cell::Overdue(w) => late + weeks + w,
        }
    }

    /// Its key in `Cells`, as the window asks for its people (`weeks`: the period's
    /// Mondays).
    pub(super) fn key(self, weeks: &[NaiveDate]) -> String {
        let week = |w: usize| weeks.get(w).map(NaiveDate::to_string).unwrap_or_default();
        match self {
            Cell::Meeting(n) => format!("meeting:{n}"),
            Cell::Won(n) => format!("won:{n}"),
            Cell::Quiet(n) => format!("quiet:{n}"),
            Cell::OneHit => "one_hit".into(),
            Cell::StoppedEarly => "stopped_early".into(),
            Cell::LeadsWaiting => "leads_waiting".into(),
            Cell::LeadsLate => "leads_late".into(),
            Cell::Stalled => "stalled".into(),
            Cell::Status(s) => format!("status:{}", s.as_str()),
            Cell::Stage(s) => format!("stage:{}", s.as_str()),
            Cell::Late(w) => format!("late:{}", week(w)),
            Cell::Overdue(w) => format!("overdue:{}", week(w)),
        }
    }
}

/// The people each cell names during a walk, a list per slot (`Cell::slot`), so naming
/// one costs a push: no key is made or looked up per person.
#[derive(Default)]
pub(super) struct Slots {
    weeks: usize,
    ids: Vec<Vec<i64>>,
}

impl Slots {
    pub(super) fn new(weeks: usize) -> Slots {
        Slots {
            weeks,
            ids: vec![Vec::new(); Cell::all(weeks).count()],
        }
    }

    /// Names prospect `id` in `cell`.
    pub(super) fn name(&mut self, cell: Cell, id: i64) {
        let slot = cell.slot(self.weeks);
        self.ids[slot].push(id);
    }

    /// Appends the next part's people to each cell.
    pub(super) fn merge(&mut self, next: Slots) {
        for (mine, theirs) in self.ids.iter_mut().zip(next.ids) {
            mine.extend(theirs);
        }
    }

    /// The cells that name anyone, by key (`weeks`: the period's Mondays).
    pub(super) fn into_cells(self, weeks: &[NaiveDate]) -> Cells {
        Cell::all(self.weeks)
            .zip(self.ids)
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(cell, ids)| (cell.key(weeks), ids))
            .collect()
    }
}
