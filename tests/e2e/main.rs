//! End-to-end tests of the real app window. They need a display and tauri-driver, so
//! they are ignored by a plain `cargo test`; `scripts/test` runs them under Xvfb with
//! `--ignored`, one at a time (tauri-driver's ports are fixed).

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

mod about;
mod backups;
mod bench;
mod calendar;
mod failures;
mod first_run;
mod harness;
mod import;
mod insights;
mod keyboard;
mod notes;
mod outside;
mod prospects;
mod reminders;
mod text_sanity;
mod today;
mod tray;
mod undo;
