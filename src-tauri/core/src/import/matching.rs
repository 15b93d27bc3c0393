//! Who in the book a contact from a file already is, and what merging it in changes.
//! Pure rules: the store keeps the identities it has seen for the length of one import
//! (`store::identities`).

use crate::model::ProspectInput;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The ways two contacts are the same person, strongest first: an email address, a
/// LinkedIn profile, the same name on the same phone number, or the same name at the
/// same company. A number alone is not a person: colleagues share a switchboard
/// ("Company Main Phone" in an Outlook export), and taking one for the other would skip
/// a new contact as "already here", or merge their email into someone else.
///
/// A contact with none of those (a name, perhaps an address or a website) is known by
/// its name with them, so importing the same file again creates nobody twice. Only such
/// a contact has that key: a name alone never matches anyone who has an identity of
/// their own (two Jenny Lees at different firms stay two people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Email,
    LinkedIn,
    Phone,
    NameCompany,
    NameOnly,
}

/// The normalised identities of a contact, each as a 64-bit hash so the index stays
/// small for a large book (a collision, about one in 10^9 at a million keys, is caught
/// by `same_person` before anything is merged). Worked out once per contact: an import
/// looks a contact up and then adds it under the same keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys(Vec<u64>, bool);

impl Keys {
    /// Strongest first.
    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.iter().copied()
    }

    /// The contact has only its name to be known by (see `Kind`): then its address and
    /// website are part of its identity.
    pub fn named_only(&self) -> bool {
        self.1
    }

    /// Keys made up by a test.
    #[cfg(test)]
    pub(crate) fn from_raw(keys: Vec<u64>) -> Self {
        Keys(keys, false)
    }
}

pub fn keys(c: &ProspectInput) -> Keys {
    let mut out = Vec::new();
    for e in &c.emails {
        let e = e.trim().to_lowercase();
        if !e.is_empty() {
            out.push(hash(Kind::Email, &e));
        }
    }
    if let Some(l) = linkedin_key(&c.linkedin) {
        out.push(hash(Kind::LinkedIn, &l));
    }
    let (name, company) = (fold(&c.name), fold(&c.company));
    for p in &c.phones {
        if let Some(p) = phone_key(p) {
            out.push(hash(Kind::Phone, &format!("{name}\u{1f}{p}")));
        }
    }
    if !name.is_empty() && !company.is_empty() {
        out.push(hash(Kind::NameCompany, &format!("{name}\u{1f}{company}")));
    }
    let named = out.is_empty() && !name.is_empty();
    if named {
        let address = fold(&c.address.lines().join(" "));
        let website = website_key(&c.website);
        out.push(hash(
            Kind::NameOnly,
            &format!("{name}\u{1f}{address}\u{1f}{website}"),
        ));
    }
    Keys(out, named)
}

/// Whether two contacts share an identity (the check behind a hash match).
pub fn same_person(a: &ProspectInput, b: &ProspectInput) -> bool {
    let ka = keys(a);
    keys(b).0.iter().any(|k| ka.0.contains(k))
}

/// Merging `incoming` into `existing`: empty fields are filled, new emails, phones and
/// tags are added, notes that aren't there yet are appended below; nothing already
/// there is overwritten. `None` when the file adds nothing.
pub fn fill(existing: &ProspectInput, incoming: &ProspectInput) -> Option<ProspectInput> {
    let mut out = existing.clone();
    for (mine, theirs) in [
        (&mut out.company, &incoming.company),
        (&mut out.title, &incoming.title),
        (&mut out.linkedin, &incoming.linkedin),
        (&mut out.website, &incoming.website),
    ] {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            mine.clone_from(theirs);
        }
    }
    if out.address.is_empty() && !incoming.address.is_empty() {
        out.address = incoming.address.clone();
    }
    for e in &incoming.emails {
        let key = e.trim().to_lowercase();
        if !key.is_empty() && !out.emails.iter().any(|o| o.trim().to_lowercase() == key) {
            out.emails.push(e.clone());
        }
    }
    for p in &incoming.phones {
        let key = phone_key(p);
        if key.is_some() && !out.phones.iter().any(|o| phone_key(o) == key) {
            out.phones.push(p.clone());
        }
    }
    for t in &incoming.tags {
        if !out
            .tags
            .iter()
            .any(|o| o.to_lowercase() == t.to_lowercase())
        {
            out.tags.push(t.clone());
        }
    }
    let notes = incoming.notes.trim();
    if !notes.is_empty() && !out.notes.contains(notes) {
        out.notes = if out.notes.trim().is_empty() {
            notes.to_string()
        } else {
            format!("{}\n\n{notes}", out.notes.trim_end())
        };
    }
    let changed = out.company != existing.company
        || out.title != existing.title
        || out.linkedin != existing.linkedin
        || out.website != existing.website
        || out.address != existing.address
        || out.emails != existing.emails
        || out.phones != existing.phones
        || out.tags != existing.tags
        || out.notes != existing.notes;
    changed.then_some(out)
}

/// A phone number as its digits. Numbers equal in their last ten digits match, so
/// "+1 (312) 555-0100" and "312.555.0100" are one number; an extension is left out.
fn phone_key(p: &str) -> Option<String> {
    let number = p
        .to_ascii_lowercase()
        .split(['x', 'e', ','])
        .next()
        .unwrap_or_default()
        .to_string();
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return None;
    }
    let skip = digits.len().saturating_sub(10);
    Some(digits[skip..].to_string())
}

