//! What an export writes out, and in which format. The writers are in `export/`; the
//! store walks the chosen prospects (`store::export`).

use super::ListQuery;
use serde::{Deserialize, Serialize};

/// Who is exported. Empty means everyone; each part that is set narrows it (ids picked
/// by hand, a tag, or a territory as the list filters it: search text, status, stage,
/// tag, and the list's order).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Selection {
    pub ids: Vec<i64>,
    pub tag: Option<String>,
    pub query: Option<ListQuery>,
}

impl Selection {
    /// The selection in words, for a title ("Everyone", "Tagged “west”", …).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.ids.is_empty() {
            parts.push(match self.ids.len() {
                1 => "1 chosen prospect".to_string(),
                n => format!("{n} chosen prospects"),
            });
        }
        if let Some(tag) = self.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            parts.push(format!("tagged “{tag}”"));
        }
        if let Some(q) = &self.query {
            if !q.text.trim().is_empty() {
                parts.push(format!("matching “{}”", q.text.trim()));
            }
            if let Some(status) = q.status {
                parts.push(status.label().to_string());
            }
            if let Some(stage) = q.stage {
                parts.push(format!("stage {}", stage.label()));
            }
            if let Some(tag) = q.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                parts.push(format!("tagged “{tag}”"));
            }
        }
        if parts.is_empty() {
            return "Everyone".into();
        }
        let mut text = parts.join(", ");
        if let Some(first) = text.get(..1) {
            let upper = first.to_uppercase();
            text.replace_range(..1, &upper);
        }
        text
    }
}

text_enum!(
    /// The formats an export can write.
    ExportKind {
        ProspectsCsv = "prospects_csv": "Prospects (CSV)",
        TouchesCsv = "touches_csv": "Touches (CSV)",
        VCard4 = "vcard4": "vCard 4.0",
        VCard3 = "vcard3": "vCard 3.0 (older programs)",
        Dossier = "dossier": "Hand-off dossier",
        DossierHtml = "dossier_html": "Dossier for reading (HTML)",
    }
);

impl ExportKind {
    /// The file name's extension (without the dot), for the save dialog.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::ProspectsCsv | ExportKind::TouchesCsv => "csv",
            ExportKind::VCard4 | ExportKind::VCard3 => "vcf",
            ExportKind::Dossier => DOSSIER_EXTENSION,
            ExportKind::DossierHtml => "html",
        }
    }
}

/// A hand-off dossier's file extension: another Follow Through recognises it by this
/// (and by its first line, see `import::dossier::is_dossier`).
pub const DOSSIER_EXTENSION: &str = "ftdossier";

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub prospects: u32,
    pub touches: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn a_selection_says_who_it_is() {
        assert_eq!(Selection::default().describe(), "Everyone");
        let s = Selection {
            ids: vec![1, 2],
            tag: Some(" west ".into()),
            query: Some(ListQuery {
                text: "acme".into(),
                status: Some(Status::Nurture),
                ..ListQuery::default()
            }),
        };
        assert_eq!(
            s.describe(),
            "2 chosen prospects, tagged “west”, matching “acme”, Nurture"
        );
        let tagged = Selection {
            tag: Some("émigré".into()),
            ..Selection::default()
        };
        assert_eq!(tagged.describe(), "Tagged “émigré”");
    }
}
