//! Writing the touch through the real window: a handwritten note drafted from Today with
//! a reason from the library, printed to PDF (the file read back with poppler), mailed,
//! and the touch and the next due date seen to move; templates and reasons refusing bad
//! input at the point of entry.

use crate::harness::{launch, App, Driver};
use chrono::{Duration, NaiveDate};
use fantoccini::key::Key;
use followthrough_core::model::{Address, ProspectInput, Stage, Status};
use followthrough_core::store::reasons::Reason;
use followthrough_core::store::templates::Profile;
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

const REASON: &str = "Dental fee schedule changes 1 March";

/// A new client, owed the Client care plan's thank-you note (due a week after they
/// signed, so overdue now); a reason that suits dental practices; the user's own name.
fn seed(dir: &Path) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let now = clock::now();
    store
        .create_prospect(
            ProspectInput {
                name: "Dana Whitfield".into(),
                company: "Harbor Dental".into(),
                status: Status::Client,
                stage: Stage::Won,
                tags: vec!["dental".into()],
                address: Address {
                    street: "18 Harbor Way".into(),
                    city: "Portland".into(),
                    region: "OR".into(),
                    postal_code: "97201".into(),
                    country: String::new(),
                },
                ..Default::default()
            },
            now - Duration::days(30),
        )
        .unwrap();
    store
        .save_reason(
            Reason {
                id: 0,
                title: REASON.into(),
                detail: "Cleanings move to the new schedule.".into(),
                link: String::new(),
                dated: Some(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
                expires_on: None,
                tags: vec!["dental".into()],
            },
            now,
        )
        .unwrap();
    store
        .save_profile(Profile {
            my_name: "Sam Rivera".into(),
            return_address: "2 Side St\nChicago, IL 60610".into(),
            ..Default::default()
        })
        .unwrap();
}

/// A private XDG config whose documents folder is `docs`, so the PDF lands where the
/// test can find it — the same lookup the app makes on any Linux desktop.
fn documents_in(config: &Path, docs: &Path) {
    std::fs::write(
        config.join("user-dirs.dirs"),
        format!("XDG_DOCUMENTS_DIR=\"{}\"\n", docs.display()),
    )
    .unwrap();
}

/// W: the "Write it" card, with the draft in focus.
async fn open_composer(app: &App) {
    app.keys("w").await;
    app.wait_until(
        "the draft in focus",
        "return document.activeElement.id === 'draft-body'",
    )
    .await;
}

/// What the system print dialog would be given: `capture` (a script's function of the
/// print sheet) answered when the window asks for it. The dialog itself is modal GTK, out
/// of WebDriver's reach, so window.print is replaced.
async fn print_dialog(app: &App, capture: &str) -> serde_json::Value {
    app.js(&format!(
        "window.printed = undefined;
         window.print = () => {{ window.printed = ({capture})(document.querySelector('#print-sheet')); }};"
    ))
    .await;
    app.click("#print-dialog").await;
    app.wait_until(
        "the print dialog asked for",
        "return window.printed !== undefined",
    )
    .await;
    app.js("return window.printed").await
}

