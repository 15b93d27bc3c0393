//! The merge engine: a template's `{{ first_name }}` fields filled in for one prospect.
//!
//! Templates are MiniJinja (a maintained Jinja2 implementation): its parser gives us
//! exact positions for syntax errors such as unbalanced braces, and users who want
//! more than fields can write `{% if company %}…{% endif %}`. We add two rules of our
//! own: every field a template names must be one of [`FIELDS`] (checked when it is
//! saved, with the position to highlight), and a field with no value for this prospect
//! is shown as missing — in the preview and in the draft — never silently blank.
//!
//! Merged output is plain text. Nothing is escaped or interpreted as markup here; the
//! UI puts it into the page as text, the PDF draws it as glyphs, and URLs percent-encode
//! it. To tell merged values from the template's own words (for the preview), each
//! field's output is wrapped in private-use marker characters, which are stripped from
//! every input first so user text can never forge one.

use crate::error::{Error, Result};
use crate::limits;
use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Every field a template may name, with the label the UI shows and an example.
pub const FIELDS: &[FieldInfo] = &[
    FieldInfo::new("first_name", "First name", "Dana"),
    FieldInfo::new("last_name", "Last name", "Whitfield"),
    FieldInfo::new("full_name", "Full name", "Dana Whitfield"),
    FieldInfo::new("company", "Company", "Harbor Dental"),
    FieldInfo::new("title", "Title", "Office manager"),
    FieldInfo::new("city", "City", "Portland"),
    FieldInfo::new(
        "last_talked_about",
        "What you last talked about",
        "the new patient portal",
    ),
    FieldInfo::new("next_step", "Agreed next step", "demo with the partners"),
    FieldInfo::new("reason", "Reason for this touch", "Delta Dental fee change"),
    FieldInfo::new(
        "reason_detail",
        "Reason, in detail",
        "Fees for cleanings move on 1 March",
    ),
    FieldInfo::new(
        "reason_link",
        "Reason's link",
        "https://example.com/fee-change",
    ),
    FieldInfo::new("my_name", "Your name", "Sam Rivera"),
    FieldInfo::new("my_company", "Your company", "Brightline Supply"),
    FieldInfo::new(
        "signature",
        "Your signature",
        "Sam Rivera\nBrightline Supply",
    ),
];

#[derive(Debug, Clone, Copy, Serialize)]
pub struct FieldInfo {
    pub name: &'static str,
    pub label: &'static str,
    pub example: &'static str,
}

impl FieldInfo {
    const fn new(name: &'static str, label: &'static str, example: &'static str) -> Self {
        FieldInfo {
            name,
            label,
            example,
        }
    }
}

pub fn field_label(name: &str) -> &str {
    FIELDS
        .iter()
        .find(|f| f.name == name)
        .map_or(name, |f| f.label)
}

/// The values for one merge: field name → value. A field absent (or blank) here is
/// shown as missing.
pub type Values = BTreeMap<&'static str, String>;

/// One run of merged output, for the preview: the template's own words, a merged
/// value, or a field this prospect has no value for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    Text { text: String },
    Value { field: String, text: String },
    Missing { field: String, label: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merged {
    pub segments: Vec<Segment>,
    /// The merged text, with each missing field written as `[First name]` so it stands
    /// out in a draft the user edits.
    pub text: String,
    /// The fields this prospect has no value for, in order of first use.
    pub missing: Vec<String>,
}

// Private-use code points: never typed, and stripped from every input below.
const OPEN: char = '\u{E000}';
const SEP: char = '\u{E001}';
const CLOSE: char = '\u{E002}';
const MISSING: char = '\u{E003}';

fn strip_markers(s: &str) -> String {
    s.chars()
        .filter(|c| ![OPEN, SEP, CLOSE, MISSING].contains(c))
        .collect()
}

/// A field's value inside the template engine. Truthy only when it has a value, so
/// `{% if company %}` reads naturally; rendered by the formatter below with markers.
#[derive(Debug)]
struct Field {
    name: &'static str,
    value: Option<String>,
}

impl Object for Field {
    fn is_true(self: &Arc<Self>) -> bool {
        self.value.is_some()
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Used when a filter or `~` turns the field into a string (`{{ company|upper }}`):
        // a missing value still shows, as its placeholder, never as nothing.
        match &self.value {
            Some(v) => f.write_str(v),
            None => write!(f, "[{}]", field_label(self.name)),
        }
    }
}

/// The one template environment, configured once and shared (fuel is counted per merge).
fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(configure)
}

