//! Property tests of the merge engine: whatever a prospect's fields hold — braces,
//! template syntax, HTML, marker look-alikes — it comes out as the same text, never as
//! markup and never interpreted as template code.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use followthrough_core::merge::{merge, Segment, Values};
use followthrough_core::model::{Address, Prospect, Source, Stage, Status, TouchStats};
use followthrough_core::store::templates::{values_for, Profile};
use proptest::prelude::*;

/// Text a prospect might hold, weighted toward the awkward: markup, template syntax,
/// quotes, ampersands, private-use characters and any other Unicode.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z <>&\"'/{}%#=!\\-]{0,40}",
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("{{ first_name }}{% if x %}{# c #}".to_string()),
        Just("&lt;b&gt; &amp; </script>".to_string()),
        "\\PC{0,30}",
        "[\u{E000}-\u{E003}a-z]{0,10}",
    ]
}

fn prospect(name: String, company: String, city: String) -> Prospect {
    let now = chrono::DateTime::UNIX_EPOCH;
    Prospect {
        id: 1,
        name,
        company,
        title: String::new(),
        emails: vec![],
        phones: vec![],
        linkedin: String::new(),
        website: String::new(),
        address_lines: vec![city.clone()],
        mailable: false,
        address: Address {
            city,
            ..Default::default()
        },
        source: Source::Other,
        stage: Stage::New,
        status: Status::Active,
        status_reason: String::new(),
        tags: vec![],
        notes: String::new(),
        time_zone: String::new(),
        preferred_channel: None,
        preferred_days: vec![],
        preferred_time: None,
        created_at: now,
        updated_at: now,
        stats: TouchStats::default(),
        next_due_at: None,
        plan_id: None,
        next_step: None,
        snoozed_until: None,
        paused: false,
        version: 0,
    }
}

/// What the engine promises to do to a value: trim it and drop the four private-use
/// marker characters. Nothing else.
fn expected(v: &str) -> String {
    v.trim()
        .chars()
        .filter(|c| !('\u{E000}'..='\u{E003}').contains(c))
        .collect()
}

proptest! {
    #[test]
    fn any_value_round_trips_as_text(value in nasty_text()) {
        let mut values = Values::new();
        values.insert("company", value.clone());
        let m = merge("[{{ company }}]", &values).unwrap();
        let want = expected(&value);
        if want.is_empty() {
            prop_assert_eq!(m.text, "[[Company]]");
            prop_assert_eq!(m.missing, vec!["company".to_string()]);
        } else {
            prop_assert_eq!(&m.text, &format!("[{want}]"));
            let merged: Vec<&Segment> = m.segments.iter().filter(|s| matches!(s, Segment::Value { .. })).collect();
            prop_assert_eq!(merged.len(), 1);
            prop_assert_eq!(merged[0], &Segment::Value { field: "company".into(), text: want.clone() });
            // The template's own words are exactly the brackets: nothing leaked out of the value.
            let own: String = m.segments.iter().filter_map(|s| match s {
                Segment::Text { text } => Some(text.as_str()),
                _ => None,
            }).collect();
            prop_assert_eq!(own, "[]");
        }
    }

    #[test]
    fn a_whole_prospect_merges_to_its_own_text(
        name in nasty_text(),
        company in nasty_text(),
        city in nasty_text(),
    ) {
        let p = prospect(name.clone(), company.clone(), city.clone());
        let values = values_for(&p, None, None, &Profile::default());
        let m = merge("{{ full_name }}|{{ company }}|{{ city }}", &values).unwrap();
        let show = |v: &str, label: &str| {
            let e = expected(v);
            if e.is_empty() { format!("[{label}]") } else { e }
        };
        prop_assert_eq!(
            m.text,
            format!("{}|{}|{}", show(&name, "Full name"), show(&company, "Company"), show(&city, "City"))
        );
    }
}