async fn value(app: &App, css: &str) -> String {
    app.find(css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} must be installed (scripts/test installs poppler-utils): {e}")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn draft_a_note_from_today_print_it_and_mail_it() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    seed(data.path());
    documents_in(config.path(), docs.path());
    let _driver = Driver::start_with_env(&[("XDG_CONFIG_HOME", config.path())]);
    let app = launch(Some(data.path())).await;

    // Today lists the note; the sidebar counts it under Notes to write too.
    app.wait_text("#queue .due-name", "Dana Whitfield").await;
    app.wait_text("[data-view=notes] .filter-count", "1").await;
    app.keys("j").await;
    app.wait_text("#detail-name", "Dana Whitfield").await;
    let due_before = app.text("#next-due-at").await;

    // W opens the composer on the due channel, with the first note template merged. It
    // names a field Dana has no value for: flagged in the preview, not left blank.
    open_composer(&app).await;
    assert_eq!(value(&app, "#compose-channel").await, "handwritten_note");
    app.wait_text(
        "#merge-preview .merge-missing",
        "What you last talked about",
    )
    .await;
    assert!(value(&app, "#draft-body").await.starts_with("Dear Dana,"));
    assert!(app.text("#note-address").await.contains("18 Harbor Way"));

    // Longer than the card: the count says so at once, and saving is refused with the
    // text kept.
    let long = "Thank you again for choosing us this year. ".repeat(12);
    app.fill("#draft-body", &long).await;
    app.wait_until(
        "the fit turns red",
        "return document.querySelector('#note-fit').classList.contains('over')",
    )
    .await;
    assert!(app.text("#note-fit").await.starts_with("Too long"));
    app.click("#note-save").await;
    app.wait_until(
        "the refusal",
        "return document.querySelector('#compose-error').textContent.startsWith('Too long')",
    )
    .await;
    assert_eq!(value(&app, "#draft-body").await.trim(), long.trim());

    // The reason the library suggests for a dental client, and a template that uses it.
    // Picking a template keeps what was written; only "Replace my text" drops it.
    app.find("#compose-template")
        .await
        .select_by_label("Thought of you")
        .await
        .unwrap();
    app.wait_until(
        "the offer to replace the text",
        "return !document.querySelector('#use-template').hidden",
    )
    .await;
    assert_eq!(value(&app, "#draft-body").await.trim(), long.trim());
    app.click("#use-template").await;
    app.wait_text(".reason-chip span:first-child", REASON).await;
    app.click(".reason-chip").await;
    app.wait_until(
        "the reason merged into the note",
        &format!(
            "return document.querySelector('#draft-body').value.includes({})",
            serde_json::json!(REASON)
        ),
    )
    .await;
    assert!(app.text("#note-fit").await.contains("of 13 lines"));
    app.js("document.querySelector('#note-sheet').scrollIntoView({block: 'center'})")
        .await;
    app.screenshot("20-note-composer").await;

    // Ctrl+Enter saves the draft.
    app.find("#draft-body").await.click().await.unwrap();
    app.chord(Key::Control, Key::Enter).await;
    app.wait_text("#note-state", "Drafted").await;

    // Notes to write: print the batch to PDF.
    app.click("[data-view=notes]").await;
    app.wait_text("#notes .due-name", "Dana Whitfield").await;
    app.wait_text("#notes .note-state", "Drafted").await;
    app.select("#print-addressing", "envelopes").await;
    app.click("#print-pdf").await;
    app.wait_until(
        "the PDF is written",
        "return document.querySelector('#print-result').textContent.startsWith('Saved')",
    )
    .await;
    // The keyboard is not dropped: it is on the Open link the bar now shows.
    assert_eq!(
        app.js("return document.activeElement.matches('#print-result .link-button')")
            .await,
        serde_json::Value::Bool(true)
    );
    app.screenshot("21-notes-to-write").await;
    let folder = docs.path().join("Follow Through");
    let pdfs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("no {}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let pdf = &pdfs[0];
    assert!(app
        .text("#print-result")
        .await
        .contains(&pdf.display().to_string()));
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 2")),
        "a note page and an envelope:\n{info}"
    );
    let text = poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for expected in [
        "To Dana Whitfield",
        "Dear Dana,",
        REASON.split(' ').next().unwrap(),
        "18 Harbor Way",
        "Portland, OR 97201",
        "Sam Rivera",
        "2 Side St",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF:\n{text}"
        );
    }
    // The printed page as a picture, to look at beside the window's screenshots.
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            artifacts.join("22-printed-note").to_str().unwrap(),
        ],
    );

    // Print…: the same pages go to the system print dialog.
    let printed = print_dialog(&app, "(sheet) => sheet.textContent").await;
    let printed = printed.as_str().unwrap();
    for expected in [
        "To Dana Whitfield",
        "Dear Dana,",
        "18 Harbor Way",
        "Sam Rivera",
        "2 Side St",
    ] {
        assert!(
            printed.contains(expected),
            "{expected:?} not on the printed sheet: {printed}"
        );
    }

    // Labels on A4: the printed sheet puts each label where the PDF does, as print.rs
    // lays out L7160 (63.5 × 38.1 mm, 7.25 mm from the side, 15.15 mm from the top,
    // 2.5 mm between columns). Measured in millimetres on the sheet as laid out.
    app.select("#print-paper", "a4").await;
    app.select("#print-addressing", "labels").await;
    let labels = print_dialog(
        &app,
        "(sheet) => {
           sheet.classList.add('measuring');
           const mm = (px) => Math.round(px * 25.4 / 96 * 100) / 100;
           const page = sheet.querySelector('.print-labels');
           const at = page.getBoundingClientRect();
           const r = page.querySelector('.print-label').getBoundingClientRect();
           const style = getComputedStyle(page);
           const measured = {
             label: [r.left - at.left, r.top - at.top, r.width, r.height].map(mm),
             columns: style.gridTemplateColumns.split(' ').map((w) => mm(parseFloat(w))),
             gap: mm(parseFloat(style.columnGap)),
             address: page.textContent,
           };
           sheet.classList.remove('measuring');
           return measured;
         }",
    )
    .await;
    let mm = |v: &serde_json::Value| v.as_f64().unwrap();
    let near = |got: f64, want: f64| (got - want).abs() < 0.1;
    let label: Vec<f64> = labels["label"].as_array().unwrap().iter().map(mm).collect();
    assert!(
        label
            .iter()
            .zip([7.25, 15.15, 63.5, 38.1])
            .all(|(&got, want)| near(got, want)),
        "the first label, left/top/width/height in mm: {labels}"
    );
    let columns: Vec<f64> = labels["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(mm)
        .collect();
    assert!(
        columns.len() == 3 && columns.iter().all(|&w| near(w, 63.5)),
        "{labels}"
    );
    assert!(near(mm(&labels["gap"]), 2.5), "{labels}");
    assert!(
        labels["address"]
            .as_str()
            .unwrap()
            .contains("18 Harbor Way"),
        "{labels}"
    );

    // Mailed: the touch is logged (with its reason), and the cadence moves on.
    app.keys("j").await;
    app.keys(&char::from(Key::Enter).to_string()).await;
    app.wait_text("#detail-name", "Dana Whitfield").await;
    app.click("#note-mailed").await;
    app.wait_text("#timeline .touch-channel", "Handwritten note")
        .await;
    assert_eq!(
        app.text("#timeline .touch-reason").await,
        format!("Reason: {REASON}")
    );
    assert!(app
        .text("#timeline .touch-message-text")
        .await
        .starts_with("Dear Dana,"));
    app.wait_text("#stat-touchpoints", "1").await;
    app.wait_until(
        "the next due date moves",
        &format!(
            "return document.querySelector('#next-due-at')?.textContent !== {}",
            serde_json::json!(due_before)
        ),
    )
    .await;
    assert!(!app.text("#next-due-at").await.is_empty());
    app.wait_text("[data-view=notes] .filter-count", "0").await;
    app.wait_text("[data-view=today] .filter-count", "0").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn templates_and_reasons_refuse_bad_input_where_it_is_typed() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    // The starter set is there, for every channel.
    app.click("#templates-button").await;
    app.wait_until(
        "the starter set",
        "return document.querySelectorAll('[data-template]').length >= 8",
    )
    .await;

    // An unknown field: refused, named, and selected in the text.
    app.click("#new-template").await;
    app.fill("#template-name", "Price news").await;
    app.fill(
        "#template-body",
        "Hi {{ frist_name }}, news for {{ company }}.",
    )
    .await;
    app.click("#save-template").await;
    app.wait_until(
        "the refusal",
        "return document.querySelector('#template-error').textContent.includes('frist_name')",
    )
    .await;
    let selected = app
        .js("const t = document.querySelector('#template-body'); return [t.selectionStart, t.selectionEnd, t.getAttribute('aria-invalid'), document.activeElement === t]")
        .await;
    assert_eq!(selected, serde_json::json!([6, 16, "true", true]));

    // Unbalanced braces: refused with a message a salesperson can act on.
    app.fill("#template-body", "Hi {{ first_name, news for you.")
        .await;
    app.click("#save-template").await;
    app.wait_until("the refusal", "return document.querySelector('#template-error').textContent.startsWith('Unbalanced braces')").await;
    assert_eq!(
        value(&app, "#template-body").await,
        "Hi {{ first_name, news for you.",
        "nothing lost"
    );

    // Fixed, it saves and joins the list.
    app.fill(
        "#template-body",
        "Hi {{ first_name }}, news for {{ company }}.",
    )
    .await;
    app.click("#save-template").await;
    app.wait_until("the new template in the list", "return [...document.querySelectorAll('[data-template]')].some(b => b.textContent.startsWith('Price news'))").await;
    app.keys(&char::from(Key::Escape).to_string()).await;

    // A reason with no title: refused at the title, the detail kept.
    app.click("#reasons-button").await;
    app.click("#new-reason").await;
    app.fill("#reason-detail", "Rates fell half a point.").await;
    app.click("#save-reason").await;
    app.wait_until(
        "the refusal",
        "return document.querySelector('#reason-error').textContent.includes('needs a title')",
    )
    .await;
    assert_eq!(
        app.find("#reason-title")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        value(&app, "#reason-detail").await,
        "Rates fell half a point."
    );
    app.fill("#reason-title", "Rates fell").await;
    app.click("#save-reason").await;
    app.wait_until("the reason in the list", "return [...document.querySelectorAll('[data-reason]')].some(b => b.textContent.startsWith('Rates fell'))").await;
    app.quit().await;
}