fn configure() -> Environment<'static> {
    let mut env = Environment::new();
    // Output is text for the user to read and edit, never HTML.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Spans for syntax errors, so the UI can highlight the fault.
    env.set_debug(true);
    // Unknown names are refused at save time (see `check`); at merge time every known
    // field is defined, so anything undefined is a mistake worth an error.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // A template is a few lines of text; a loop of loops is a mistake, and must not hold
    // the database thread while it is checked or merged.
    env.set_fuel(Some(50_000));
    env.set_formatter(|out, _state, value| {
        let res = if let Some(field) = value.downcast_object_ref::<Field>() {
            match &field.value {
                Some(v) => write!(out, "{OPEN}{}{SEP}{v}{CLOSE}", field.name),
                None => write!(out, "{MISSING}{}{CLOSE}", field.name),
            }
        } else if value.is_none() || value.is_undefined() {
            Ok(())
        } else {
            write!(out, "{value}")
        };
        res.map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    env
}

/// Checks a template's text: balanced `{{ }}` and `{% %}`, and only known fields. The
/// error carries the position to highlight (in UTF-16 units, as the UI's text boxes
/// count), and names the field (`field_name`: "subject" or "body").
pub fn check(source: &str, field_name: &'static str) -> Result<()> {
    fits_parser(source, field_name)?;
    let source = strip_markers(source);
    let env = environment();
    let template = env.template_from_str(&source).map_err(|e| {
        let range = e.range().unwrap_or(0..source.len());
        Error::Template {
            field: field_name,
            message: syntax_message(&e),
            start: utf16_at(&source, range.start),
            end: utf16_at(&source, range.end),
        }
    })?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|name| !FIELDS.iter().any(|f| f.name == name))
        .collect();
    unknown.sort();
    if let Some(name) = unknown.first() {
        let (start, end) = find_name(&source, name).unwrap_or((0, 0));
        let known: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        return Err(Error::Template {
            field: field_name,
            message: format!(
                "\u{201c}{name}\u{201d} is not a merge field. Use one of: {}.",
                known.join(", ")
            ),
            start: utf16_at(&source, start),
            end: utf16_at(&source, end),
        });
    }
    // A trial merge with every field missing catches what parsing cannot (an unknown
    // filter, say) before the template is saved rather than when it is used.
    merge_in(env, &source, &Values::new()).map_err(|e| Error::Template {
        field: field_name,
        message: format!(
            "This template can't be filled in: {}",
            e.detail().unwrap_or("check the {{ }} parts")
        ),
        start: 0,
        end: 0,
    })?;
    Ok(())
}

/// Fills a template in for one set of values. The template should have passed
/// [`check`]; if it no longer does (a field removed in a later version, say), the error
/// says so instead of producing a half-merged text.
pub fn merge(source: &str, values: &Values) -> Result<Merged> {
    merge_field(source, values, "body")
}

/// [`merge`] for a named part of a template (`"subject"`), so an error points there.
pub fn merge_field(source: &str, values: &Values, field_name: &'static str) -> Result<Merged> {
    fits_parser(source, field_name)?;
    let env = environment();
    merge_in(env, &strip_markers(source), values).map_err(|e| Error::Template {
        field: field_name,
        message: format!("This template can't be filled in: {}", syntax_message(&e)),
        start: 0,
        end: 0,
    })
}

/// No text longer than a template may be reaches the parser, whoever calls: its cost
/// grows with the text, and it runs on the database's thread.
fn fits_parser(source: &str, field_name: &'static str) -> Result<()> {
    limits::check_length(field_name, "The template", source, limits::TEMPLATE_BODY)
}

