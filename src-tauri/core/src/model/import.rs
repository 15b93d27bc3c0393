//! What an import's mapping step speaks of: the fields a file's column can be brought
//! into, and the kinds of contacts file the readers recognise.

use serde::{Deserialize, Serialize};

text_enum!(
    /// What a column of a contacts file holds, as the user maps it (or as a known
    /// format's own header says).
    Field {
        Ignore = "ignore": "Don't import",
        FullName = "name": "Full name",
        GivenName = "given_name": "First name",
        MiddleName = "middle_name": "Middle name",
        FamilyName = "family_name": "Last name",
        Prefix = "prefix": "Name prefix (Dr., Ms.)",
        Suffix = "suffix": "Name suffix (Jr., PhD)",
        Company = "company": "Company",
        Title = "title": "Job title",
        Email = "email": "Email",
        Phone = "phone": "Phone",
        Street = "street": "Street",
        City = "city": "City",
        Region = "region": "State or region",
        PostalCode = "postal_code": "Postal code",
        Country = "country": "Country",
        Website = "website": "Website",
        LinkedIn = "linkedin": "LinkedIn",
        Notes = "notes": "Notes",
        Tags = "tags": "Tags / groups",
        Birthday = "birthday": "Birthday",
        // What Follow Through's own CSV carries besides the contact; also offered for
        // any file whose columns hold the same (by value or label).
        Source = "source": "Source",
        Stage = "stage": "Stage",
        Status = "status": "Status",
        StatusReason = "status_reason": "Status reason",
        TimeZone = "time_zone": "Time zone",
        PreferredChannel = "preferred_channel": "Preferred channel",
        PreferredDays = "preferred_days": "Preferred days",
        PreferredTime = "preferred_time": "Preferred time",
    }
);

text_enum!(
    /// The kind of file being imported. The first four are known by their header rows or
    /// their syntax and need no mapping step; a plain CSV is mapped by the user.
    Format {
        GoogleCsv = "google_csv": "Google Contacts CSV",
        OutlookCsv = "outlook_csv": "Outlook CSV",
        LinkedInCsv = "linkedin_csv": "LinkedIn connections CSV",
        FollowThroughCsv = "followthrough_csv": "Follow Through CSV",
        Csv = "csv": "CSV",
        VCard = "vcard": "vCard",
        Dossier = "dossier": "Follow Through dossier",
    }
);
