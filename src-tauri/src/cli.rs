//! The command line. Given a subcommand, the same binary runs headless on the same data
//! folder and exits; without one it starts the desktop app. The usual conventions:
//! `--help` on each subcommand, errors on stderr, exit status 0 on success (2 for a
//! command line clap refuses or input the data refuses, see `failure`; 1 for anything
//! else), nothing printed on success unless asked. Each subcommand calls the same core
//! function as the app's button for it.

use crate::data_dir;
use crate::instance::{self, Shared};
use clap::{Args, Parser, Subcommand, ValueEnum};
use followthrough_core::import::{self as reader, Opened};
use followthrough_core::model::{ExportKind, Selection, Source};
use followthrough_core::store::import::{ImportOptions, ImportReport, OnMatch};
use followthrough_core::store::DB_FILE;
use followthrough_core::{clock, Error, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod backups;
mod book;
mod completions;
mod due;
mod failure;
mod values;

use failure::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "followthrough",
    version,
    about = "Follow Through keeps a salesperson's follow-up moving.",
    long_about = "Follow Through keeps a salesperson's follow-up moving.\n\n\
        Without a command, starts the desktop app. With one, runs it on the same data \
        folder without a window (the app may be running meanwhile) and exits."
)]
pub struct Cli {
    /// The data folder [default: $FOLLOWTHROUGH_DATA_DIR, else the platform's app-data
    /// folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring contacts in from a CSV (Google, Outlook, LinkedIn or any other), a vCard
    /// file or a Follow Through dossier
    Import(ImportArgs),
    /// Write prospects or touches to a file (or standard output)
    Export(ExportArgs),
    /// What is due today (or this week), with why: a table, or JSON with --json
    Due(due::DueArgs),
    /// Add a prospect
    Add(book::AddArgs),
    /// Log a touch: a call, an email, a note… and what came of it
    Log(book::LogArgs),
    /// Back the data up: into the backups folder, or to a file with -o
    Backup(backups::BackupArgs),
    /// Replace the data with a backup file (refused while the app is open)
    Restore(backups::RestoreArgs),
    /// Write the calendar of what is coming (iCalendar) to a file or standard output
    Calendar(CalendarArgs),
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell
    Completions(completions::CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    pub file: PathBuf,
    /// Show what would happen (new, already here, errors) and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Where the new prospects came from
    #[arg(long, value_parser = values::source(), default_value = Source::Other.as_str())]
    pub source: Source,
    /// A tag for every prospect the import creates [default: "Import DATE FILE"]
    #[arg(long)]
    pub tag: Option<String>,
    /// What to do with contacts already here: fill their empty fields (merge) or leave
    /// them be (skip)
    #[arg(long, value_enum, default_value_t = OnMatchArg::Skip)]
    pub on_match: OnMatchArg,
    /// New first contacts a working day, so a large import is not all due at once
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub per_day: u32,
    /// Print the summary even when every row came in
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum)]
    pub what: ExportArg,
    /// Only prospects with this tag (a territory)
    #[arg(long)]
    pub tag: Option<String>,
    /// The file to write ("-": standard output) [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OnMatchArg {
    Merge,
    Skip,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportArg {
    /// Prospects as CSV, every field, one row each
    Csv,
    /// Every touch as CSV
    Touches,
    /// vCard 4.0
    Vcard,
    /// vCard 3.0, for older programs
    Vcard3,
    /// A hand-off dossier another Follow Through imports with the history intact
    Dossier,
    /// The same dossier as a page to read or print (HTML)
    Html,
}

impl From<ExportArg> for ExportKind {
    fn from(e: ExportArg) -> ExportKind {
        match e {
            ExportArg::Csv => ExportKind::ProspectsCsv,
            ExportArg::Touches => ExportKind::TouchesCsv,
            ExportArg::Vcard => ExportKind::VCard4,
            ExportArg::Vcard3 => ExportKind::VCard3,
            ExportArg::Dossier => ExportKind::Dossier,
            ExportArg::Html => ExportKind::DossierHtml,
        }
    }
}