fn merge_in(
    env: &Environment<'static>,
    source: &str,
    values: &Values,
) -> std::result::Result<Merged, minijinja::Error> {
    let context: BTreeMap<&str, Value> = FIELDS
        .iter()
        .map(|f| {
            let value = values
                .get(f.name)
                .map(|v| strip_markers(v.trim()))
                .filter(|v| !v.is_empty());
            (
                f.name,
                Value::from_object(Field {
                    name: f.name,
                    value,
                }),
            )
        })
        .collect();
    let rendered = env.render_str(source, context)?;
    Ok(split(&rendered))
}

/// The `[Label]` placeholders for missing fields still in a text the user edited: a note
/// must not go to the printer or the post with one in it.
pub fn placeholders(text: &str) -> Vec<&'static str> {
    // Case-insensitive: `{{ company|upper }}` writes `[COMPANY]`.
    let text = text.to_lowercase();
    FIELDS
        .iter()
        .map(|f| f.label)
        .filter(|label| text.contains(&format!("[{}]", label.to_lowercase())))
        .collect()
}

/// Splits rendered output at the markers into segments.
fn split(rendered: &str) -> Merged {
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut missing: Vec<String> = Vec::new();
    let mut rest = rendered;
    while let Some(pos) = rest.find([OPEN, MISSING]) {
        if pos > 0 {
            push_text(&mut segments, &rest[..pos]);
            text.push_str(&rest[..pos]);
        }
        let marker = rest[pos..].chars().next().unwrap_or(OPEN);
        let body_start = pos + marker.len_utf8();
        let Some(close) = rest[body_start..].find(CLOSE) else {
            // Cannot happen (the formatter always closes); keep the text rather than lose it.
            let tail = strip_markers(&rest[pos..]);
            push_text(&mut segments, &tail);
            text.push_str(&tail);
            rest = "";
            break;
        };
        let inner = &rest[body_start..body_start + close];
        if marker == MISSING {
            let label = field_label(inner).to_string();
            text.push_str(&format!("[{label}]"));
            if !missing.iter().any(|m| m == inner) {
                missing.push(inner.to_string());
            }
            segments.push(Segment::Missing {
                field: inner.to_string(),
                label,
            });
        } else {
            let (field, value) = inner.split_once(SEP).unwrap_or((inner, ""));
            text.push_str(value);
            segments.push(Segment::Value {
                field: field.to_string(),
                text: value.to_string(),
            });
        }
        rest = &rest[body_start + close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        push_text(&mut segments, rest);
        text.push_str(rest);
    }
    Merged {
        segments,
        text,
        missing,
    }
}

fn push_text(segments: &mut Vec<Segment>, s: &str) {
    if let Some(Segment::Text { text }) = segments.last_mut() {
        text.push_str(s);
    } else {
        segments.push(Segment::Text {
            text: s.to_string(),
        });
    }
}

/// MiniJinja's message, in words for someone who has never heard of Jinja.
fn syntax_message(e: &minijinja::Error) -> String {
    let detail = e.detail().unwrap_or("the template could not be read");
    let line = e.line().map(|l| format!(" (line {l})")).unwrap_or_default();
    // An unclosed {{ or {% reads, to the parser, as a block that never ends.
    let unbalanced = [
        "end of input",
        "unexpected `}`",
        "expected end of variable block",
        "expected end of block",
    ];
    if unbalanced.iter().any(|u| detail.contains(u)) {
        format!("Unbalanced braces{line}: every {{{{ needs a matching }}}}, and every {{% a matching %}}.")
    } else {
        let detail = detail
            .replace("variable block", "{{ }} part")
            .replace("block", "{% %} part");
        format!("The template can't be read{line}: {detail}.")
    }
}

/// Where `name` first appears inside a `{{ }}` or `{% %}` block, as byte offsets.
fn find_name(source: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = source[from..].find(name) {
        let start = from + i;
        let end = start + name.len();
        let before = source[..start].chars().next_back();
        let after = source[end..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let opened = source[..start]
            .rfind('{')
            .is_some_and(|o| !source[o..start].contains('}'));
        if !is_word(before) && !is_word(after) && opened {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// A byte offset as the number of UTF-16 code units before it (what a browser's
/// `setSelectionRange` counts).
fn utf16_at(s: &str, byte: usize) -> usize {
    let byte = byte.min(s.len());
    let mut b = byte;
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&'static str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn fields_are_merged_and_marked() {
        let m = merge(
            "Hi {{ first_name }}, about {{company}}.",
            &values(&[("first_name", "Dana"), ("company", "Harbor Dental")]),
        )
        .unwrap();
        assert_eq!(m.text, "Hi Dana, about Harbor Dental.");
        assert_eq!(
            m.segments,
            vec![
                Segment::Text { text: "Hi ".into() },
                Segment::Value {
                    field: "first_name".into(),
                    text: "Dana".into()
                },
                Segment::Text {
                    text: ", about ".into()
                },
                Segment::Value {
                    field: "company".into(),
                    text: "Harbor Dental".into()
                },
                Segment::Text { text: ".".into() },
            ]
        );
        assert!(m.missing.is_empty());
    }

    #[test]
    fn a_missing_value_is_shown_not_blank() {
        let m = merge(
            "Hi {{ first_name }} at {{ company }}",
            &values(&[("first_name", "Dana"), ("company", "  ")]),
        )
        .unwrap();
        assert_eq!(m.text, "Hi Dana at [Company]");
        assert_eq!(m.missing, vec!["company".to_string()]);
        assert!(
            matches!(m.segments.last(), Some(Segment::Missing { field, .. }) if field == "company")
        );
    }

    #[test]
    fn conditions_read_naturally() {
        let src = "Hi {{ first_name }}{% if company %} at {{ company }}{% endif %}!";
        assert_eq!(
            merge(src, &values(&[("first_name", "Al")])).unwrap().text,
            "Hi Al!"
        );
        assert_eq!(
            merge(src, &values(&[("first_name", "Al"), ("company", "Acme")]))
                .unwrap()
                .text,
            "Hi Al at Acme!"
        );
        assert_eq!(
            merge("{{ company|upper }}", &values(&[("company", "Acme")]))
                .unwrap()
                .text,
            "ACME"
        );
    }

    #[test]
    fn a_missing_field_through_a_filter_still_shows_and_is_caught() {
        let m = merge(
            "Hi {{ first_name }} of {{ company|upper }}",
            &values(&[("first_name", "Al")]),
        )
        .unwrap();
        assert_eq!(m.text, "Hi Al of [COMPANY]");
        assert_eq!(placeholders(&m.text), vec!["Company"]);
        assert!(placeholders("Hi Al of ACME").is_empty());
    }

    #[test]
    fn a_runaway_loop_is_stopped() {
        let err = check(
            "{% for a in range(1000) %}{% for b in range(1000) %}x{% endfor %}{% endfor %}",
            "body",
        );
        assert!(err.is_err());
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_position() {
        let err = check("Hi {{ frist_name }}!", "body").unwrap_err();
        match err {
            Error::Template {
                field,
                message,
                start,
                end,
            } => {
                assert_eq!(field, "body");
                assert!(message.contains("frist_name"), "{message}");
                assert_eq!((start, end), (6, 16));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unbalanced_braces_are_refused() {
        for bad in [
            "Hi {{ first_name",
            "Hi {{ first_name }",
            "{% if company %}x",
            "Hi {{ }}",
        ] {
            let err = check(bad, "body").unwrap_err();
            assert_eq!(err.code(), "invalid", "{bad}");
            assert_eq!(err.field(), Some("body"));
        }
        let err = check("Hi {{ first_name, there", "body").unwrap_err();
        assert!(err.to_string().starts_with("Unbalanced braces"), "{err}");
        check(
            "Plain text with a } brace and {single} ones is fine",
            "body",
        )
        .unwrap();
    }

    #[test]
    fn positions_count_utf16_units() {
        // "é" is one UTF-16 unit, "😀" two.
        let err = check("é😀 {{ nope }}", "body").unwrap_err();
        let Error::Template { start, .. } = err else {
            panic!()
        };
        assert_eq!(start, 7);
    }

    #[test]
    fn user_text_cannot_forge_markers() {
        let sneaky = format!("{MISSING}company{CLOSE}");
        let m = merge("{{ first_name }}", &values(&[("first_name", &sneaky)])).unwrap();
        assert_eq!(m.text, "company");
        assert!(m.missing.is_empty());
    }
}
