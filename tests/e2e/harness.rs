//! Drives the real, built app window over WebDriver: `tauri-driver` (which wraps
//! WebKitWebDriver) launches the binary cargo built for this test run.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use followthrough_core::model::ProspectInput;
use followthrough_core::{clock, store::DB_FILE, Store};
use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_followthrough");
const DRIVER_PORT: u16 = 4444;
/// Where tauri-driver starts WebKitWebDriver (its default).
const NATIVE_PORT: u16 = 4445;
const WAIT: Duration = Duration::from_secs(10);

/// A running tauri-driver. Dropped with SIGTERM, never SIGKILL: a killed tauri-driver
/// leaves WebKitWebDriver behind holding the test's output open.
pub struct Driver {
    child: Child,
}

impl Driver {
    pub fn start() -> Driver {
        Driver::start_with_env(&[])
    }

    /// `env` reaches the app too, since tauri-driver's children inherit it.
    pub fn start_with_env(env: &[(&str, &Path)]) -> Driver {
        let mut cmd = Command::new("tauri-driver");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Driver::spawn(cmd)
    }

    /// tauri-driver (and so the app) in a private mount namespace where `dir` is
    /// mounted read-only (a user namespace: no root needed, nothing outside changes).
    pub fn start_with_read_only(dir: &Path) -> Driver {
        let dir = dir.display().to_string();
        let mut cmd = Command::new("unshare");
        cmd.args([
            "--user",
            "--map-root-user",
            "--mount",
            "--propagation",
            "private",
        ])
        .args([
            "sh",
            "-c",
            r#"mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec tauri-driver"#,
            "sh",
        ])
        .arg(&dir);
        Driver::spawn(cmd)
    }

    fn spawn(mut cmd: Command) -> Driver {
        // The last test's WebKitWebDriver may still hold its port while it exits; a new
        // one started meanwhile can't listen and fails the next test.
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", NATIVE_PORT)).is_ok() {
            assert!(
                started.elapsed() < WAIT,
                "the last WebKitWebDriver still holds port {NATIVE_PORT}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Its own process group, so dropping the driver also ends WebKitWebDriver and
        // the app, even when a failed test never closed its session.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        cmd.stdout(Stdio::null()).stderr(Stdio::inherit());
        let child = cmd
            .spawn()
            .expect("tauri-driver must be installed (scripts/test installs it)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
            assert!(
                started.elapsed() < WAIT,
                "tauri-driver did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

/// An app process started directly (no WebDriver), ended when dropped, even when the
/// test fails.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Adds Jenny Lee of Northwind Dental, created now, to the book in `dir` (made if new);
/// her id.
pub fn add_jenny(dir: &Path) -> i64 {
    let mut store = Store::open(&dir.join(DB_FILE)).expect("the test's book opens");
    store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                company: "Northwind Dental".into(),
                ..Default::default()
            },
            clock::now(),
        )
        .expect("a valid prospect")
        .id
}

/// WebDriver capabilities that start `application` with `args`.
fn capabilities(application: &str, args: &[String]) -> serde_json::Map<String, Value> {
    let caps = json!({
        "browserName": "wry",
        "tauri:options": { "application": application, "args": args },
    });
    let Value::Object(caps) = caps else {
        unreachable!("a json object literal")
    };
    caps
}

/// Starts the app on `data_dir` (or the default folder, when `None`).
pub async fn session(data_dir: Option<&Path>) -> App {
    let mut args = Vec::new();
    if let Some(dir) = data_dir {
        args.push("--data-dir".to_string());
        args.push(dir.display().to_string());
    }
    session_of(APP, &args).await
}

/// Starts any Tauri binary with `args` (the benchmarks start a release build, and the
/// empty window they compare it with).
pub async fn session_of(application: &str, args: &[String]) -> App {
    let client = ClientBuilder::native()
        .capabilities(capabilities(application, args))
        .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
        .await
        .expect("WebDriver session with the app");
    App { c: client }
}

/// Launches the app and waits until its UI has booted (every list loaded and drawn). A
/// new book's first-run screen is skipped, as a returning user never sees it: the first
/// run has tests of its own (first_run.rs, with `launch_new`).
pub async fn launch(data_dir: Option<&Path>) -> App {
    let app = launch_new(data_dir).await;
    if app.welcome_open().await {
        app.click("#welcome-skip").await;
        app.wait_until(
            "the first-run screen to close",
            "return document.querySelector('#welcome').hidden",
        )
        .await;
    }
    app
}

/// Launches the app and waits until its UI has booted, leaving the first-run screen (if
/// the book is new) open.
pub async fn launch_new(data_dir: Option<&Path>) -> App {
    let app = session(data_dir).await;
    app.wait_until(
        "the app boots",
        "return document.body.dataset.ready === 'true'",
    )
    .await;
    app
}

pub struct App {
    pub c: Client,
}

impl App {
    pub async fn find(&self, css: &str) -> Element {
        // Waits for the element, and also past WebKitWebDriver's occasional garbled
        // answer while the page is busy ("Could not parse element info", seen right after
        // a refused keystroke): any failure is asked again until WAIT is up.
        let started = Instant::now();
        loop {
            match self.c.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if started.elapsed() > WAIT => panic!("no element {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    pub async fn click(&self, css: &str) {
        // The UI redraws lists as answers arrive: an element found a moment ago may have
        // been replaced by the time it is clicked. Then find it again, a few times.
        let mut attempts = 0;
        loop {
            let element = self.find(css).await;
            // Into the middle of its scroll box first: WebKitWebDriver will not click an
            // element it has to scroll a dialog for.
            let arg = serde_json::to_value(&element).expect("an element reference serialises");
            let _ = self
                .c
                .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
                .await;
            match element.click().await {
                Ok(_) => return,
                Err(e) if attempts < 5 && e.is_stale_element_reference() => attempts += 1,
                Err(e) => panic!("click {css}: {e:?}"),
            }
        }
    }

    /// Picks the option with `value` in the `<select>` at `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.find(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value:?} in {css}: {e}"));
    }

    /// Whether the first-run screen is showing.
    pub async fn welcome_open(&self) -> bool {
        self.js("const w = document.querySelector('#welcome'); return w !== null && !w.hidden")
            .await
            == true
    }

    pub async fn fill(&self, css: &str, text: &str) {
        // WebKitWebDriver now and then refuses keys with an empty error while the page is
        // busy redrawing (seen once in CI right after a toast's action re-filtered the
        // list). The field is cleared before each try, so a retry never doubles the text.
        let mut attempts = 0;
        loop {
            let field = self.find(css).await;
            let typed = match field.clear().await {
                Ok(()) => field.send_keys(text).await,
                Err(e) => Err(e),
            };
            match typed {
                Ok(()) => return,
                Err(e) if attempts < 4 => {
                    eprintln!("typing into {css} failed ({e:?}); trying again");
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("type into {css}: {e:?}"),
            }
        }
    }

    /// Types on the keyboard into whatever has focus, as a person would (WebDriver
    /// actions, so no element reference can go stale while the UI re-renders).
    pub async fn keys(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for ch in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: ch })
                .then(KeyAction::Up { value: ch });
        }
        self.c
            .perform_actions(actions)
            .await
            .expect("keyboard input");
    }

    /// Presses `key` (a `Key` or a character) while holding `modifier`, e.g. Ctrl+Enter.
    pub async fn chord(&self, modifier: Key, key: impl Into<char>) {
        self.chord_times(modifier, key, 1).await;
    }

    /// Presses `key` `times` times in a row, holding `modifier` all along: a double
    /// Ctrl+Enter, as a quick finger makes it.
    pub async fn chord_times(&self, modifier: Key, key: impl Into<char>, times: usize) {
        let (m, k) = (char::from(modifier), key.into());
        let mut actions = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: m });
        for _ in 0..times {
            actions = actions
                .then(KeyAction::Down { value: k })
                .then(KeyAction::Up { value: k });
        }
        self.c
            .perform_actions(actions.then(KeyAction::Up { value: m }))
            .await
            .expect("keyboard chord");
    }