/// A stand-in mail client, registered the freedesktop way (a .desktop file and a
/// mimeapps.list default): xdg-open hands it the link, it writes the link to `out`.
fn mail_client(config: &Path, data: &Path, out: &Path) {
    let script = data.join("record-link");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", out.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let apps = data.join("applications");
    std::fs::create_dir_all(&apps).unwrap();
    std::fs::write(
        apps.join("ft-test-mail.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Test mail\nExec={} %u\n\
             MimeType=x-scheme-handler/mailto;\nNoDisplay=true\n",
            script.display()
        ),
    )
    .unwrap();
    std::fs::write(
        config.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/mailto=ft-test-mail.desktop\n",
    )
    .unwrap();
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn an_email_with_a_reason_opens_in_the_mail_app_and_logs_with_one_key() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let xdg_data = tempfile::tempdir().unwrap();
    let out = xdg_data.path().join("opened.txt");
    {
        seed(data.path());
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        let now = clock::now();
        // In active pursuit, called once eight days ago: the plan's email is due.
        let id = store
            .create_prospect(
                ProspectInput {
                    name: "Jenny Lee".into(),
                    company: "Northwind Dental".into(),
                    emails: vec!["jenny@northwind.example.com".into()],
                    tags: vec!["dental".into()],
                    ..Default::default()
                },
                now - Duration::days(20),
            )
            .unwrap()
            .id;
        store
            .log_touch(
                followthrough_core::model::TouchInput {
                    at: Some(now - Duration::days(8)),
                    note: "the spring hygiene schedule".into(),
                    ..followthrough_core::model::TouchInput::new(
                        id,
                        followthrough_core::model::Channel::Call,
                        followthrough_core::model::Outcome::Conversation,
                    )
                },
                now,
            )
            .unwrap();
        // More reasons for everyone than the card has buttons for.
        for n in 1..=6 {
            store
                .save_reason(
                    Reason {
                        id: 0,
                        title: format!("Industry news {n}"),
                        detail: String::new(),
                        link: String::new(),
                        dated: None,
                        expires_on: None,
                        tags: vec![],
                    },
                    now,
                )
                .unwrap();
        }
    }
    mail_client(config.path(), xdg_data.path(), &out);
    let _driver = Driver::start_with_env(&[
        ("XDG_CONFIG_HOME", config.path()),
        ("XDG_DATA_HOME", xdg_data.path()),
    ]);
    let app = launch(Some(data.path())).await;

    app.click("[data-view=all]").await;
    app.wait_list(&["Dana Whitfield", "Jenny Lee"]).await;
    app.keys("jj").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    open_composer(&app).await;
    assert_eq!(value(&app, "#compose-channel").await, "email");
    app.find("#compose-template")
        .await
        .select_by_label("Something useful, by email")
        .await
        .unwrap();
    // No reason picked yet: a gentle prompt, and the preview flags the gap.
    app.wait_text(
        ".reason-prompt",
        "Pick one to give them something of value.",
    )
    .await;
    app.wait_text("#merge-preview .merge-missing", "Reason for this touch")
        .await;

    // Five as buttons, the tag's match first; the other two one menu away.
    let chips = app
        .js("return [...document.querySelectorAll('.reason-chip')].map(c => c.firstChild.textContent)")
        .await;
    assert_eq!(chips.as_array().map(Vec::len), Some(5), "{chips}");
    assert_eq!(chips[0], serde_json::json!(REASON));
    let more = app
        .js("return [...document.querySelector('#reason-more').options].map(o => o.text)")
        .await;
    assert_eq!(more[0], serde_json::json!("2 more\u{2026}"), "{more}");
    let picked = more[2].as_str().unwrap().to_string();
    // Chosen from the keyboard's place on the menu (WebDriver's choice moves no focus).
    app.js("document.querySelector('#reason-more').focus(); return true")
        .await;
    app.find("#reason-more")
        .await
        .select_by_label(&picked)
        .await
        .unwrap();
    app.wait_until(
        "the menu's reason in the subject",
        &format!(
            "return document.querySelector('#draft-subject').value.startsWith({})",
            serde_json::json!(picked)
        ),
    )
    .await;
    assert_eq!(
        app.js("return document.querySelector('#reason-more').value !== ''")
            .await,
        serde_json::json!(true),
        "the menu shows the reason picked"
    );
    assert_eq!(
        app.js("return document.activeElement.id").await,
        serde_json::json!("reason-more"),
        "the keyboard stays on the menu"
    );

    // Enter on a chip picks it, and the keyboard stays on it.
    app.js("document.querySelector('.reason-chip').focus(); return true")
        .await;
    app.keys(&char::from(Key::Enter).to_string()).await;
    app.wait_until(
        "the reason in the subject",
        &format!(
            "return document.querySelector('#draft-subject').value.startsWith({})",
            serde_json::json!(REASON)
        ),
    )
    .await;
    assert!(value(&app, "#draft-body")
        .await
        .contains("because of the spring hygiene schedule"));
    assert_eq!(
        app.js("return document.activeElement.matches('.reason-chip[aria-pressed=true]')")
            .await,
        serde_json::json!(true),
        "the keyboard stays on the chip picked"
    );
    app.screenshot("23-email-draft").await;

    // Edits survive the pane being rebuilt (here: a reason added to the library).
    app.find("#draft-body")
        .await
        .send_keys(" PS: typed by hand")
        .await
        .unwrap();
    app.click("#reasons-button").await;
    app.click("#new-reason").await;
    app.fill("#reason-title", "Rates fell").await;
    app.click("#save-reason").await;
    app.wait_until(
        "the reason saved",
        "return [...document.querySelectorAll('[data-reason]')].some(b => b.textContent.startsWith('Rates fell'))",
    )
    .await;
    app.keys(&char::from(Key::Escape).to_string()).await;
    app.wait_until(
        "the draft kept",
        "return document.querySelector('#draft-body')?.value.endsWith('PS: typed by hand')",
    )
    .await;
    assert!(value(&app, "#draft-subject").await.starts_with(REASON));

    // Open in mail app: the user's client gets the draft; nothing is sent from here.
    app.click("#draft-open").await;
    // The stand-in mail app writes the link in one go: once the file has text, it is all
    // there.
    let started = std::time::Instant::now();
    let link = loop {
        match std::fs::read_to_string(&out) {
            Ok(link) if !link.is_empty() => break link,
            _ => {}
        }
        assert!(
            started.elapsed().as_secs() < 10,
            "the mail app was never opened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(
        link.starts_with("mailto:jenny@northwind.example.com?subject=Dental%20fee%20schedule"),
        "{link}"
    );
    assert!(link.contains("&body=Hi%20Jenny%2C%0D%0A"), "{link}");

    // Ctrl+Enter logs it: an email, with its reason, the user's note as its note, and
    // the words sent (the subject too) as its message, folded under the note.
    app.fill("#draft-note", "She asked about the March fees")
        .await;
    // Another channel and back keeps the note as it keeps the draft.
    for channel in ["call", "email"] {
        app.select("#compose-channel", channel).await;
    }
    assert_eq!(
        value(&app, "#draft-note").await,
        "She asked about the March fees"
    );
    app.find("#draft-note").await.click().await.unwrap();
    app.chord(Key::Control, Key::Enter).await;
    app.wait_text("#timeline .touch-channel", "Email").await;
    assert_eq!(
        app.text("#timeline .touch-reason").await,
        format!("Reason: {REASON}")
    );
    assert_eq!(
        app.text("#timeline .touch-note").await,
        "She asked about the March fees"
    );
    let message = app
        .js(
            "const m = document.querySelector('#timeline .touch-message'); \
             return [m.open, m.querySelector('.touch-message-text').textContent]",
        )
        .await;
    assert_eq!(message[0], serde_json::json!(false), "folded until asked");
    assert!(message[1].as_str().is_some_and(
        |m| m.starts_with(&format!("Subject: {REASON}")) && m.contains("PS: typed by hand")
    ));
    app.wait_text("#stat-touchpoints", "2").await;
    // Logged is done with: the card starts again from a template, not from the sent
    // text (which one more Ctrl+Enter would log twice).
    app.wait_until(
        "the card started afresh",
        "return !document.querySelector('#draft-body').value.includes('PS: typed by hand')",
    )
    .await;
    assert_eq!(
        app.js("return document.querySelector('#use-template').hidden")
            .await,
        serde_json::json!(true)
    );
    app.quit().await;
}
