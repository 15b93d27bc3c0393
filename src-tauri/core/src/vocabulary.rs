//! The closed sets and presets the UI offers, sent once at start-up with `app_info`:
//! assembled here, above the model, the cards, the merge fields and the label sheets it
//! draws on.

use crate::model::{
    BackupKind, CalendarDetail, Channel, Choice, DueKind, ExportKind, Field, Format, NoteState,
    Outcome, Source, Stage, Status, TrashKind, Weekday,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Every closed set the UI offers, from the one place that defines them, so labels are
/// never written twice.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub sources: Vec<Choice>,
    pub stages: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// Statuses that stop follow-up, and so need a reason on file.
    pub stopping_statuses: Vec<&'static str>,
    pub channels: Vec<Choice>,
    /// Channels whose touches count as touchpoints.
    pub counting_channels: Vec<&'static str>,
    pub outcomes: Vec<Choice>,
    /// Why a touch is due: an agreed next step, a reply owed, an inbound lead, the plan.
    pub due_kinds: Vec<Choice>,
    pub weekdays: Vec<Choice>,
    pub note_states: Vec<Choice>,
    /// Why each backup was taken.
    pub backup_kinds: Vec<Choice>,
    /// What the Recently deleted list holds.
    pub trash_kinds: Vec<Choice>,
    /// What a CSV column can be mapped to, the kinds of file an import reads, and what
    /// an export writes.
    pub import_fields: Vec<Choice>,
    pub import_formats: Vec<Choice>,
    pub export_kinds: Vec<Choice>,
    /// How much of a follow-up the calendar shows.
    pub calendar_details: Vec<Choice>,
    pub cards: &'static [crate::model::CardSize],
    /// The address-label sheets, one per paper, and how an address is fitted to a label:
    /// the print dialog lays its sheet out as the PDF is (print.rs).
    pub label_sheets: &'static [crate::print::LabelSheet],
    pub label_text: crate::print::LabelText,
    pub merge_fields: &'static [crate::merge::FieldInfo],
    /// How many days past today Upcoming and Notes to write look.
    pub horizon_days: u32,
    /// The tag the first run's sample prospects carry.
    pub sample_tag: &'static str,
    /// The input limits by name (`limits::ALL`), for the UI's `maxlength`s.
    pub limits: BTreeMap<&'static str, usize>,
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        sources: Source::choices(),
        stages: Stage::choices(),
        statuses: Status::choices(),
        stopping_statuses: Status::ALL
            .iter()
            .filter(|s| s.stops_follow_up())
            .map(|s| s.as_str())
            .collect(),
        channels: Channel::choices(),
        counting_channels: Channel::ALL
            .iter()
            .filter(|c| c.counts())
            .map(|c| c.as_str())
            .collect(),
        outcomes: Outcome::choices(),
        due_kinds: DueKind::choices(),
        weekdays: Weekday::choices(),
        note_states: NoteState::choices(),
        backup_kinds: BackupKind::choices(),
        trash_kinds: TrashKind::choices(),
        import_fields: Field::choices(),
        import_formats: Format::choices(),
        export_kinds: ExportKind::choices(),
        calendar_details: CalendarDetail::choices(),
        cards: crate::cards::CARDS,
        label_sheets: &crate::print::LABEL_SHEETS,
        label_text: crate::print::LABEL_TEXT,
        merge_fields: crate::merge::FIELDS,
        horizon_days: crate::store::queues::HORIZON_DAYS,
        sample_tag: crate::samples::TAG,
        limits: crate::limits::ALL.iter().copied().collect(),
    }
}