    /// The element's text content (what the DOM holds, whatever the layout).
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await;
        let v = self
            .js(&format!(
                "return document.querySelector({}).textContent.trim()",
                json!(css)
            ))
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.c.find_all(Locator::Css(css)).await.unwrap() {
            out.push(e.text().await.unwrap());
        }
        out
    }

    pub async fn js(&self, script: &str) -> Value {
        self.c
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {script}: {e}"))
    }

    /// Polls a JS predicate until it returns true. The UI updates asynchronously (every
    /// action is an IPC round trip), so tests wait for the result rather than sleep.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            if self.js(script).await == Value::Bool(true) {
                return;
            }
            if started.elapsed() > WAIT {
                self.screenshot("failure").await;
                panic!("timed out waiting for {what} (screen in tests/artifacts/failure.png)");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of `css` equals `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) {
        let script = format!(
            "const e = document.querySelector({css}); return !!e && e.textContent.trim() === {expected};",
            css = json!(css),
            expected = json!(expected)
        );
        self.wait_until(&format!("{css} to read {expected:?}"), &script)
            .await;
    }

    /// The names in the visible list rows, top to bottom.
    pub async fn list_names(&self) -> Vec<String> {
        let v = self
            .js(
                "return [...document.querySelectorAll('#list .row:not(.placeholder)')]\
                 .sort((a, b) => a.dataset.index - b.dataset.index)\
                 .map(r => r.querySelector('.row-name').textContent)",
            )
            .await;
        serde_json::from_value(v).unwrap()
    }

    pub async fn wait_list(&self, expected: &[&str]) {
        let script = format!(
            "const names = [...document.querySelectorAll('#list .row:not(.placeholder)')]\
               .sort((a, b) => a.dataset.index - b.dataset.index)\
               .map(r => r.querySelector('.row-name').textContent);\
             return !document.getElementById('list').hidden && JSON.stringify(names) === {};",
            json!(serde_json::to_string(expected).unwrap())
        );
        let started = Instant::now();
        loop {
            if self.js(&script).await == Value::Bool(true) {
                return;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "list shows {:?}, expected {expected:?}",
                    self.list_names().await
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn screenshot(&self, name: &str) {
        // Let the last DOM change reach the screen first: two animation frames.
        let _ = self
            .c
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));", vec![])
            .await;
        let png = self.c.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    pub async fn quit(self) {
        self.c
            .close()
            .await
            .expect("end the session (closes the app)");
    }
}
