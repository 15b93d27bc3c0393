//! Desktop reminders against a real notification server (dunst) on the test's private
//! D-Bus session, and against no server and a server that never answers.

use crate::harness::{launch, App, Driver, Running, APP};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use followthrough_core::cadence::Settings;
use followthrough_core::model::{ProspectInput, Source, Weekday};
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// The instant the app's clock starts at in the tests that fix it (`start_app_at`): a
/// Wednesday at noon UTC, far from midnight, so a block a few seconds ahead is today.
fn t0() -> DateTime<Utc> {
    "2026-03-04T12:00:00Z".parse().expect("an RFC 3339 instant")
}

/// A data folder in UTC where every day is a working day from 00:00 to 23:59:59 and the
/// one follow-up block is `block`.
fn store_with_block(dir: &Path, block: NaiveTime, now: DateTime<Utc>) -> Store {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let mut s = Settings::standard("UTC".parse().expect("UTC is a zone"));
    s.week.workdays = Weekday::ALL.to_vec();
    s.week.day_start = NaiveTime::MIN;
    s.week.day_end = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
    s.week.blocks = vec![block];
    store.save_settings(s, now).unwrap();
    store
}

fn add(store: &mut Store, name: &str, created: DateTime<Utc>) {
    store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                source: Source::Referral,
                ..Default::default()
            },
            created,
        )
        .unwrap();
}

/// dunst on the session bus, and a dbus-monitor recording every Notify call.
struct Server {
    /// dunst, when this test started it (it may already run, or be D-Bus activated).
    dunst: Option<Child>,
    monitor: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
    /// The folder of the server's own dunstrc and menu script (`start_choosing`).
    _config: Option<tempfile::TempDir>,
}

impl Server {
    fn start() -> Server {
        Server::start_on(None)
    }

    /// On the test's session bus, or on the bus at `address`.
    fn start_on(address: Option<&str>) -> Server {
        Server::start_with(address, None)
    }