/// Runs a subcommand if the command line names one (`Some(exit status)`); `None` starts
/// the app. `--help`, `--version` and a command line clap refuses print and exit here.
pub fn dispatch() -> Option<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; mistakes to stderr with 2.
            let _ = e.print();
            return Some(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)));
        }
    };
    let command = cli.command?;
    // The flag as clap read it: the same text elsewhere (a name after "--") is not it.
    let dir = data_dir::from_flag(cli.data_dir, std::env::var_os(data_dir::ENV_VAR)).path;
    let result: Result<(), Failure> = match command {
        Command::Import(args) => import(&dir, &args),
        Command::Export(args) => export(&dir, &args),
        Command::Calendar(args) => calendar(&dir, &args),
        Command::Due(args) => due::run(&dir, &args),
        Command::Add(args) => book::add(&dir, &args),
        Command::Log(args) => book::log(&dir, &args),
        Command::Backup(args) => backups::backup(&dir, &args),
        Command::Restore(args) => backups::restore(&dir, &args),
        Command::Completions(args) => completions::run(&args),
    };
    Some(match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    })
}

/// The store for a command: upgraded and seeded like the app's when no app holds the
/// folder (the lock is then held until the command ends), opened as it is beside a
/// running app.
fn open(dir: &Path) -> Result<(Store, Option<std::fs::File>), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("the data folder {} can't be made: {e}", dir.display()))?;
    let file = dir.join(DB_FILE);
    match instance::share(dir) {
        Shared::Alone(lock) => Store::open_seeded(&file, crate::db::seed())
            .map(|s| (s, Some(lock)))
            .map_err(|e| e.to_string()),
        Shared::BesideApp => Store::open_without_upgrade(&file)
            .map(|s| (s, None))
            .map_err(|e| e.to_string()),
        Shared::Unlockable => Store::open_read_only(&file)
            .map(|s| (s, None))
            .map_err(|e| e.to_string()),
    }
}

fn import(dir: &Path, args: &ImportArgs) -> Result<(), Failure> {
    let now = clock::now();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut store, _lock) = open(dir)?;
    let tag = match &args.tag {
        Some(tag) => tag.clone(),
        None => store
            .default_import_tag(&file_name, now)
            .map_err(Failure::from)?,
    };
    let options = ImportOptions {
        source: args.source,
        tag,
        on_match: match args.on_match {
            OnMatchArg::Merge => OnMatch::Merge,
            OnMatchArg::Skip => OnMatch::Skip,
        },
        per_day: args.per_day,
    };
    // The same mapping the app would use: the one remembered for these headers, or the
    // guess from their names.
    let Opened { info, mut feed } = reader::open(&args.file, |headers| {
        store.remembered_mapping(headers).ok().flatten()
    })
    .map_err(|e| Failure::about(args.file.display(), e))?;
    let mut keep_going = |_| true;
    let report = if args.dry_run {
        store.preview_import(feed.as_mut(), &options, now, &mut keep_going)
    } else {
        store.import(feed.as_mut(), &options, now, &mut keep_going)
    }
    .map_err(|e| Failure::about(args.file.display(), e))?;

    if report.nothing_usable() {
        let mut err = std::io::stderr().lock();
        let _ = summary(&mut err, &args.file, info.format.label(), &report, args);
        return Err(Failure::Failed(format!(
            "nothing in {} could be imported",
            args.file.display()
        )));
    }
    if args.dry_run || args.verbose {
        let mut out = std::io::stdout().lock();
        summary(&mut out, &args.file, info.format.label(), &report, args)
            .map_err(|e| e.to_string())?;
    } else if report.error_count > 0 {
        // The import completed; the rows left out are still worth saying.
        let mut err = std::io::stderr().lock();
        let _ = summary(&mut err, &args.file, info.format.label(), &report, args);
    }
    Ok(())
}