/// A LinkedIn URL as the profile path: scheme, `www.`, country subdomains, a query and
/// trailing slashes don't make a different person.
fn linkedin_key(url: &str) -> Option<String> {
    let u = without_scheme(url);
    let at = u.find("linkedin.com/")?;
    let path = u[at + "linkedin.com/".len()..]
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    (!path.is_empty()).then(|| path.to_string())
}

/// A website as its host and path: the scheme, `www.` and a trailing slash don't make
/// a different place.
fn website_key(url: &str) -> String {
    without_scheme(url)
        .trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string()
}

/// A URL in lower case without its `https://` or `http://`.
fn without_scheme(url: &str) -> String {
    let u = url.trim().to_lowercase();
    u.trim_start_matches("https://")
        .trim_start_matches("http://")
        .to_string()
}

/// Case- and space-insensitive text for the name + company match.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn hash(kind: Kind, text: &str) -> u64 {
    // SipHash with fixed keys: the same text hashes the same in every run.
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, company: &str) -> ProspectInput {
        ProspectInput {
            name: name.into(),
            company: company.into(),
            ..ProspectInput::default()
        }
    }

    #[test]
    fn matches_on_each_identity() {
        let mut jenny = contact("Jenny Lee", "Acme Dental");
        jenny.emails = vec!["Jenny@Acme.example".into()];
        jenny.phones = vec!["+1 (312) 555-0100".into()];
        jenny.linkedin = "https://www.linkedin.com/in/jennylee/".into();

        let mut by_email = contact("J. Lee", "");
        by_email.emails = vec![" jenny@acme.example".into()];
        assert!(same_person(&jenny, &by_email));

        let mut by_phone = contact("jenny lee", "");
        by_phone.phones = vec!["312.555.0100 x12".into()];
        assert!(same_person(&jenny, &by_phone));
        // Bob at the same switchboard is someone else.
        let mut colleague = contact("Bob Stone", "Acme Dental");
        colleague.phones = vec!["+1 312 555 0100".into()];
        colleague.emails = vec!["bob@acme.example".into()];
        assert!(!same_person(&jenny, &colleague));

        let mut by_profile = contact("Someone", "");
        by_profile.linkedin = "linkedin.com/in/JennyLee?trk=x".into();
        assert!(same_person(&jenny, &by_profile));

        assert!(same_person(&jenny, &contact("jenny  lee", "ACME dental")));
        // A name alone is not enough: two Jenny Lees at different firms are two people.
        assert!(!same_person(&jenny, &contact("Jenny Lee", "")));
        assert!(!same_person(&jenny, &contact("Jenny Lee", "Other Co")));
    }

    #[test]
    fn a_contact_with_only_a_name_is_known_by_it() {
        let jenny = contact("Jenny Lee", "");
        assert!(keys(&jenny).named_only());
        assert!(same_person(&jenny, &contact(" jenny  LEE", "")));
        assert!(!same_person(&jenny, &contact("Jenny Leigh", "")));
        // Her address and website, when she has them, are part of who she is.
        let mut at_home = jenny.clone();
        at_home.address.city = "Chicago".into();
        at_home.website = "https://www.jennylee.example/".into();
        let mut same = contact("Jenny Lee", "");
        same.address.city = "chicago".into();
        same.website = "jennylee.example".into();
        assert!(same_person(&at_home, &same));
        assert!(!same_person(&at_home, &jenny));
        // Someone with an identity of their own never has this one.
        let mut reachable = contact("Jenny Lee", "");
        reachable.emails = vec!["jenny@acme.example".into()];
        assert!(!keys(&reachable).named_only());
        assert!(!same_person(&jenny, &reachable));
        assert!(keys(&contact("", "")).iter().next().is_none());
    }

    #[test]
    fn keys_come_strongest_first() {
        let mut jenny = contact("Jenny Lee", "Acme Dental");
        jenny.phones = vec!["312 555 0100".into()];
        jenny.linkedin = "linkedin.com/in/jennylee".into();
        jenny.emails = vec!["jenny@acme.example".into()];
        let kinds = [Kind::Email, Kind::LinkedIn, Kind::Phone, Kind::NameCompany];
        let expected = [
            hash(kinds[0], "jenny@acme.example"),
            hash(kinds[1], "in/jennylee"),
            hash(kinds[2], "jenny lee\u{1f}3125550100"),
            hash(kinds[3], "jenny lee\u{1f}acme dental"),
        ];
        assert_eq!(keys(&jenny).iter().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn merging_fills_gaps_and_never_overwrites() {
        let mut mine = contact("Jenny Lee", "Acme Dental");
        mine.emails = vec!["jenny@acme.example".into()];
        mine.notes = "Prefers mornings.".into();
        let mut theirs = contact("Jennifer Lee", "Acme Dental Group");
        theirs.title = "Office manager".into();
        theirs.emails = vec!["JENNY@acme.example".into(), "j.lee@home.example".into()];
        theirs.phones = vec!["312 555 0100".into()];
        theirs.notes = "Met at the expo.".into();
        theirs.tags = vec!["Expo".into()];

        let merged = fill(&mine, &theirs).unwrap();
        assert_eq!(merged.name, "Jenny Lee");
        assert_eq!(merged.company, "Acme Dental");
        assert_eq!(merged.title, "Office manager");
        assert_eq!(merged.emails, ["jenny@acme.example", "j.lee@home.example"]);
        assert_eq!(merged.phones, ["312 555 0100"]);
        assert_eq!(merged.notes, "Prefers mornings.\n\nMet at the expo.");
        assert_eq!(merged.tags, ["Expo"]);
        // Merging the same file again adds nothing.
        assert!(fill(&merged, &theirs).is_none());
    }
}
