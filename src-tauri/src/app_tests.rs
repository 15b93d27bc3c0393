//! The app built on Tauri's mock runtime (the real command table, state, plugins and
//! capability; see `Desktop::Headless` for what is left out), driven over IPC with the
//! payloads the UI sends (`ui/js/api.js`). And the command list checked against every
//! place that names the commands.

use crate::db::Db;
use crate::{app_builder, context, AppInfo, Desktop, COMMANDS};
use followthrough_core::{store::DB_FILE, Store};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

mod backups;

struct TestApp {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

impl TestApp {
    /// The app on a fresh data folder, with its "main" window from tauri.conf.json.
    fn start() -> TestApp {
        TestApp::start_in(tempfile::tempdir().unwrap())
    }

    /// The app on `dir`, as it finds it.
    fn start_in(dir: tempfile::TempDir) -> TestApp {
        let file = dir.path().join(DB_FILE);
        let db = Db::new(file.clone(), Store::open(&file));
        TestApp::start_with(dir, db)
    }

    /// The app on `dir` with the store (or its absence) given.
    fn start_with(dir: tempfile::TempDir, db: Db) -> TestApp {
        let info = AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            data_dir: dir.path().display().to_string(),
            log_dir: dir.path().join("logs").display().to_string(),
            vocabulary: followthrough_core::vocabulary::vocabulary(),
            started: std::time::Instant::now(),
            read_only: false,
        };
        let mut app = app_builder(mock_builder(), db, info, Desktop::Headless)
            .build(context())
            .expect("the app builds on the mock runtime");
        // Start-up proper (the windows in tauri.conf.json, then our `setup`) runs with the
        // event loop. One iteration runs it and returns: the mock runtime's iteration
        // does nothing else, so this is not the busy loop the deprecation warns about.
        #[allow(deprecated)]
        app.run_iteration(|_, _| {});
        let window = app
            .get_webview_window("main")
            .expect("the main window from tauri.conf.json");
        TestApp {
            _app: app,
            window,
            dir,
        }
    }

    /// What `invoke(cmd, args)` in the window resolves to (`Ok`) or rejects with (`Err`).
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The app's own origin on Linux and macOS: what the capability allows.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request)
            .map(|body| body.deserialize::<Value>().expect("every reply is JSON"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args.clone())
            .unwrap_or_else(|e| panic!("{cmd} {args} failed: {e}"))
    }
}

#[test]
fn a_created_prospect_is_listed() {
    let app = TestApp::start();
    let created = app.ok(
        "create_prospect",
        json!({"input": {"name": "Jenny Lee", "company": "Northwind Dental", "tags": ["dental"]}}),
    );
    assert_eq!(created["name"], "Jenny Lee");
    let id = created["id"].as_i64().expect("an id");
    let page = app.ok(
        "list_prospects",
        json!({"query": {"text": "north", "status": null, "stage": null, "tag": null,
                         "sort": "name", "offset": 0, "limit": 50}}),
    );
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["id"], id);
    assert_eq!(page["rows"][0]["company"], "Northwind Dental");
    let detail = app.ok("get_prospect", json!({"id": id}));
    assert_eq!(detail["prospect"]["name"], "Jenny Lee", "{detail}");
    // The database is the one in the data folder the app was given.
    assert!(app.dir.path().join(DB_FILE).exists());
}

#[test]
fn a_bad_touch_is_refused_with_the_field_to_fix() {
    let app = TestApp::start();
    let id = app.ok("create_prospect", json!({"input": {"name": "Jenny Lee"}}))["id"].clone();
    let err = app
        .invoke(
            "log_touch",
            json!({"input": {"prospect_id": id, "channel": "call", "outcome": "no_response",
                             "at": "2100-01-01T09:00:00Z", "note": ""}}),
        )
        .expect_err("a touch in the future is refused");
    assert_eq!(err["code"], "invalid", "{err}");
    assert_eq!(err["field"], "at", "{err}");
    assert!(err["message"].as_str().unwrap().contains("future"), "{err}");
    // The same touch now is logged, and counts.
    let touch = app.ok(
        "log_touch",
        json!({"input": {"prospect_id": id, "channel": "voicemail", "outcome": "no_response",
                         "at": null, "note": "left a message"}}),
    );
    assert_eq!(touch["channel"], "voicemail");
}

