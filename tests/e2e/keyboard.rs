use crate::harness::{add_jenny, launch, App, Driver};
use fantoccini::key::Key;
use followthrough_core::model::ProspectInput;
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::Path;
use std::time::Duration;

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn focused_id(app: &App) -> String {
    app.js("return document.activeElement ? document.activeElement.id : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn selected_name(app: &App) -> String {
    app.js("const r = document.querySelector('#list .row[aria-selected=\"true\"] .row-name'); return r ? r.textContent : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// ? with the focus on the list: the help overlay.
async fn help_from_the_list(app: &App) {
    app.click("#list").await;
    app.keys("?").await;
    app.wait_until(
        "the help overlay",
        "return !document.getElementById('help').hidden",
    )
    .await;
}

/// Esc closes the help overlay.
async fn close_help(app: &App) {
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        "help closed",
        "return document.getElementById('help').hidden",
    )
    .await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn the_whole_list_works_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    // n opens the form with the name focused; Ctrl+Enter saves.
    for name in ["Bravo Brown", "Alpha Adeyemi", "Charlie Chen"] {
        app.keys("n").await;
        app.wait_until("the form", "return document.activeElement.id === 'f-name'")
            .await;
        app.keys(name).await;
        app.chord(Key::Control, Key::Enter).await;
        app.wait_text("#detail-name", name).await;
        app.wait_until(
            "focus back on the list",
            "return document.activeElement.id === 'list'",
        )
        .await;
    }
    app.wait_list(&["Alpha Adeyemi", "Bravo Brown", "Charlie Chen"])
        .await;

    // The new prospect is selected; j/k move through the list and the detail follows.
    assert_eq!(selected_name(&app).await, "Charlie Chen");
    assert_eq!(focused_id(&app).await, "list");
    app.keys("k").await;
    app.keys("k").await;
    app.keys("j").await;
    assert_eq!(selected_name(&app).await, "Bravo Brown");
    app.wait_text("#detail-name", "Bravo Brown").await;
    app.keys("j").await;
    app.keys(&key(Key::Up)).await;
    app.keys("k").await;
    assert_eq!(selected_name(&app).await, "Alpha Adeyemi");
    app.wait_text("#detail-name", "Alpha Adeyemi").await;

    // / focuses search; arrows and Enter work from the search box.
    app.keys("/").await;
    assert_eq!(focused_id(&app).await, "search");
    app.keys("char").await;
    app.wait_list(&["Charlie Chen"]).await;
    app.keys(&key(Key::Down)).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("#detail-name", "Charlie Chen").await;
    assert_eq!(focused_id(&app).await, "detail");

    // l goes to the log form; Esc backs out to the list.
    app.keys("l").await;
    assert_eq!(focused_id(&app).await, "touch-channel");
    app.keys(&key(Key::Escape)).await;
    assert_eq!(focused_id(&app).await, "list");

    // e edits, Esc cancels.
    app.keys("e").await;
    app.wait_until(
        "the edit form",
        "return document.activeElement.id === 'f-name'",
    )
    .await;
    app.keys(&key(Key::Escape)).await;
    app.wait_text("#detail-name", "Charlie Chen").await;

    // Esc in the search box clears it.
    app.keys("/").await;
    app.keys(&key(Key::Escape)).await;
    app.wait_list(&["Alpha Adeyemi", "Bravo Brown", "Charlie Chen"])
        .await;

    // ? shows every shortcut; Esc closes it.
    help_from_the_list(&app).await;
    let help = app.text("#shortcut-list").await;
    for words in [
        "Search",
        "Next prospect",
        "New prospect",
        "Log a touch",
        "Back out",
    ] {
        assert!(help.contains(words), "help lists {words}: {help}");
    }
    app.screenshot("04-help").await;
    close_help(&app).await;
    app.quit().await;
}

/// How many touches prospect `id` has, as the book holds them (not as the screen says).
fn touches_in_book(dir: &Path, id: i64) -> usize {
    Store::open(&dir.join(DB_FILE))
        .unwrap()
        .touches(id)
        .unwrap()
        .len()
}

/// Ctrl+Enter pressed twice in a row, Ctrl held throughout: a double press.
async fn double_ctrl_enter(app: &App) {
    app.chord_times(Key::Control, Key::Enter, 2).await;
}

/// The app on a book of Jenny Lee (and whoever `also` adds), her pane open from the
/// whole list; the folder, her id, the driver and the app.
async fn start_on_jenny(also: impl FnOnce(&Path)) -> (tempfile::TempDir, i64, Driver, App) {
    let data = tempfile::tempdir().unwrap();
    let jenny = add_jenny(data.path());
    also(data.path());
    let driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.click("[data-view=all]").await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    (data, jenny, driver, app)
}

/// L: the focus on the log form's channel, where a digit logs.
async fn to_log_form(app: &App) {
    app.keys("l").await;
    app.wait_until(
        "the channel menu",
        "return document.activeElement.id === 'touch-channel'",
    )
    .await;
}

/// L then `digit`, an outcome that stops follow-up early: waits for the question.
async fn log_asking(app: &App, digit: &str) {
    to_log_form(app).await;
    app.keys(digit).await;
    app.wait_until(
        "the question",
        "return !!document.querySelector('.confirm-bar #confirm-yes')",
    )
    .await;
}

async fn questions_shown(app: &App) -> serde_json::Value {
    app.js("return document.querySelectorAll('.confirm-bar').length")
        .await
}

/// Waits for the screen to show `n` attempts, then long enough for a second write (had
/// one been sent) to land, then checks the book holds exactly `n` touches.
async fn logged_exactly(app: &App, dir: &Path, id: i64, n: usize) {
    app.wait_text("#stat-attempts", &n.to_string()).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(touches_in_book(dir, id), n, "touches in the book");
    assert_eq!(app.text("#stat-attempts").await, n.to_string());
    assert_eq!(app.texts("#timeline .touch").await.len(), n);
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_double_press_logs_one_touch_and_adds_one_prospect() {
    let (data, jenny, _driver, app) = start_on_jenny(|_| {}).await;

    // L, then the digit twice in a row: one touch.
    to_log_form(&app).await;
    app.keys("11").await;
    logged_exactly(&app, data.path(), jenny, 1).await;

    // Ctrl+Enter twice from the note: one more.
    app.wait_until(
        "the note, ready for the next touch",
        "return document.activeElement.id === 'touch-note'",
    )
    .await;
    app.keys("Left a message").await;
    double_ctrl_enter(&app).await;
    logged_exactly(&app, data.path(), jenny, 2).await;

    // Ctrl+Enter twice in the Write it card (on email, whatever is due next): one more.
    app.select("#compose-channel", "email").await;
    app.find("#draft-subject").await;
    app.click("#draft-body").await;
    double_ctrl_enter(&app).await;
    logged_exactly(&app, data.path(), jenny, 3).await;

    // A digit held down repeats: only its first press logs.
    app.js("document.activeElement?.blur(); return true").await;
    to_log_form(&app).await;
    app.js(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', \
         { key: '1', repeat: true, bubbles: true, cancelable: true })); return true",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        touches_in_book(data.path(), jenny),
        3,
        "a repeat logs nothing"
    );

    // The new-prospect form: Ctrl+Enter twice adds them once.
    app.js("document.activeElement?.blur(); return true").await;
    app.keys("n").await;
    app.wait_until("the form", "return document.activeElement.id === 'f-name'")
        .await;
    app.keys("Olga Once").await;
    double_ctrl_enter(&app).await;
    app.wait_text("#detail-name", "Olga Once").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let book = Store::open(&data.path().join(DB_FILE)).unwrap();
    let names: Vec<String> = book
        .list_prospects(&Default::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["Jenny Lee", "Olga Once"]);
    app.wait_list(&["Jenny Lee", "Olga Once"]).await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn escape_answers_stop_before_five_no_and_one_question_shows_at_a_time() {
    let (data, jenny, _driver, app) = start_on_jenny(|_| {}).await;
    let never = app
        .js("return [...document.querySelectorAll('#touch-outcome option')].findIndex(o => o.value === 'never') + 1")
        .await
        .to_string();

    // L then the digit for Never, with no touch yet: the app asks first.
    log_asking(&app, &never).await;
    // Escape answers no: the bar goes, nothing is logged, the keys reach the list again.
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        "the question gone",
        "return !document.querySelector('.confirm-bar')",
    )
    .await;
    app.wait_text("#touch-error", "Not logged: follow-up goes on.")
        .await;
    assert_eq!(touches_in_book(data.path(), jenny), 0);
    assert_eq!(focused_id(&app).await, "list");

    // Asked again, and submitted again while the question is up: still one question.
    log_asking(&app, &never).await;
    app.js("const f = document.getElementById('log-form'); f.requestSubmit(); f.requestSubmit(); return true")
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(questions_shown(&app).await, 1);
    // Y (the focus on the question) says yes: the touch is logged and follow-up stops.
    assert_eq!(focused_id(&app).await, "confirm-yes");
    app.keys("y").await;
    logged_exactly(&app, data.path(), jenny, 1).await;
    app.find(".detail-chips .pill-do_not_contact").await;
    assert_eq!(questions_shown(&app).await, 0);
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn shortcuts_work_right_after_a_dialog_closes_and_enter_in_search_opens_the_match() {
    let (_data, _, _driver, app) = start_on_jenny(|dir| {
        let input = ProspectInput {
            name: "Zed Zimmer".into(),
            ..Default::default()
        };
        let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
        store.create_prospect(input, clock::now()).unwrap();
    })
    .await;

    // ? from the list, Esc: the focus is back on the list, and j moves down it.
    help_from_the_list(&app).await;
    close_help(&app).await;
    assert_eq!(focused_id(&app).await, "list");
    app.keys("j").await;
    app.wait_text("#detail-name", "Zed Zimmer").await;

    // Settings, typing in one of its fields, Esc: N opens the new-prospect form at once.
    app.click("#settings-button").await;
    app.fill("#s-blocks", "09:30").await;
    // Tab and Shift+Tab go round the dialog, never to the window behind it.
    for round in 0..16 {
        if round < 12 {
            app.keys(&key(Key::Tab).repeat(5)).await;
        } else {
            app.chord(Key::Shift, Key::Tab).await;
        }
        assert_eq!(
            app.js("return document.activeElement.closest('#settings') !== null")
                .await,
            serde_json::json!(true),
            "Tab left the dialog (round {round})"
        );
    }
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        "settings closed",
        "return document.getElementById('settings').hidden",
    )
    .await;
    app.keys("n").await;
    app.wait_until(
        "the new-prospect form",
        "return document.activeElement.id === 'f-name'",
    )
    .await;
    app.keys(&key(Key::Escape)).await;

    // Enter straight after typing in the search box opens the match for what was typed,
    // not the row selected in the list as it was a moment before (Zed).
    app.keys("/").await;
    app.keys(&format!("jenny{}", key(Key::Enter))).await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    assert_eq!(focused_id(&app).await, "detail");
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn pane_keys_do_nothing_while_insights_is_shown_and_escape_leaves_it() {
    let (_data, _, _driver, app) = start_on_jenny(|_| {}).await;
    assert_eq!(app.text("#pause-button").await, "Pause");

    app.click("#list").await;
    app.keys("i").await;
    app.wait_until(
        "Insights",
        "return !document.getElementById('insights').hidden",
    )
    .await;
    // P and E would pause or edit the prospect behind it: they do nothing here.
    app.js("document.activeElement?.blur(); return true").await;
    app.keys("pe").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        app.js("return !document.getElementById('insights').hidden")
            .await,
        serde_json::Value::Bool(true),
        "still on Insights"
    );

    // Esc goes back to the list, where she is as she was: not paused, no form open.
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        "Insights left",
        "return document.getElementById('insights').hidden",
    )
    .await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    assert_eq!(app.text("#pause-button").await, "Pause");
    assert!(!app.text("#next-why").await.starts_with("Paused"));
    app.quit().await;
}
