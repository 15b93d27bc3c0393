//! What was deleted, as the Recently deleted list shows it, and what a restore brought
//! back. The snapshots themselves are the store's (`store::trash`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum!(
    /// The kinds of thing a delete keeps for 30 days.
    TrashKind {
        Prospect = "prospect": "Prospect",
        Touch = "touch": "Touch",
        Template = "template": "Template",
        Reason = "reason": "Reason",
        Plan = "plan": "Plan",
    }
);

/// A line of the Recently deleted list; also what every delete returns, so the UI can
/// offer to undo it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrashItem {
    pub id: i64,
    pub kind: TrashKind,
    /// The thing's name (a prospect's, a template's, …).
    pub label: String,
    /// What else it held or where it was, in a few words.
    pub detail: String,
    pub deleted_at: DateTime<Utc>,
}

/// What a restore put back, so the UI can show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restored {
    pub kind: TrashKind,
    /// The restored thing's id, which is its old one unless that was taken meanwhile.
    pub id: i64,
    /// The prospect to show: the restored prospect, or the one a restored touch is on.
    pub prospect_id: Option<i64>,
    pub label: String,
}
