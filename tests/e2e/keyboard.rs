use crate::harness::{launch, App, Driver};
use fantoccini::key::Key;

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
    app.click("#list").await;
    app.keys("?").await;
    app.wait_until(
        "the help overlay",
        "return !document.getElementById('help').hidden",
    )
    .await;
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
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        "help closed",
        "return document.getElementById('help').hidden",
    )
    .await;
    app.quit().await;
}