    /// A dunst of this test's own whose context menu (`dunstctl context`) picks the first
    /// entry containing `choice`, as a user would in it: whatever server held the name
    /// before (one D-Bus started for an earlier test) is stopped first.
    fn start_choosing(choice: &str) -> Server {
        if let Some(pid) = name_owner_pid("org.freedesktop.Notifications") {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            let started = Instant::now();
            while name_has_owner_on(None, "org.freedesktop.Notifications") {
                assert!(
                    started.elapsed().as_secs() < 10,
                    "the earlier notification server did not stop"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let menu = dir.path().join("menu.sh");
        // dunst hands the menu one line per action ("#Snooze 1 hour (summary) [id,key]")
        // and acts on the line it gets back.
        std::fs::write(&menu, format!("#!/bin/sh\nexec grep -m1 -F '{choice}'\n")).unwrap();
        std::fs::set_permissions(&menu, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let config = dir.path().join("dunstrc");
        std::fs::write(
            &config,
            format!("[global]\n    dmenu = {}\n", menu.display()),
        )
        .unwrap();
        let mut server = Server::start_with(None, Some(&config));
        server._config = Some(dir);
        server
    }

    /// `config`: a dunstrc for the dunst this starts (none is started if a server
    /// already holds the name).
    fn start_with(address: Option<&str>, config: Option<&Path>) -> Server {
        let on_bus = |cmd: &mut Command| {
            if let Some(address) = address {
                cmd.env("DBUS_SESSION_BUS_ADDRESS", address);
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("notify.log");
        let mut monitor = Command::new("dbus-monitor");
        on_bus(&mut monitor);
        let monitor = monitor
            .arg("--session")
            .arg("interface='org.freedesktop.Notifications',member='Notify'")
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor");
        // It is listening once the bus has made it a monitor (it then loses its name).
        let started = Instant::now();
        while !std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("member=NameLost")
        {
            assert!(
                started.elapsed().as_secs() < 10,
                "dbus-monitor did not start monitoring"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The server after the monitor: a call waiting for a server to appear (as the
        // app's, after one hung) reaches it the moment it takes the name.
        let mut dunst = None;
        if !name_has_owner_on(address, "org.freedesktop.Notifications") {
            let mut cmd = Command::new("dunst");
            on_bus(&mut cmd);
            if let Some(config) = config {
                cmd.arg("-config").arg(config);
            }
            dunst = Some(
                cmd.stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("dunst"),
            );
            let started = Instant::now();
            while !name_has_owner_on(address, "org.freedesktop.Notifications") {
                assert!(
                    started.elapsed().as_secs() < 10,
                    "dunst did not take the bus name"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        // A server already on the bus (started by D-Bus activation when an earlier test's
        // app had something due) may still show that app's notifications: clear them, so
        // "the first notification" is this test's.
        let mut close = Command::new("dunstctl");
        on_bus(close.arg("close-all"));
        let _ = close.status();
        Server {
            dunst,
            monitor,
            log,
            _dir: dir,
            _config: None,
        }
    }

    /// Every Notify call so far: (arrival time, summary, body).
    fn notifications(&self) -> Vec<(f64, String, String)> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut out = Vec::new();
        for block in text.split("method call ").skip(1) {
            if !block.contains("member=Notify") {
                continue;
            }
            let time: f64 = block
                .split("time=")
                .nth(1)
                .and_then(|t| t.split_whitespace().next())
                .and_then(|t| t.parse().ok())
                .unwrap_or(0.0);
            let strings: Vec<String> = block
                .lines()
                .filter_map(|l| l.trim().strip_prefix("string \""))
                .map(|l| l.trim_end_matches('"').to_string())
                .collect();
            if strings.len() >= 4 {
                out.push((time, strings[2].clone(), strings[3].clone()));
            }
        }
        out
    }

    fn wait_for(&self, count: usize, secs: u64) -> Vec<(f64, String, String)> {
        let started = Instant::now();
        loop {
            let n = self.notifications();
            if n.len() >= count || started.elapsed().as_secs() >= secs {
                return n;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        for child in std::iter::once(&mut self.monitor).chain(self.dunst.as_mut()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Whether `name` has an owner on the session bus, or on the bus at `address`.
fn name_has_owner_on(address: Option<&str>, name: &str) -> bool {
    ask_bus(address, "NameHasOwner", name).contains("boolean true")
}

/// The process id of `name`'s owner on the test's session bus.
fn name_owner_pid(name: &str) -> Option<u32> {
    ask_bus(None, "GetConnectionUnixProcessID", name)
        .split("uint32")
        .nth(1)?
        .trim()
        .parse()
        .ok()
}

/// The bus's own answer to `method` about `name`, as dbus-send prints it ("" if none).
fn ask_bus(address: Option<&str>, method: &str, name: &str) -> String {
    let mut cmd = Command::new("dbus-send");
    if let Some(address) = address {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", address);
    }
    cmd.args([
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        &format!("org.freedesktop.DBus.{method}"),
        &format!("string:{name}"),
    ])
    .output()
    .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    .unwrap_or_default()
}

/// Runs dunstctl with `args`, as a user's click or menu on the notification would.
fn dunstctl(args: &[&str]) {
    let ran = Command::new("dunstctl")
        .args(args)
        .status()
        .expect("dunstctl");
    assert!(ran.success(), "dunstctl {args:?}");
}

fn start_app(dir: &Path, envs: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(APP);
    cmd.arg("--data-dir")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().expect("the app starts")
}

/// Starts the app with its clock fixed to start at `at` (and the machine's zone UTC).
fn start_app_at(dir: &Path, at: DateTime<Utc>, envs: &[(&str, &str)]) -> Child {
    let at = at.to_rfc3339();
    let mut all = vec![
        (clock::TEST_NOW_VAR, at.as_str()),
        (clock::TEST_ZONE_VAR, "UTC"),
    ];
    all.extend_from_slice(envs);
    start_app(dir, &all)
}

/// Reads the app's stderr until it says where its fixed clock started on the wall clock;
/// keeps draining it afterwards so the app never blocks on a full pipe.
fn test_clock_start(stderr: std::process::ChildStderr) -> DateTime<Utc> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(wall) = line.split(" started at wall clock ").nth(1) {
                let _ = tx.send(wall.trim().to_string());
            }
        }
    });
    let wall = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the app reports its test clock");
    wall.parse().expect("an RFC 3339 instant")
}

/// How many reminders the app has recorded as sent (read beside the running app).
fn reminders_recorded(dir: &Path) -> i64 {
    use followthrough_core::rusqlite::{Connection, OpenFlags};
    Connection::open_with_flags(dir.join(DB_FILE), OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM reminders_sent", [], |r| r.get(0)))
        .unwrap_or(0)
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn a_block_of_due_follow_ups_is_one_notification_within_two_seconds() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    // The app's clock starts at t0; the block starts 8 seconds later.
    let due = t0() + Duration::seconds(8);
    let mut store = store_with_block(data.path(), due.time(), t0());
    for name in ["Jenny Lee", "Marcus Okafor", "Priya Patel"] {
        add(&mut store, name, t0());
    }
    drop(store);
    let before = server.notifications().len();
    // On the wall clock the block starts 8 s after the app's clock started at t0.
    let mut child = start_app_at(data.path(), t0(), &[]);
    let stderr = child.stderr.take().expect("the app's stderr is piped");
    let _app = Running(child);
    let launched = test_clock_start(stderr);
    let got = server.wait_for(before + 1, 20);
    assert_eq!(got.len(), before + 1, "one grouped notification: {got:?}");
    let (time, summary, body) = &got[before];
    assert_eq!(summary, "3 follow-ups due");
    for name in ["Jenny Lee", "Marcus Okafor", "Priya Patel"] {
        assert!(body.contains(name), "{body}");
    }
    let due_on_the_wall = launched + (due - t0());
    let latency = time - due_on_the_wall.timestamp_millis() as f64 / 1000.0;
    println!(
        "due instant to notification on the bus: {:.0} ms",
        latency * 1000.0
    );
    assert!(
        (0.0..2.0).contains(&latency),
        "arrived {latency:.3} s after the due instant"
    );
    // Nothing more for the same block.
    let got = server.wait_for(before + 2, 2);
    assert_eq!(got.len(), before + 1, "one notification per block: {got:?}");
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn what_came_due_while_closed_is_announced_once_not_after_a_restart() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    let t0 = t0();
    let mut store = store_with_block(data.path(), NaiveTime::from_hms_opt(9, 30, 0).unwrap(), t0);
    add(&mut store, "Olga Overdue", t0 - Duration::days(3));
    add(&mut store, "Tom Tardy", t0 - Duration::days(2));
    drop(store);
    let before = server.notifications().len();
    let app = Running(start_app_at(data.path(), t0, &[]));
    let got = server.wait_for(before + 1, 15);
    assert_eq!(got.len(), before + 1);
    assert_eq!(got[before].1, "2 follow-ups waiting");
    assert!(got[before]
        .2
        .contains("came due while Follow Through was closed"));
    // Quit once the app has recorded the reminder (not in the same millisecond as it
    // reaches the bus), as a person would a moment after seeing it.
    let started = Instant::now();
    while reminders_recorded(data.path()) < 2 {
        assert!(
            started.elapsed().as_secs() < 10,
            "the reminder was never recorded"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(app);
    // Restart a minute later: it was recorded, so nothing is repeated. (The first round
    // runs two seconds after start; a repeat would arrive within the next second.)
    let _again = Running(start_app_at(data.path(), t0 + Duration::minutes(1), &[]));
    let got = server.wait_for(before + 2, 6);
    assert_eq!(got.len(), before + 1, "no repeat after a restart: {got:?}");
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn the_scheduler_sleeps_when_nothing_is_due() {
    let data = tempfile::tempdir().unwrap();
    let mut store = store_with_block(
        data.path(),
        NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
        clock::now(),
    );
    // Touched just now: the next touch is a week away.
    add(&mut store, "Jenny Lee", clock::now());
    let id = store.list_prospects(&Default::default()).unwrap().rows[0].id;
    store
        .log_touch(
            followthrough_core::model::TouchInput::new(
                id,
                followthrough_core::model::Channel::Call,
                followthrough_core::model::Outcome::Conversation,
            ),
            clock::now(),
        )
        .unwrap();
    drop(store);
    let mut app = start_app(data.path(), &[("FOLLOWTHROUGH_LOG_WAKES", "1")]);
    let stderr = app.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .filter(|l| l.starts_with("scheduler wake"))
            .count()
    });
    std::thread::sleep(std::time::Duration::from_secs(130));
    let _ = app.kill();
    let _ = app.wait();
    let wakes = reader.join().unwrap();
    println!("scheduler wake-ups in 130 s with nothing due: {wakes}");
    // One at start; the next look is the quarter-hour wall-clock check. Allow one for
    // start-up.
    assert!((1..=2).contains(&wakes), "{wakes} wake-ups in 130 s");
}

/// A private session bus with no service directories: nothing can be auto-started on it.
struct BareBus {
    daemon: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl BareBus {
    fn start() -> BareBus {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \
                 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\
                 <busconfig><type>session</type><listen>unix:dir={}</listen><auth>EXTERNAL</auth>\
                 <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
                 <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
                dir.path().display()
            ),
        )
        .unwrap();
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .arg("--print-address")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon");
        let mut address = String::new();
        use std::io::BufRead;
        std::io::BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        BareBus {
            daemon,
            address: address.trim().to_string(),
            _dir: dir,
        }
    }
}

impl Drop for BareBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

async fn app_stays_usable_and_shows_the_banner(bus: &BareBus, data: &Path) {
    let (_driver, app) = banner_shown(bus, data).await;
    app.screenshot("09-no-notification-server").await;
    app.quit().await;
}

/// Starts the app on `bus` and waits for the in-app banner to name what is overdue.
async fn banner_shown(bus: &BareBus, data: &Path) -> (Driver, App) {
    let driver = Driver::start_with_env(&[("DBUS_SESSION_BUS_ADDRESS", Path::new(&bus.address))]);
    let started = Instant::now();
    let app = launch(Some(data)).await;
    // The window is usable at once, whatever the notification server is doing.
    app.keys("j").await;
    app.wait_text("#detail-name", "Olga Overdue").await;
    assert!(started.elapsed().as_secs_f64() < 8.0);
    app.wait_until(
        "the in-app banner",
        "return !document.getElementById('notify-banner').hidden",
    )
    .await;
    let banner = app.text("#notify-banner").await;
    assert!(
        banner.contains("Olga Overdue") && banner.contains("aren't available"),
        "{banner}"
    );
    (driver, app)
}

fn overdue_data() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let mut store = store_with_block(
        data.path(),
        NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
        clock::now(),
    );
    add(&mut store, "Olga Overdue", clock::now() - Duration::days(3));
    data
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn without_a_notification_server_reminders_show_in_the_app() {
    let bus = BareBus::start();
    app_stays_usable_and_shows_the_banner(&bus, overdue_data().path()).await;
}

/// A notification server on `bus` that owns org.freedesktop.Notifications and never
/// replies to anything.
fn black_hole(bus: &BareBus) -> Child {
    let hole = Command::new("dbus-test-tool")
        .args([
            "black-hole",
            "--session",
            "--name=org.freedesktop.Notifications",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-test-tool (package dbus-tests)");
    let started = Instant::now();
    while !name_has_owner_on(Some(&bus.address), "org.freedesktop.Notifications") {
        assert!(
            started.elapsed().as_secs() < 10,
            "the black hole did not take the bus name"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    hole
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_notification_server_that_never_answers_blocks_nothing() {
    let bus = BareBus::start();
    let mut hole = black_hole(&bus);
    let data = overdue_data();
    let (_driver, app) = banner_shown(&bus, data.path()).await;
    // While the server still hangs, what comes due later shows in the banner too: an
    // inbound lead can't wait for the desktop to recover.
    app.js("window.__TAURI__.core.invoke('create_prospect', \
           { input: { name: 'Web Lead Wendy', source: 'inbound_web' } }); return true;")
        .await;
    app.wait_until(
        "the banner to name the new lead",
        "return document.getElementById('notify-banner').textContent.includes('Web Lead Wendy')",
    )
    .await;
    app.quit().await;
    let _ = hole.kill();
    let _ = hole.wait();
}

/// Benchmark (scripts/bench, not CI): 12 follow-up blocks (the most a day may have)
/// three seconds apart, one prospect due in each; the delay from each due instant to its
/// notification on the bus (written to FOLLOWTHROUGH_BENCH_RESULTS/notification.json when
/// that is set).
#[test]
#[ignore = "benchmark: run by scripts/bench"]
fn bench_notification_latency() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    // The app's clock starts at t0 (noon): the blocks are all today.
    let first = t0() + Duration::seconds(10);
    let blocks: Vec<DateTime<Utc>> = (0..12).map(|i| first + Duration::seconds(3 * i)).collect();
    let mut store = store_with_block(data.path(), first.time(), t0());
    let mut s = store.settings().unwrap();
    s.week.blocks = blocks.iter().map(|b| b.time()).collect();
    store.save_settings(s, t0()).unwrap();
    // Prospect i is created just after block i-1, so its first contact is due at block i.
    for (i, _) in blocks.iter().enumerate() {
        let created = if i == 0 {
            t0()
        } else {
            blocks[i - 1] + Duration::milliseconds(500)
        };
        add(&mut store, &format!("Prospect {i:02}"), created);
    }
    drop(store);
    let before = server.notifications().len();
    // The app says when, on the wall clock, its clock started at t0: block i is due
    // (due - t0) after that.
    let mut child = start_app_at(data.path(), t0(), &[]);
    let stderr = child.stderr.take().expect("the app's stderr is piped");
    let _app = Running(child);
    let launched = test_clock_start(stderr);
    let got = server.wait_for(before + blocks.len(), 100);
    let mut delays: Vec<f64> = got[before..]
        .iter()
        .zip(&blocks)
        .map(|((time, _, _), due)| {
            let due = launched + (*due - t0());
            (time - due.timestamp_millis() as f64 / 1000.0) * 1000.0
        })
        .collect();
    assert_eq!(
        delays.len(),
        blocks.len(),
        "one notification per block: {got:?}"
    );
    delays.sort_by(f64::total_cmp);
    let pick = |q: f64| delays[((delays.len() - 1) as f64 * q).round() as usize];
    println!(
        "notification latency over {} blocks: median {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        delays.len(),
        pick(0.5),
        pick(0.95),
        delays[delays.len() - 1]
    );
    if let Some(dir) = std::env::var_os("FOLLOWTHROUGH_BENCH_RESULTS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let figures = serde_json::json!({ "delays_ms": delays });
        std::fs::write(dir.join("notification.json"), figures.to_string()).unwrap();
    }
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn clicking_the_notification_opens_today() {
    let server = Server::start();
    let data = overdue_data();
    let before = server.notifications().len();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    assert_eq!(server.wait_for(before + 1, 10).len(), before + 1);
    // Look somewhere else first, then click the notification (dunst's default action).
    app.click("[data-view=all]").await;
    app.wait_until(
        "the prospect list",
        "return !document.getElementById('list').hidden",
    )
    .await;
    dunstctl(&["action", "0"]);
    app.wait_until(
        "Today, opened by the notification",
        "const b = document.querySelector('[data-view=today]'); return !!b && b.getAttribute('aria-pressed') === 'true'",
    )
    .await;
    app.wait_text("#detail-name", "Olga Overdue").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn snoozing_from_the_notification_moves_the_follow_up_an_hour() {
    let server = Server::start_choosing("Snooze 1 hour");
    let data = overdue_data();
    let before = server.notifications().len();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    assert_eq!(server.wait_for(before + 1, 10).len(), before + 1);
    app.wait_until(
        "Olga due now in Today",
        "const w = document.querySelector('#queue .due-why'); return !!w && !w.textContent.includes('snoozed')",
    )
    .await;
    // The notification's menu, its Snooze entry chosen.
    let asked = clock::now();
    dunstctl(&["context"]);
    // The window shows it without being asked: she waits the hour (still today's).
    app.wait_until(
        "Olga snoozed in Today",
        "const w = document.querySelector('#queue .due-why'); return !!w && w.textContent.includes('snoozed until')",
    )
    .await;
    let store = Store::open(&data.path().join(DB_FILE)).unwrap();
    let due = store
        .next_due_after(asked)
        .unwrap()
        .expect("Olga is due again later");
    let hour = Duration::hours(1);
    assert!(
        due >= asked + hour - Duration::seconds(1) && due <= clock::now() + hour,
        "due again an hour after the snooze: {due} (snoozed at {asked})"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn start_at_login_and_keep_in_tray_are_settings() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config");
    let data = overdue_data();
    let _driver = Driver::start_with_env(&[("HOME", home.path()), ("XDG_CONFIG_HOME", &config)]);
    let app = launch(Some(data.path())).await;
    app.click("#settings-button").await;
    let login = app.find("#s-login").await;
    assert_eq!(
        login.prop("checked").await.unwrap().as_deref(),
        Some("false")
    );
    // Click the labels, as a person would (the boxes themselves are small).
    app.click("label:has(#s-login)").await;
    app.click("label:has(#s-tray)").await;
    app.click("#s-save").await;
    app.wait_until(
        "the dialog to close",
        "return document.getElementById('settings').hidden",
    )
    .await;
    let autostart = config.join("autostart");
    let entries: Vec<_> = std::fs::read_dir(&autostart)
        .unwrap_or_else(|e| panic!("no {}: {e}", autostart.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "one autostart entry: {entries:?}");
    let entry = std::fs::read_to_string(&entries[0]).unwrap();
    assert!(
        entry.contains(APP) || entry.contains("followthrough"),
        "{entry}"
    );
    // Reopened, the dialog shows what was saved; unticking removes the entry.
    app.click("#settings-button").await;
    let login = app.find("#s-login").await;
    assert_eq!(
        login.prop("checked").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        app.find("#s-tray")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("false")
    );
    app.click("label:has(#s-login)").await;
    app.click("#s-save").await;
    app.wait_until(
        "the dialog to close",
        "return document.getElementById('settings').hidden",
    )
    .await;
    assert_eq!(std::fs::read_dir(&autostart).unwrap().count(), 0);
    app.quit().await;
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn a_second_launch_on_the_same_folder_hands_over_one_scheduler_one_notification() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    let t0 = t0();
    let mut store = store_with_block(data.path(), NaiveTime::from_hms_opt(9, 30, 0).unwrap(), t0);
    add(&mut store, "Olga Overdue", t0 - Duration::days(3));
    drop(store);
    let before = server.notifications().len();
    let mut first = Running(start_app_at(data.path(), t0, &[]));
    // The second launch comes before the first has announced anything: with two
    // schedulers on one folder, both would.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let mut second = start_app_at(data.path(), t0, &[]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed().as_secs() < 15,
            "the second launch kept running on a folder in use"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "handed over, not failed: {status:?}");
    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first app still runs"
    );
    let got = server.wait_for(before + 1, 15);
    assert_eq!(got.len(), before + 1);
    let got = server.wait_for(before + 2, 5);
    assert_eq!(
        got.len(),
        before + 1,
        "one scheduler, one notification: {got:?}"
    );
    // The running app took the launch: another one on its folder is still handed over.
    let status = start_app_at(data.path(), t0, &[]).wait().unwrap();
    assert!(status.success());
    assert!(first.0.try_wait().unwrap().is_none());
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_folder_held_by_an_app_that_does_not_answer_is_refused_untouched() {
    let data = tempfile::tempdir().unwrap();
    // Something holds the folder's lock but answers nobody (as an app hung at start-up).
    let lock = std::fs::File::create(data.path().join("followthrough.lock")).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(data.path().join("followthrough.lock"), "4242\n").unwrap();
    let _driver = Driver::start();
    let app = crate::harness::session(Some(data.path())).await;
    app.wait_until(
        "the in-use screen",
        "return !document.getElementById('fatal').hidden",
    )
    .await;
    let title = app.text("#fatal-title").await;
    let message = app.text("#fatal-message").await;
    assert_eq!(title, "This data folder is already open");
    assert!(
        message.contains("in use by another Follow Through (process 4242)"),
        "{message}"
    );
    app.screenshot("10-folder-in-use").await;
    app.quit().await;
    assert!(
        !data.path().join(DB_FILE).exists(),
        "no database was opened or created"
    );
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn a_notification_server_that_hangs_then_recovers_gets_the_reminder_once() {
    let bus = BareBus::start();
    let mut hole = black_hole(&bus);
    let data = tempfile::tempdir().unwrap();
    let t0 = t0();
    let mut store = store_with_block(data.path(), NaiveTime::from_hms_opt(9, 30, 0).unwrap(), t0);
    // Names a markup-reading server would mangle if they went unescaped.
    add(&mut store, "Smith & Sons", t0 - Duration::days(3));
    add(&mut store, "Tom <Tardy>", t0 - Duration::days(2));
    drop(store);
    let mut app = start_app_at(
        data.path(),
        t0,
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())],
    );
    let stderr = app.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            eprintln!("app: {line}");
        }
    });
    let _app = Running(app);
    // The first round (two seconds after start) hangs on the server: nothing counts as
    // announced while it hangs.
    std::thread::sleep(std::time::Duration::from_secs(5));
    assert_eq!(
        reminders_recorded(data.path()),
        0,
        "recorded while the server hung"
    );

    // The server goes away and a working one takes its place.
    let _ = hole.kill();
    let _ = hole.wait();
    let server = Server::start_on(Some(&bus.address));
    let got = server.wait_for(1, 15);
    assert_eq!(
        got.len(),
        1,
        "the reminder once the server answers: {got:?}"
    );
    assert_eq!(got[0].1, "2 follow-ups waiting");
    // dunst reads markup: the names arrive escaped, to be shown as written.
    assert!(got[0].2.contains("Smith &amp; Sons"), "{}", got[0].2);
    assert!(got[0].2.contains("Tom &lt;Tardy&gt;"), "{}", got[0].2);
    let started = Instant::now();
    while reminders_recorded(data.path()) < 2 {
        assert!(started.elapsed().as_secs() < 10, "never recorded");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let got = server.wait_for(2, 5);
    assert_eq!(got.len(), 1, "once, not again: {got:?}");
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn a_reminder_that_cannot_be_recorded_is_not_shown_again() {
    let server = Server::start();
    let data = tempfile::tempdir().unwrap();
    let t0 = t0();
    // The one block is 8 seconds after the app's clock starts.
    let mut store = store_with_block(data.path(), (t0 + Duration::seconds(8)).time(), t0);
    add(&mut store, "Olga Overdue", t0 - Duration::days(3));
    add(&mut store, "Nina New", t0);
    drop(store);
    // The database refuses every record of a reminder (as a full disk would).
    followthrough_core::rusqlite::Connection::open(data.path().join(DB_FILE))
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON reminders_sent \
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let before = server.notifications().len();
    let _app = Running(start_app_at(data.path(), t0, &[]));
    // At start: what came due while closed.
    let got = server.wait_for(before + 1, 15);
    assert_eq!(got.len(), before + 1);
    assert_eq!(got[before].1, "1 follow-up waiting: Olga Overdue");
    // At the block: only what is new. Olga was announced; that the record failed does
    // not make her news again.
    let got = server.wait_for(before + 2, 15);
    assert_eq!(got.len(), before + 2, "{got:?}");
    assert_eq!(got[before + 1].1, "Nina New is due: call");
    let got = server.wait_for(before + 3, 3);
    assert_eq!(got.len(), before + 2, "nothing repeated: {got:?}");
}