#[test]
fn a_missing_prospect_is_plain_words() {
    let app = TestApp::start();
    let err = app.invoke("get_prospect", json!({"id": 999})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn app_info_carries_the_vocabulary_and_the_data_folder() {
    let app = TestApp::start();
    let info = app.ok("app_info", json!({}));
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["data_dir"], app.dir.path().display().to_string());
    // As the window gets it: JSON text (an f32 reads back as its shortest decimal, where
    // `to_value` would widen it to f64's digits).
    let text = serde_json::to_string(&followthrough_core::vocabulary::vocabulary()).unwrap();
    let vocabulary: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(info["vocabulary"], vocabulary);
    assert!(info["vocabulary"]["channels"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
}

#[test]
fn the_queues_are_named_and_an_unknown_one_is_refused() {
    let app = TestApp::start();
    for name in ["today", "upcoming", "one_hit", "stalled"] {
        app.ok("queue", json!({"name": name, "limit": 200}));
    }
    let err = app
        .invoke("queue", json!({"name": "yesterday", "limit": 200}))
        .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    assert_eq!(err["field"], "queue", "{err}");
}

#[test]
fn camel_case_arguments_reach_the_commands() {
    // compose(templateId, prospectId, reasonId), as api.js sends them.
    let app = TestApp::start();
    let prospect = app.ok(
        "create_prospect",
        json!({"input": {"name": "Jenny Lee", "company": "Northwind Dental"}}),
    )["id"]
        .clone();
    let templates = app.ok("list_templates", json!({}));
    let template = templates
        .as_array()
        .and_then(|t| t.first())
        .expect("the starter templates")["id"]
        .clone();
    let composed = app.ok(
        "compose",
        json!({"templateId": template, "prospectId": prospect, "reasonId": null}),
    );
    assert!(composed.is_object(), "{composed}");
    let plans = app.ok("list_plans", json!({}));
    let plan = plans[0]["id"].clone();
    app.ok("assign_plan", json!({"id": prospect, "planId": plan}));
}

#[test]
fn a_delete_answers_with_what_undoes_it_and_restore_brings_it_back() {
    let app = TestApp::start();
    let id = app.ok(
        "create_prospect",
        json!({"input": {"name": "Jenny Lee", "company": "Northwind Dental"}}),
    )["id"]
        .clone();
    let touch = json!({"prospect_id": id, "channel": "voicemail", "outcome": "no_response",
                       "at": null, "note": "left a message"});
    app.ok("log_touch", json!({"input": touch}));
    let deleted = app.ok("delete_prospect", json!({"id": id}));
    assert_eq!(deleted["kind"], "prospect", "{deleted}");
    assert_eq!(deleted["label"], "Jenny Lee");
    assert_eq!(deleted["detail"], "Northwind Dental · 1 touch");
    let listed = app.ok("recently_deleted", json!({}));
    assert_eq!(listed, json!([deleted]));
    let restored = app.ok("restore_deleted", json!({"id": deleted["id"]}));
    assert_eq!(restored["prospect_id"], id, "{restored}");
    let detail = app.ok("get_prospect", json!({"id": id}));
    assert_eq!(detail["touches"][0]["note"], "left a message");
    assert_eq!(app.ok("recently_deleted", json!({})), json!([]));
    let again = app
        .invoke("restore_deleted", json!({"id": deleted["id"]}))
        .unwrap_err();
    assert_eq!(again["code"], "not_found", "{again}");
}

#[test]
fn stopping_early_asks_and_a_stale_edit_is_a_conflict() {
    let app = TestApp::start();
    let created = app.ok("create_prospect", json!({"input": {"name": "Sam Ortiz"}}));
    let id = created["id"].clone();
    let never = json!({"prospect_id": id, "channel": "call", "outcome": "never", "at": null});
    let err = app
        .invoke("log_touch", json!({"input": never}))
        .unwrap_err();
    assert_eq!(err["code"], "confirm", "{err}");
    let mut confirmed = never.clone();
    confirmed["confirm_stop"] = json!(true);
    app.ok("log_touch", json!({"input": confirmed}));
    // The form opened before that touch: its save is refused, nothing is overwritten.
    let stale = json!({"name": "Sam Ortiz", "notes": "typed", "version": created["version"]});
    let err = app
        .invoke("update_prospect", json!({"id": id, "input": stale}))
        .unwrap_err();
    assert_eq!(err["code"], "conflict", "{err}");
    let now = app.ok("get_prospect", json!({"id": id}));
    assert_eq!(now["prospect"]["status"], "do_not_contact");
    assert_eq!(now["prospect"]["notes"], "");
}

#[test]
fn preferences_save_without_touching_the_login_items() {
    // The headless app has no autostart plugin: saving start-at-login stores the choice.
    let app = TestApp::start();
    let mut prefs = app.ok("get_prefs", json!({}));
    prefs["start_at_login"] = json!(true);
    prefs["keep_in_tray"] = json!(false);
    app.ok("save_prefs", json!({"prefs": prefs}));
    assert_eq!(app.ok("get_prefs", json!({})), prefs);
    let status = app.ok("reminder_status", json!({}));
    assert_eq!(status["due_now"], 0, "{status}");
}

#[test]
fn every_command_is_routed_and_allowed_and_nothing_else() {
    let app = TestApp::start();
    let unknown = app
        .invoke("no_such_command", json!({}))
        .expect_err("an unknown command is refused");
    let unknown = unknown.to_string();
    // A command that is routed and allowed either answers (the ones without arguments)
    // or complains about its arguments: never what an unknown command gets.
    let without_arguments = [
        "app_info",
        "ui_ready",
        "overview",
        "get_settings",
        "list_plans",
        "reminder_status",
        "get_prefs",
        "list_templates",
        "get_profile",
        "list_reasons",
        "notes_to_write",
        "notes_to_write_count",
        "weekly_review",
        "list_backups",
        "backup_now",
        "restore_newest_backup",
        "recently_deleted",
        "cancel_import",
        "calendar_settings",
        "about_info",
        "diagnostic_report",
        "finish_welcome",
        "add_samples",
        "remove_samples",
    ];
    for &cmd in COMMANDS {
        match app.invoke(cmd, json!({})) {
            Ok(_) => assert!(
                without_arguments.contains(&cmd),
                "{cmd} answered without its arguments"
            ),
            Err(e) => {
                let e = e.to_string();
                assert_ne!(e, unknown, "{cmd} is not routed");
                // The headless app has no file chooser (it would wait for a person).
                let no_chooser = cmd.starts_with("choose_") && e.contains("file chooser");
                assert!(
                    e.contains("missing required key") || e.contains("invalid args") || no_chooser,
                    "{cmd}: {e}"
                );
            }
        }
    }
}

/// Windows shows a notification under its app's name only when the AppUserModelID it
/// carries is the one the installers put on the shortcut: the bundle identifier.
#[test]
fn notifications_carry_the_installers_app_user_model_id() {
    assert_eq!(
        crate::notifier::APP_USER_MODEL_ID,
        context::<MockRuntime>().config().identifier
    );
}

/// The permission names tauri.conf.json's capability grants for the app's own commands
/// (`allow-log-touch` for `log_touch`), and the other permissions, with plugin prefixes.
fn capability_commands(root: &Path) -> (BTreeSet<String>, Vec<String>) {
    let text = std::fs::read_to_string(root.join("tauri.conf.json")).unwrap();
    let conf: Value = serde_json::from_str(&text).unwrap();
    let mut commands = BTreeSet::new();
    let mut other = Vec::new();
    for capability in conf["app"]["security"]["capabilities"].as_array().unwrap() {
        for permission in capability["permissions"].as_array().unwrap() {
            let permission = permission
                .as_str()
                .expect("permissions are written as names");
            match permission.strip_prefix("allow-") {
                Some(name) if !permission.contains(':') => {
                    commands.insert(name.replace('-', "_"));
                }
                _ => other.push(permission.to_string()),
            }
        }
    }
    (commands, other)
}

/// Every command ui/js/api.js invokes: `call("name"` (its wrapper) or `invoke("name"`.
fn ui_commands(api_js: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for opener in ["call(\"", "invoke(\""] {
        for (at, _) in api_js.match_indices(opener) {
            let rest = &api_js[at + opener.len()..];
            let end = rest.find('"').expect("a closed string");
            found.insert(rest[..end].to_string());
        }
    }
    found
}

fn listed(set: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = set.into_iter().collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

#[test]
fn the_command_list_agrees_with_the_capability_and_the_ui() {
    // The list in command_list.rs is the one build.rs gives permissions to and
    // generate_handler! routes (both expand the same macro); the capability and the UI
    // are checked against it here.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let commands: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(commands.len(), COMMANDS.len(), "a command is listed twice");

    let (allowed, other) = capability_commands(root);
    let api_js = std::fs::read_to_string(root.join("ui/js/api.js")).unwrap();
    let invoked = ui_commands(&api_js);

    let mut problems = Vec::new();
    let mut check = |what: &str, a: &BTreeSet<String>, b: &BTreeSet<String>| {
        let missing: Vec<String> = a.difference(b).cloned().collect();
        if !missing.is_empty() {
            problems.push(format!("{what}: {}", listed(missing)));
        }
    };
    check(
        "commands in command_list.rs the capability in tauri.conf.json does not allow",
        &commands,
        &allowed,
    );
    check(
        "permissions in tauri.conf.json for commands command_list.rs does not have",
        &allowed,
        &commands,
    );
    check(
        "commands in command_list.rs that ui/js/api.js never invokes",
        &commands,
        &invoked,
    );
    check(
        "commands ui/js/api.js invokes that command_list.rs does not have",
        &invoked,
        &commands,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Anything else the window may do is a core permission, named on purpose.
    for permission in &other {
        assert!(
            permission.starts_with("core:"),
            "tauri.conf.json grants {permission}: only the app's commands and core \
             permissions are expected"
        );
    }
}

#[test]
fn only_api_js_calls_invoke() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js");
    let mut stack = vec![root.clone()];
    let mut callers = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "js")
                && path != root.join("api.js")
                && std::fs::read_to_string(&path)
                    .unwrap()
                    .contains("__TAURI__.core")
            {
                callers.push(path.display().to_string());
            }
        }
    }
    assert!(
        callers.is_empty(),
        "these call the shell without api.js, so the command-list test can't see them: {}",
        callers.join(", ")
    );
}

#[test]
fn the_ui_parser_finds_both_spellings() {
    let found = ui_commands(
        "const a = () => call(\"log_touch\", { input });\ninvoke(\"app_info\");\ncall(command, args)",
    );
    assert_eq!(
        found,
        BTreeSet::from(["app_info".to_string(), "log_touch".to_string()])
    );
}
