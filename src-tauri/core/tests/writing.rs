//! Writing the touch, end to end through the store on real SQLite files: templates and
//! their starter set, composing for a prospect, the reasons library and its
//! suggestions, and handwritten notes from draft to mailed.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use followthrough_core::merge::Segment;
use followthrough_core::model::*;
use followthrough_core::print::{Paper, PrintOptions};
use followthrough_core::store::reasons::Reason;
use followthrough_core::store::templates::{Profile, Template};
use followthrough_core::store::{notes::NoteDraft, DB_FILE};
use followthrough_core::{Error, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn client(store: &mut Store, name: &str, tags: &[&str], with_address: bool) -> i64 {
    let mut input = ProspectInput {
        name: name.into(),
        company: "Harbor Dental".into(),
        status: Status::Client,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    if with_address {
        input.address = Address {
            street: "12 Main St".into(),
            city: "Portland".into(),
            region: "OR".into(),
            postal_code: "97201".into(),
            country: String::new(),
        };
    }
    store
        .create_prospect(input, now() - Duration::days(30))
        .unwrap()
        .id
}

fn template(channel: Channel, body: &str) -> Template {
    Template {
        id: 0,
        name: "Mine".into(),
        channel,
        subject: String::new(),
        body: body.into(),
        starter: false,
        updated_at: now(),
    }
}

/// A call made now, giving this reason.
fn call_giving(prospect_id: i64, reason_id: Option<i64>) -> TouchInput {
    TouchInput {
        at: Some(now()),
        reason_id,
        ..TouchInput::new(prospect_id, Channel::Call, Outcome::NoResponse)
    }
}

/// Saves the prospect's note on the default card.
fn draft(store: &mut Store, prospect_id: i64, body: &str) -> followthrough_core::model::Note {
    store
        .save_note(
            NoteDraft {
                prospect_id,
                card: String::new(),
                body: body.into(),
                reason_id: None,
            },
            now(),
        )
        .unwrap()
}

#[test]
fn the_starter_set_is_written_once_and_deletions_stick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path).unwrap();
    let starters = store.templates().unwrap();
    let channels: Vec<Channel> = starters.iter().map(|t| t.channel).collect();
    for c in [
        Channel::Call,
        Channel::Voicemail,
        Channel::Email,
        Channel::Text,
        Channel::LinkedIn,
        Channel::Note,
    ] {
        assert!(channels.contains(&c), "no starter for {c:?}");
    }
    assert!(starters.iter().all(|t| t.starter));
    store.delete_template(starters[0].id, now()).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.templates().unwrap().len(), starters.len() - 1);
}

#[test]
fn templates_are_checked_when_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let err = store
        .save_template(template(Channel::Email, "Hi {{ frist_name }}"), now())
        .unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert_eq!(err.span(), Some([6, 16]));
    assert!(err.to_string().contains("frist_name"));

    let err = store
        .save_template(template(Channel::Email, "Hi {{ first_name"), now())
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("Unbalanced braces"), "{err}");

    let mut with_subject = template(Channel::Email, "Hi {{ first_name }}");
    with_subject.subject = "About {{ compnay }}".into();
    let err = store.save_template(with_subject, now()).unwrap_err();
    assert_eq!(err.field(), Some("subject"));

    let mut nameless = template(Channel::Call, "Hello");
    nameless.name = "  ".into();
    assert_eq!(
        store.save_template(nameless, now()).unwrap_err().field(),
        Some("name")
    );

    // A good one saves; a clone is just a save with id 0; an edit keeps the id.
    let saved = store
        .save_template(template(Channel::Text, "Hi {{ first_name }}"), now())
        .unwrap();
    let mut edited = saved.clone();
    edited.body = "Hello {{ first_name }}".into();
    let edited = store.save_template(edited, now()).unwrap();
    assert_eq!(edited.id, saved.id);
    assert_eq!(edited.body, "Hello {{ first_name }}");
    // The subject only belongs to email.
    assert_eq!(edited.subject, "");
}

