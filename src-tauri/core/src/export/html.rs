//! The dossier for reading: one self-contained HTML page (inline CSS, no scripts, no
//! outside resources) a manager can open in any browser and print, one prospect per
//! printed page.
//!
//! User text is never markup: the page is built through [`Page`], whose only way to
//! add markup takes `&'static str` (text written here), while everything else, the
//! user's text, numbers and dates alike, goes through [`Page::text`], which escapes it.

use super::{io, Entry};
use crate::cadence::steps_taken;
use crate::error::Result;
use crate::model::Prospect;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt::Write as _;
use std::io::Write;

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6576; --line: #d9dee6; --band: #f4f6f9; --accent: #2f5bd3; }
* { box-sizing: border-box; }
body { margin: 0; padding: 32px 40px 64px; font: 14px/1.5 "Inter", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header.cover { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 28px; }
header.cover h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
header.cover p { margin: 0; color: var(--muted); }
section.prospect { margin: 0 0 40px; }
section.prospect + section.prospect { border-top: 1px solid var(--line); padding-top: 32px; }
h2 { font-size: 20px; margin: 0; }
.role { color: var(--muted); margin: 2px 0 12px; }
.badges { margin: 0 0 16px; }
.badge { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 1px 10px; margin: 0 6px 6px 0; font-size: 12px; background: var(--band); }
.badge.status { border-color: var(--accent); color: var(--accent); background: #fff; font-weight: 600; }
.reason { margin: -8px 0 16px; color: var(--muted); }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 32px; }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 20px 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.multiline { white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
td.when { white-space: nowrap; }
.notes { white-space: pre-wrap; background: var(--band); border-radius: 6px; padding: 10px 12px; margin: 0; }
.none { color: var(--muted); font-style: italic; }
@page { margin: 16mm 14mm; }
@media print {
  body { padding: 0; font-size: 11pt; }
  header.cover { margin-bottom: 18px; }
  section.prospect + section.prospect { break-before: page; border-top: none; padding-top: 0; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .badge.status { color: #000; border-color: #000; }
}
"#;

/// An HTML document being built: markup only from this module's literals, text always
/// escaped.
struct Page(String);

impl Page {
    fn markup(&mut self, html: &'static str) -> &mut Self {
        self.0.push_str(html);
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        // Writing into a String cannot fail.
        let _ = write!(self.0, "{}", minijinja::HtmlEscape(text));
        self
    }

    /// `<open>text</close>`.
    fn element(&mut self, open: &'static str, text: &str, close: &'static str) -> &mut Self {
        self.markup(open).text(text).markup(close)
    }
}

/// Writes the page: the head and cover at once, a section per prospect, the end.
pub struct Writer<W: Write> {
    out: W,
    zone: Tz,
}

impl<W: Write> Writer<W> {
    /// `selection` names who is in it ("Everyone", "Tagged “west”"); times are shown in
    /// `zone`, the user's working zone.
    pub fn new(
        mut out: W,
        selection: &str,
        now: DateTime<Utc>,
        prospects: u32,
        zone: Tz,
    ) -> Result<Self> {
        let date = now.with_timezone(&zone).format("%-d %B %Y").to_string();
        let title = format!("Dossier: {selection}, {date}");
        let mut page = Page(String::with_capacity(STYLE.len() + 512));
        page.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .element("<title>", &title, "</title>\n")
            .markup("<style>")
            .markup(STYLE)
            .markup("</style>\n</head>\n<body>\n<header class=\"cover\">\n")
            .element("<h1>", &title, "</h1>\n")
            .element(
                "<p>",
                &format!(
                    "{} · exported {} · times in {}",
                    count(prospects, "prospect", "prospects"),
                    local(now, zone),
                    zone.name()
                ),
                "</p>\n",
            )
            .markup("</header>\n");
        out.write_all(page.0.as_bytes()).map_err(io)?;
        Ok(Writer { out, zone })
    }

    pub fn write(&mut self, e: &Entry) -> Result<()> {
        let page = section(e, self.zone);
        self.out.write_all(page.0.as_bytes()).map_err(io)
    }

    pub fn finish(mut self) -> Result<()> {
        self.out.write_all(b"</body>\n</html>\n").map_err(io)?;
        self.out.flush().map_err(io)
    }
}

fn section(e: &Entry, zone: Tz) -> Page {
    let p = &e.prospect;
    let mut page = Page(String::with_capacity(2048));
    page.markup("<section class=\"prospect\">\n")
        .element("<h2>", &p.name, "</h2>\n");
    let role = [p.title.as_str(), p.company.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if !role.is_empty() {
        page.element("<p class=\"role\">", &role, "</p>\n");
    }
    page.markup("<p class=\"badges\">")
        .element("<span class=\"badge status\">", p.status.label(), "</span>")
        .element(
            "<span class=\"badge\">",
            &format!("Stage: {}", p.stage.label()),
            "</span>",
        )
        .element(
            "<span class=\"badge\">",
            &format!("Source: {}", p.source.label()),
            "</span>",
        );
    for tag in &p.tags {
        page.element("<span class=\"badge\">", &format!("#{tag}"), "</span>");
    }
    page.markup("</p>\n");
    if !p.status_reason.is_empty() {
        page.element(
            "<p class=\"reason\">",
            &format!("Why: {}", p.status_reason),
            "</p>\n",
        );
    }

    page.markup("<div class=\"columns\">\n<div>\n<h3>Contact</h3>\n<dl>\n");
    contact(&mut page, p);
    page.markup("</dl>\n</div>\n<div>\n<h3>Follow-up</h3>\n<dl>\n");
    followup(&mut page, e, zone);
    page.markup("</dl>\n</div>\n</div>\n");

    page.element(
        "<h3>",
        &format!(
            "History ({})",
            count(e.touches.len() as u32, "touch", "touches")
        ),
        "</h3>\n",
    );
    if e.touches.is_empty() {
        page.markup("<p class=\"none\">No touches yet.</p>\n");
    } else {
        page.markup(
            "<table>\n<thead><tr><th>When</th><th>Channel</th><th>Outcome</th>\
             <th>Touchpoint</th><th>Note</th><th>Message</th></tr></thead>\n<tbody>\n",
        );
        for t in &e.touches {
            let kind = match (t.inbound, t.counts) {
                (true, _) => "They reached out",
                (false, true) => "Yes",
                (false, false) => "No (reached nobody)",
            };
            page.element("<tr><td class=\"when\">", &local(t.at, zone), "</td>")
                .element("<td>", t.channel.label(), "</td>")
                .element("<td>", t.outcome.label(), "</td>")
                .element("<td>", kind, "</td>")
                .element("<td class=\"multiline\">", &t.note, "</td>")
                .element("<td class=\"multiline\">", &t.message, "</td></tr>\n");
        }
        page.markup("</tbody>\n</table>\n");
    }
    if !e.skips.is_empty() {
        page.markup("<h3>Skipped</h3>\n<dl>\n");
        for s in &e.skips {
            row(&mut page, &local(s.at, zone), &s.reason);
        }
        page.markup("</dl>\n");
    }
    page.markup("<h3>Notes</h3>\n");
    if p.notes.is_empty() {
        page.markup("<p class=\"none\">No notes.</p>\n");
    } else {
        page.element("<p class=\"notes\">", &p.notes, "</p>\n");
    }
    page.markup("</section>\n");
    page
}

fn contact(page: &mut Page, p: &Prospect) {
    let lists = [("Email", &p.emails), ("Phone", &p.phones)];
    for (label, values) in lists {
        for v in values {
            row(page, label, v);
        }
    }
    row(page, "LinkedIn", &p.linkedin);
    row(page, "Website", &p.website);
    row(page, "Address", &p.address_lines.join("\n"));
    row(page, "Time zone", &p.time_zone);
    row(
        page,
        "Prefers",
        &[
            p.preferred_channel
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
            p.preferred_days
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join(", "),
            p.preferred_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · "),
    );
}

fn followup(page: &mut Page, e: &Entry, zone: Tz) {
    let p = &e.prospect;
    if let Some(plan) = &e.plan {
        let started = e.plan_started_at.unwrap_or(p.created_at);
        let position = match plan.step(steps_taken(&e.touches, started)) {
            Some((i, _)) => format!("step {} of {}", i + 1, plan.name),
            None => format!("{} (finished)", plan.name),
        };
        row(page, "Plan", &position);
    }
    row(
        page,
        "Next due",
        &p.next_due_at
            .map(|t| local(t, zone))
            .unwrap_or_else(|| "Nothing due".into()),
    );
    if let Some(step) = &p.next_step {
        let text = if step.note.is_empty() {
            local(step.at, zone)
        } else {
            format!("{} · {}", local(step.at, zone), step.note)
        };
        row(page, "Next step", &text);
    }
    if p.paused {
        row(page, "Paused", "Yes");
    }
    if let Some(until) = p.snoozed_until {
        row(page, "Snoozed until", &local(until, zone));
    }
    row(
        page,
        "Touchpoints",
        &format!(
            "{} ({})",
            p.stats.touchpoints,
            count(p.stats.attempts, "attempt", "attempts")
        ),
    );
    if let Some(last) = p.stats.last_touch_at {
        row(page, "Last touched", &local(last, zone));
    }
    row(page, "Added", &local(p.created_at, zone));
}

/// A `<dt>`/`<dd>` pair; an empty value is left out.
fn row(page: &mut Page, label: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    page.element("<dt>", label, "</dt>")
        .element("<dd class=\"multiline\">", value, "</dd>\n");
}

fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_is_not() {
        let mut page = Page(String::new());
        page.element("<p>", "<script>alert('x')</script> & \"q\"", "</p>");
        assert_eq!(
            page.0,
            "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &quot;q&quot;</p>"
        );
    }
}
