//! The tray icon, seen the way a desktop's tray host sees it: this test plays the
//! StatusNotifierWatcher on the session bus, so the app's indicator registers with it,
//! then reads the count beside the icon and clicks a menu item over D-Bus (dbusmenu).

use crate::harness::{Running, APP};
use chrono::{Duration, NaiveTime};
use followthrough_core::cadence::Settings;
use followthrough_core::model::{ProspectInput, Source, Weekday};
use followthrough_core::{clock, store::DB_FILE, Store};
use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// A dbusmenu item as GetLayout returns it: id, properties, children.
type MenuItem = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

#[derive(Default, Clone)]
struct Watcher {
    /// (bus name, service or object path) of every item that registered.
    items: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        self.items
            .lock()
            .unwrap()
            .push((sender, service.to_string()));
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|(_, s)| s.clone())
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

#[test]
#[ignore = "needs a display and a session bus: run by scripts/test"]
fn the_tray_shows_the_count_and_its_menu_pauses_reminders() {
    let watcher = Watcher::default();
    let host = zbus::blocking::connection::Builder::session()
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .serve_at("/StatusNotifierWatcher", watcher.clone())
        .unwrap()
        .build()
        .expect("stand in for the tray host");

    // Two follow-ups overdue.
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        let mut s = Settings::standard("UTC".parse().expect("UTC is a zone"));
        s.week.workdays = Weekday::ALL.to_vec();
        s.week.day_start = NaiveTime::MIN;
        s.week.day_end = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
        store.save_settings(s, clock::now()).unwrap();
        for name in ["Olga Overdue", "Tom Tardy"] {
            store
                .create_prospect(
                    ProspectInput {
                        name: name.into(),
                        source: Source::Referral,
                        ..Default::default()
                    },
                    clock::now() - Duration::days(3),
                )
                .unwrap();
        }
    }
    let _app = Running(
        Command::new(APP)
            .arg("--data-dir")
            .arg(data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    {
        // The indicator registers with our watcher.
        let started = Instant::now();
        let (bus_name, service) = loop {
            if let Some(item) = watcher.items.lock().unwrap().first().cloned() {
                break item;
            }
            assert!(
                started.elapsed().as_secs() < 15,
                "the tray icon never registered"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        };
        let path = if service.starts_with('/') {
            service.clone()
        } else {
            "/StatusNotifierItem".to_string()
        };
        // Read properties fresh each time, as a host does on the item's change signals
        // (a caching proxy would keep the value from before the count was set).
        let props = zbus::blocking::fdo::PropertiesProxy::builder(&host)
            .destination(bus_name.as_str())
            .unwrap()
            .path(path.as_str())
            .unwrap()
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .unwrap();
        let item_iface =
            zbus::names::InterfaceName::try_from("org.kde.StatusNotifierItem").unwrap();
        let property = |name: &str| -> OwnedValue { props.get(item_iface.clone(), name).unwrap() };

        // The number due now, beside the icon (once the first reminder round has run).
        let started = Instant::now();
        loop {
            let label: String = property("XAyatanaLabel").try_into().unwrap_or_default();
            if label == "2" {
                break;
            }
            assert!(
                started.elapsed().as_secs() < 15,
                "tray label is {label:?}, expected \"2\""
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }

        // The menu, as the host reads it, and a click on "Pause reminders for 1 hour".
        let menu_path: OwnedObjectPath = property("Menu").try_into().unwrap();
        let menu = zbus::blocking::Proxy::new(
            &host,
            bus_name.as_str(),
            menu_path.as_str(),
            "com.canonical.dbusmenu",
        )
        .unwrap();
        let (_revision, (root_id, root_props, children)): (u32, MenuItem) = menu
            .call("GetLayout", &(0i32, -1i32, vec!["label"]))
            .unwrap();
        let mut labels = Vec::new();
        collect_labels(root_id, &root_props, &children, &mut labels);
        for wanted in [
            "Open Follow Through",
            "Today's follow-ups",
            "Pause reminders for 1 hour",
            "Pause reminders until tomorrow",
            "Quit",
        ] {
            assert!(
                labels.iter().any(|(_, l)| l == wanted),
                "menu has {wanted:?}: {labels:?}"
            );
        }
        let pause = labels
            .iter()
            .find(|(_, l)| l == "Pause reminders for 1 hour")
            .unwrap()
            .0;
        let _: () = menu
            .call("Event", &(pause, "clicked", Value::from(0i32), 0u32))
            .unwrap();
        let started = Instant::now();
        loop {
            let store = Store::open(&data.path().join(DB_FILE)).unwrap();
            if let Some(until) = store.reminders_paused_until().unwrap() {
                let minutes = (until - clock::now()).num_minutes();
                assert!((55..=60).contains(&minutes), "paused for {minutes} minutes");
                break;
            }
            assert!(
                started.elapsed().as_secs() < 10,
                "the menu click did not pause reminders"
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

/// Walks a dbusmenu layout, collecting (id, label) of every item, mnemonics removed.
fn collect_labels(
    id: i32,
    props: &HashMap<String, OwnedValue>,
    children: &[OwnedValue],
    out: &mut Vec<(i32, String)>,
) {
    if let Some(label) = props
        .get("label")
        .and_then(|l| l.try_clone().ok())
        .and_then(|l| String::try_from(l).ok())
    {
        out.push((id, label.replace('_', "")));
    }
    for child in children {
        let mut value: &Value = child;
        while let Value::Value(inner) = value {
            value = inner;
        }
        let Value::Structure(item) = value else {
            continue;
        };
        let fields = item.fields();
        let (Some(Value::I32(child_id)), Some(props), Some(Value::Array(grandchildren))) =
            (fields.first(), fields.get(1), fields.get(2))
        else {
            continue;
        };
        let props: HashMap<String, OwnedValue> = props
            .try_clone()
            .ok()
            .and_then(|p| HashMap::try_from(p).ok())
            .unwrap_or_default();
        let grandchildren: Vec<OwnedValue> = grandchildren
            .iter()
            .filter_map(|g| OwnedValue::try_from(g.try_clone().ok()?).ok())
            .collect();
        collect_labels(*child_id, &props, &grandchildren, out);
    }
}