#[test]
fn composing_merges_the_prospect_the_reason_and_me() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Dana Whitfield", &["dental"], true);
    store
        .log_touch(
            TouchInput {
                at: Some(now() - Duration::days(2)),
                note: "the new patient portal".into(),
                ..TouchInput::new(id, Channel::Call, Outcome::Conversation)
            },
            now(),
        )
        .unwrap();
    // An email written in the app and their reply, logged after: the email is what was
    // sent, not what was talked about, so a template never quotes it back to them.
    store
        .log_touch(
            TouchInput {
                at: Some(now() - Duration::days(1)),
                message: "Subject: Portal\n\nHi Dana, the portal is live.".into(),
                ..TouchInput::new(id, Channel::Email, Outcome::Replied)
            },
            now(),
        )
        .unwrap();
    store
        .save_profile(Profile {
            my_name: "Sam Rivera".into(),
            ..Default::default()
        })
        .unwrap();
    let reason = store
        .save_reason(
            Reason {
                id: 0,
                title: "Fee schedule change".into(),
                detail: "Cleanings move on 1 March.".into(),
                link: String::new(),
                dated: Some(today()),
                expires_on: None,
                tags: vec!["dental".into()],
            },
            now(),
        )
        .unwrap();
    let t = store
        .save_template(
            template(
                Channel::Email,
                "Hi {{ first_name }}, {{ reason }} ({{ reason_link }}). Re {{ last_talked_about }}. {{ my_name }}, {{ my_company }}",
            ),
            now(),
        )
        .unwrap();
    let c = store.compose(t.id, id, Some(reason.id)).unwrap();
    assert_eq!(
        c.body.text,
        "Hi Dana, Fee schedule change ([Reason's link]). Re the new patient portal. Sam Rivera, [Your company]"
    );
    assert_eq!(
        c.body.missing,
        vec!["reason_link".to_string(), "my_company".to_string()]
    );
    assert!(c.body.segments.iter().any(
        |s| matches!(s, Segment::Value { field, text } if field == "first_name" && text == "Dana")
    ));
    // Without a reason, the reason is shown missing, not blank.
    let c = store.compose(t.id, id, None).unwrap();
    assert!(c.body.missing.contains(&"reason".to_string()));
}

#[test]
fn reasons_need_a_title_and_a_real_link() {
    let mut store = Store::open_in_memory().unwrap();
    let blank = Reason {
        id: 0,
        title: " ".into(),
        detail: "x".into(),
        link: String::new(),
        dated: None,
        expires_on: None,
        tags: vec![],
    };
    assert_eq!(
        store.save_reason(blank.clone(), now()).unwrap_err().field(),
        Some("title")
    );
    let bad_link = Reason {
        title: "News".into(),
        link: "not a link at all".into(),
        ..blank.clone()
    };
    assert_eq!(
        store.save_reason(bad_link, now()).unwrap_err().field(),
        Some("link")
    );
    let backwards = Reason {
        title: "News".into(),
        dated: Some(today()),
        expires_on: Some(today() - Duration::days(1)),
        ..blank
    };
    assert_eq!(
        store.save_reason(backwards, now()).unwrap_err().field(),
        Some("expires_on")
    );
}

