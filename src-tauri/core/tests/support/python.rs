//! An independent library reading what the app wrote: a script in tests/python run by
//! the interpreter of the test environment (scripts/deps.sh makes it, with vobject and
//! icalendar), answering in JSON.

use std::path::Path;

/// The interpreter named by FOLLOWTHROUGH_TEST_PYTHON. Unset, the check is skipped and
/// says so (a failure under CI); set, the script must run.
pub fn test_python(what: &str) -> Option<String> {
    let python = std::env::var("FOLLOWTHROUGH_TEST_PYTHON").ok();
    if python.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "FOLLOWTHROUGH_TEST_PYTHON must name the test Python under CI (scripts/test sets it)"
        );
        eprintln!(
            "skipped: {what} (set FOLLOWTHROUGH_TEST_PYTHON to a Python with vobject and \
             icalendar; scripts/test does)"
        );
    }
    python
}

/// What `script` (in tests/python) says of `file`.
pub fn read_with(python: &str, script: &str, file: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/python")
        .join(script);
    let out = std::process::Command::new(python)
        .arg(&script)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} could not read {}: {}",
        script.display(),
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