/// The preview or the result in words, one fact a line.
fn summary(
    out: &mut dyn Write,
    file: &Path,
    format: &str,
    r: &ImportReport,
    args: &ImportArgs,
) -> std::io::Result<()> {
    let will = if r.written { "" } else { "would be " };
    writeln!(out, "{} ({format})", file.display())?;
    writeln!(
        out,
        "  {} new{}",
        r.new,
        if r.written { " prospects added" } else { "" }
    )?;
    let matches = match args.on_match {
        OnMatchArg::Skip => format!(
            "{} already here: {will}skipped ({} with something new; --on-match merge fills them in)",
            r.matching, r.with_changes
        ),
        OnMatchArg::Merge => format!(
            "{} already here: {} with something new {will}merged",
            r.matching,
            if r.written { r.merged } else { r.with_changes }
        ),
    };
    writeln!(out, "  {matches}")?;
    writeln!(out, "  {} with errors", r.error_count)?;
    for e in &r.errors {
        writeln!(out, "    {}: {}", e.place, e.reason)?;
    }
    if r.error_count as usize > r.errors.len() {
        writeln!(
            out,
            "    … and {} more",
            r.error_count as usize - r.errors.len()
        )?;
    }
    if let Some(s) = &r.spread {
        writeln!(
            out,
            "  First contacts spread {} a day over {} working day{}, {} to {}",
            s.per_day,
            s.days,
            if s.days == 1 { "" } else { "s" },
            s.first.format("%a %-d %b %Y"),
            s.last.format("%a %-d %b %Y")
        )?;
    }
    if !r.tag.is_empty() && r.new > 0 {
        writeln!(
            out,
            "  New prospects {}tagged \u{201c}{}\u{201d}",
            will, r.tag
        )?;
    }
    if let Some(b) = &r.backup {
        writeln!(out, "  Backup taken first: {b}")?;
    }
    if !r.written {
        writeln!(out, "Nothing was written (--dry-run).")?;
    }
    Ok(())
}

fn export(dir: &Path, args: &ExportArgs) -> Result<(), Failure> {
    let now = clock::now();
    let (store, _lock) = open(dir)?;
    let selection = Selection {
        tag: args.tag.clone(),
        ..Selection::default()
    };
    let kind = ExportKind::from(args.what);
    match file_output(&args.output) {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            store.export(kind, &selection, &mut out, now)?;
            out.flush().map_err(|e| e.to_string())?;
        }
        Some(path) => {
            followthrough_core::export::write_file(path, store.file(), |out| {
                store.export(kind, &selection, out, now).map(|_| ())
            })
            .map_err(|e: Error| Failure::about(path.display(), e))?;
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The file to write ("-": standard output) [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How many weeks ahead, 1 to 12 [default: as set in the app, else 4]
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    /// Only "Follow-up (N)" in each follow-up block: no names or details
    #[arg(long)]
    pub private: bool,
    /// Names and details, whatever the app is set to
    #[arg(long, conflicts_with = "private")]
    pub full: bool,
}

/// The calendar with the app's saved choices (weeks, details), the flags over them;
/// the weeks are checked by the core like the app's setting.
fn calendar(dir: &Path, args: &CalendarArgs) -> Result<(), Failure> {
    use followthrough_core::model::CalendarDetail;
    let now = clock::now();
    let (store, _lock) = open(dir)?;
    let mut prefs = store.calendar_prefs()?;
    if let Some(weeks) = args.weeks {
        prefs.weeks = weeks;
    }
    if args.private {
        prefs.details = CalendarDetail::Private;
    } else if args.full {
        prefs.details = CalendarDetail::Full;
    }
    match file_output(&args.output) {
        None => {
            let text = store.calendar(&prefs, now)?;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::Failed(e.to_string()))
        }
        Some(path) => store
            .write_calendar(path, &prefs, now)
            .map(|_| ())
            .map_err(|e| Failure::about(path.display(), e)),
    }
}

/// The file an `-o` names; none (standard output) when absent or `-`.
fn file_output(output: &Option<PathBuf>) -> Option<&Path> {
    output.as_deref().filter(|p| *p != Path::new("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