#[test]
fn suggestions_match_tags_skip_expired_and_what_was_given() {
    let mut store = Store::open_in_memory().unwrap();
    let dana = client(&mut store, "Dana Whitfield", &["Dental"], true);
    let mut add = |title: &str, tags: &[&str], expires: Option<NaiveDate>| {
        store
            .save_reason(
                Reason {
                    id: 0,
                    title: title.into(),
                    detail: String::new(),
                    link: "example.com/news".into(),
                    dated: Some(expires.map_or(today(), |e| e - Duration::days(30))),
                    expires_on: expires,
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                },
                now(),
            )
            .unwrap()
            .id
    };
    let dental = add("Dental fee change", &["dental"], None);
    let interest = add("Interest rates fell", &[], None);
    let _roofing = add("Shingle prices up", &["roofing"], None);
    let _expired = add(
        "Last month's promo",
        &["dental"],
        Some(today() - Duration::days(1)),
    );

    let titles = |store: &Store| -> Vec<String> {
        store
            .suggest_reasons(dana, now())
            .unwrap()
            .into_iter()
            .map(|s| s.reason.title)
            .collect()
    };
    // Tag matches first (case-insensitive), then reasons for everyone.
    assert_eq!(
        titles(&store),
        vec!["Dental fee change", "Interest rates fell"]
    );

    // Using one records it on the touch, and it is not offered again.
    let touch = store
        .log_touch(call_giving(dana, Some(dental)), now())
        .unwrap();
    assert_eq!(titles(&store), vec!["Interest rates fell"]);
    let detail = store.prospect_detail(dana, now()).unwrap();
    assert_eq!(detail.reasons_given.len(), 1);
    assert_eq!(detail.reasons_given[0].touch_id, touch.id);
    assert_eq!(detail.reasons_given[0].title, "Dental fee change");

    // A call nobody answered gave them nothing: the reason is still theirs to hear.
    store
        .log_touch(
            TouchInput {
                channel: Channel::CallNoMessage,
                ..call_giving(dana, Some(interest))
            },
            now(),
        )
        .unwrap();
    assert_eq!(titles(&store), vec!["Interest rates fell"]);

    // A reason that no longer exists can't be recorded.
    let err = store
        .log_touch(call_giving(dana, Some(9_999)), now())
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn a_note_goes_from_due_to_mailed_and_the_cadence_moves() {
    let mut store = Store::open_in_memory().unwrap();
    // Client care starts with a thank-you note a week in: due now for a client of 30 days.
    let id = client(&mut store, "Dana Whitfield", &[], true);
    let due = store.prospect_detail(id, now()).unwrap().due.unwrap();
    assert_eq!(due.channel, Channel::Note);

    // On the list before a word is written.
    let list = store.notes_to_write(now()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        store.notes_to_write_count(now()).unwrap(),
        1,
        "the sidebar's count"
    );
    assert_eq!(list[0].prospect_id, id);
    assert!(list[0].note.is_none());
    assert!(list[0].has_address);

    // Too long for the card: refused, with the reason.
    let long = "A sentence that goes on for a while. ".repeat(20);
    let err = store
        .save_note(
            NoteDraft {
                prospect_id: id,
                card: "a2_folded".into(),
                body: long,
                reason_id: None,
            },
            now(),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(err.to_string().starts_with("Too long"), "{err}");
    let err = store
        .save_note(
            NoteDraft {
                prospect_id: id,
                card: "postcard_xl".into(),
                body: "Hi".into(),
                reason_id: None,
            },
            now(),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("card"));

    let note = store
        .save_note(
            NoteDraft {
                prospect_id: id,
                card: "a2_folded".into(),
                body: "Dear Dana,\n\nThank you for choosing us.\n\nSam".into(),
                reason_id: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(note.state, NoteState::Drafted);
    let batch = store
        .print_batch(&[note.id], Addressing::Envelopes)
        .unwrap();
    assert_eq!(batch.notes[0].lines[0], "Dear Dana,");
    assert_eq!(batch.notes[0].address[0], "Dana Whitfield");
    assert!(batch.notes[0]
        .address
        .contains(&"Portland, OR 97201".to_string()));
    assert!(batch.from.is_empty(), "no profile yet, no return address");
    let pdf = followthrough_core::print::pdf(
        &batch,
        &PrintOptions {
            paper: Paper::Letter,
            addressing: Addressing::Envelopes,
        },
    )
    .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let written = store.set_note_written(note.id, true, now()).unwrap();
    assert_eq!(written.state, NoteState::Written);

    let before = store.prospect(id).unwrap();
    let later = now() + Duration::hours(1);
    let touch = store.mail_note(note.id, later).unwrap();
    assert_eq!(touch.channel, Channel::Note);
    assert!(touch.counts);
    // The card's words are what was sent, not a note of what was said.
    assert_eq!(
        (touch.note.as_str(), touch.message.as_str()),
        ("", "Dear Dana,\n\nThank you for choosing us.\n\nSam")
    );
    let after = store.prospect(id).unwrap();
    assert_eq!(after.stats.touchpoints, before.stats.touchpoints + 1);
    assert!(after.next_due_at.unwrap() > later, "the cadence moved on");
    assert!(store.open_note(id).unwrap().is_none());
    assert!(store.notes_to_write(later).unwrap().is_empty());
    assert_eq!(store.notes_to_write_count(later).unwrap(), 0);
    // Mailed is final.
    assert!(store.mail_note(note.id, later).is_err());
}

#[test]
fn a_note_needs_an_address_to_be_mailed_or_enveloped() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Lee Park", &[], false);
    let queued = store.queue_note(id, now()).unwrap();
    assert_eq!(queued.state, NoteState::Queued);
    // Queuing twice gives the same note.
    assert_eq!(store.queue_note(id, now()).unwrap().id, queued.id);
    assert!(
        store.print_batch(&[queued.id], Addressing::None).is_err(),
        "no text yet"
    );
    let note = draft(&mut store, id, "Dear Lee, thank you.");
    assert_eq!(note.id, queued.id);
    let err = store.mail_note(note.id, now()).unwrap_err();
    assert_eq!(err.field(), Some("address"));
    assert!(err.to_string().contains("Lee Park has no mailing address"));
    assert!(matches!(
        store.print_batch(&[note.id], Addressing::Envelopes),
        Err(Error::Invalid {
            field: "address",
            ..
        })
    ));
    // A placeholder for a missing field may be drafted, never printed or mailed.
    let with_gap = draft(
        &mut store,
        id,
        "Dear Lee, about [What you last talked about].",
    );
    let err = store
        .print_batch(&[with_gap.id], Addressing::None)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("still says [What you last talked about]"),
        "{err}"
    );
    assert!(store.set_note_written(with_gap.id, true, now()).is_err());
    draft(&mut store, id, "Dear Lee, thank you.");
    // Notes alone still print.
    assert_eq!(
        store
            .print_batch(&[note.id], Addressing::None)
            .unwrap()
            .notes
            .len(),
        1
    );
    // Nothing was lost by the refusals.
    assert_eq!(
        store.open_note(id).unwrap().unwrap().body,
        "Dear Lee, thank you."
    );

    // A town alone is where someone is, not where a letter goes.
    let mut input = store.prospect(id).unwrap().input();
    input.address.city = "Portland".into();
    store.update_prospect(id, input, now()).unwrap();
    let p = store.prospect(id).unwrap();
    assert!(!p.mailable && p.address_lines == ["Portland"]);
    let err = store.mail_note(note.id, now()).unwrap_err();
    assert!(
        err.to_string()
            .contains("Lee Park's mailing address needs a street"),
        "{err}"
    );
    assert!(store.print_batch(&[note.id], Addressing::Labels).is_err());
    let listed = store.notes_to_write(now()).unwrap();
    assert!(!listed[0].has_address);
    let mut input = p.input();
    input.address.street = "PO Box 12".into();
    store.update_prospect(id, input, now()).unwrap();
    assert!(store.prospect(id).unwrap().mailable);
    assert!(store.notes_to_write(now()).unwrap()[0].has_address);
}

/// Someone who said never (or was handed off, or can't be helped) gets no note: a note
/// drafted before stays with them, off the list, and is neither printed nor mailed.
#[test]
fn a_note_for_someone_who_stopped_is_kept_but_not_sent() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Dana Whitfield", &[], true);
    let note = draft(&mut store, id, "Dear Dana, thank you.");
    assert_eq!(store.notes_to_write_count(now()).unwrap(), 1);

    let mut input = store.prospect(id).unwrap().input();
    input.status = Status::DoNotContact;
    input.status_reason = "Asked not to be contacted".into();
    input.confirm_stop = true;
    store.update_prospect(id, input, now()).unwrap();
    assert!(store.notes_to_write(now()).unwrap().is_empty());
    assert_eq!(store.notes_to_write_count(now()).unwrap(), 0);
    let err = store.mail_note(note.id, now()).unwrap_err();
    assert_eq!(err.field(), Some("status"));
    assert!(err.to_string().contains("Do not contact"), "{err}");
    assert!(store.print_batch(&[note.id], Addressing::None).is_err());
    let before = store.prospect(id).unwrap().stats;
    assert_eq!(before.touchpoints, 0, "nothing was logged");

    // Pursued again: the note is back, as it was.
    let mut input = store.prospect(id).unwrap().input();
    input.status = Status::Client;
    input.status_reason.clear();
    store.update_prospect(id, input, now()).unwrap();
    let listed = store.notes_to_write(now()).unwrap();
    assert_eq!(
        listed[0].note.as_ref().unwrap().body,
        "Dear Dana, thank you."
    );
    store.mail_note(note.id, now()).unwrap();
}
